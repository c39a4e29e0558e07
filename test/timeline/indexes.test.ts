// What the timeline answers from its indexes equals what reading everything it holds gives: events
// by reason and by involved object, the spam-filter budgets, a Deployment's pods by owner, a
// Service's endpoints from the slices indexed by service; and the pod and event deliveries it
// believes, judged against the versions it holds with them, are those a VersionTracker believes. After
// every observation of every real recording, of random interleavings of their streams, and of
// mutated copies.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, KubeEvent, Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { endpointsFromEndpoints, endpointsFromSlices, serviceOfSlice, type EndpointSource } from '../../src/timeline/endpoints.js';
import { spamBudget } from '../../src/timeline/events.js';
import { ownedPods, owningDeployments } from '../../src/timeline/owners.js';
import { Timeline } from '../../src/timeline/timeline.js';
import { VersionTracker } from '../../src/timeline/versions.js';
import { fixtureNames, readFixture } from '../support/fixtures.js';
import { edits, interleave, mutate } from '../support/mutations.js';

const recordings: Recording[] = await Promise.all((await fixtureNames()).map((name) => readFixture(name)));

/**
 * The slices and Endpoints objects the watch reported, held as EndpointStore held them before it
 * had an index: one map of every slice in arrival order, filtered by label on every question.
 */
class ScannedEndpoints {
  readonly #versions = { endpointslices: new VersionTracker(), endpoints: new VersionTracker() };
  readonly #slices = new Map<string, EndpointSlice>();
  readonly #endpoints = new Map<string, Endpoints>();

  apply(o: Observation): void {
    if (o.kind !== 'watch' || (o.resource !== 'endpointslices' && o.resource !== 'endpoints')) return;
    const { metadata } = o.object;
    if (!this.#versions[o.resource].admit(o.type, metadata.uid, metadata.name, metadata.resourceVersion)) return;
    const held = o.resource === 'endpointslices' ? this.#slices : this.#endpoints;
    const key = o.resource === 'endpointslices' ? (metadata.uid ?? metadata.name) : metadata.name;
    if (o.type === 'DELETED') held.delete(key);
    else (held as Map<string, unknown>).set(key, o.object);
  }

  services(): string[] {
    return [...new Set([...this.#endpoints.keys(), ...[...this.#slices.values()].flatMap((slice) => serviceOfSlice(slice) ?? [])])].sort();
  }

  from(service: string, source: EndpointSource) {
    if (source === 'Endpoints') {
      const endpoints = this.#endpoints.get(service);
      return endpoints && endpointsFromEndpoints(endpoints);
    }
    const slices = [...this.#slices.values()].filter((slice) => serviceOfSlice(slice) === service);
    return slices.length === 0 ? undefined : endpointsFromSlices(service, slices);
  }
}

/** Every index question, asked of the timeline and answered by a scan, after each observation. */
function expectIndexesEqualScans(observations: Observation[]): void {
  const timeline = new Timeline();
  const scanned = new ScannedEndpoints();
  const services = new Set<string>(['other-svc']);
  const deployments = new Set<string>(['other-deployment']);
  const tracker = { events: new VersionTracker(), pods: new VersionTracker() };
  /** Pod name → uid held, as the Timeline's rules keep them over what the tracker believes. */
  const holder = new Map<string, string | undefined>();
  for (const observation of observations) {
    const { touched } = timeline.update(observation);
    scanned.apply(observation);
    if (observation.kind === 'watch' && observation.resource === 'events') {
      const { uid, name, resourceVersion } = observation.object.metadata;
      expect(touched.events.length).toBe(tracker.events.admit(observation.type, uid, name, resourceVersion) ? 1 : 0);
    }
    if (observation.kind === 'watch' && observation.resource === 'pods') {
      const { uid, name, resourceVersion } = observation.object.metadata;
      let acts = tracker.pods.admit(observation.type, uid, name, resourceVersion);
      if (acts && holder.has(name) && holder.get(name) !== uid) {
        // Another uid holds the name: a deletion says nothing; anything else replaces it.
        if (observation.type === 'DELETED') acts = false;
        else {
          tracker.pods.forget(holder.get(name));
          holder.delete(name);
        }
      }
      if (acts && observation.type === 'DELETED') acts = holder.delete(name);
      else if (acts) holder.set(name, uid);
      expect(touched.pods.length).toBe(acts ? 1 : 0);
    }

    const events = timeline.events();
    for (const reason of new Set(events.map((view) => view.reason))) {
      expect(timeline.eventsWithReason(reason)).toEqual(events.filter((view) => view.reason === reason));
    }
    for (const name of new Set([...events.map((view) => view.involvedObject.name ?? ''), 'nobody'])) {
      expect(timeline.events({ name })).toEqual(events.filter((view) => view.involvedObject.name === name));
    }
    for (const view of events) {
      const scan = view.spamKey === undefined ? undefined : spamBudget(view.spamKey, events);
      expect(timeline.spamBudget(view)).toEqual(scan);
    }

    const pods = timeline.podObjects();
    for (const pod of pods) for (const deployment of owningDeployments(pod)) deployments.add(deployment);
    for (const deployment of deployments) expect(timeline.ownedPods(deployment)).toEqual(ownedPods(pods, deployment));

    expect(timeline.services()).toEqual(scanned.services());
    for (const service of scanned.services()) services.add(service);
    for (const service of services) {
      for (const source of ['EndpointSlice', 'Endpoints'] as const) expect(timeline.endpointsFrom(service, source)).toEqual(scanned.from(service, source));
      expect(timeline.endpoints(service)).toEqual(scanned.from(service, 'EndpointSlice') ?? scanned.from(service, 'Endpoints'));
    }
  }
}

describe('the timeline indexes equal scans of what it holds', () => {
  it.each(recordings.map((r) => [r.header.scenario, r] as const))('%s, after every observation', (_, recording) => {
    expectIndexesEqualScans(recording.observations);
  });

  it('on random interleavings of the watch streams', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recordings), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (recording, choices) => {
        expectIndexesEqualScans(interleave(recording.observations, choices));
      }),
      { numRuns: 40 },
    );
  });

  it('on mutated recordings (owners, deletion, reasons, involved objects, sources, counts, slice labels changed; deliveries lost or repeated)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recordings), edits, (recording, list) => {
        expectIndexesEqualScans(mutate(recording.observations, list));
      }),
      { numRuns: 150 },
    );
  });
});

// Streams the recordings do not show: several slices of one Service listing the same pod and
// moving between Services; events of one source about one object deleted and re-timed.
const T0 = Date.parse('2026-11-21T20:00:00Z');

const sliceOps = fc.array(
  fc.record({
    slice: fc.constantFrom('a', 'b', 'c'),
    type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED'),
    service: fc.option(fc.constantFrom('web', 'api'), { nil: undefined }),
    endpoints: fc.array(fc.record({ pod: fc.constantFrom('p1', 'p2', 'p3'), ip: fc.constantFrom('10.0.0.1', '10.0.0.2', 'fd00::1'), ready: fc.boolean(), terminating: fc.boolean() }), { maxLength: 3 }),
  }),
  { maxLength: 30 },
);

const eventOps = fc.array(
  fc.record({
    event: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
    type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED'),
    // Repeated, older and missing versions; events without a uid (tracked by name).
    rv: fc.option(fc.nat(12), { nil: undefined }),
    uid: fc.boolean(),
    reason: fc.constantFrom('Unhealthy', 'Killing'),
    object: fc.constantFrom('p1', 'p2', undefined),
    host: fc.constantFrom('node-a', 'node-b'),
    component: fc.constantFrom('kubelet', ''),
    first: fc.nat(600),
    count: fc.integer({ min: 0, max: 30 }),
  }),
  { maxLength: 30 },
);

const podOps = fc.array(
  fc.record({
    // A uid names one pod, as the API keeps it; a name may pass from one uid to the next.
    pod: fc.constantFrom(['p1', 'u1'], ['p1', 'u2'], ['p2', 'u3'], ['p1', undefined], ['p2', undefined]),
    type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED'),
    rv: fc.option(fc.nat(12), { nil: undefined }),
    ready: fc.boolean(),
    owner: fc.constantFrom('web-5d4f8', 'api-77c9b', undefined),
  }),
  { maxLength: 30 },
);

describe('the timeline indexes equal scans on made-up streams', () => {
  it('pods replaced under their name, deleted, delivered again and out of order', () => {
    fc.assert(
      fc.property(podOps, (ops) => {
        const observations = ops.map((op, i): Observation => {
          const pod: Pod = {
            metadata: { name: op.pod[0]!, uid: op.pod[1], resourceVersion: op.rv === undefined ? undefined : String(op.rv), ownerReferences: op.owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: op.owner, uid: `rs-${op.owner}` }] : undefined },
            spec: { containers: [{ name: 'app' }] },
            status: { phase: 'Running', conditions: [{ type: 'Ready', status: op.ready ? 'True' : 'False' }], containerStatuses: [{ name: 'app', ready: op.ready, restartCount: 0 }] },
          };
          return { kind: 'watch', at: T0 + i, resource: 'pods', type: op.type, object: pod };
        });
        expectIndexesEqualScans(observations);
      }),
      { numRuns: 300 },
    );
  });


  it('slices of one Service that list the same pod, arrive, move between Services and go', () => {
    fc.assert(
      fc.property(sliceOps, (ops) => {
        const observations = ops.map((op, i): Observation => {
          const slice: EndpointSlice = {
            metadata: { name: op.slice, uid: `uid-${op.slice}`, resourceVersion: String(i + 1), labels: op.service === undefined ? {} : { 'kubernetes.io/service-name': op.service } },
            endpoints: op.endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready, terminating: e.terminating }, targetRef: { kind: 'Pod', name: e.pod } })),
          };
          return { kind: 'watch', at: T0 + i, resource: 'endpointslices', type: op.type, object: slice };
        });
        expectIndexesEqualScans(observations);
      }),
      { numRuns: 300 },
    );
  });

  it('events of one source about one object, re-timed, recounted, moved, deleted and delivered again', () => {
    fc.assert(
      fc.property(eventOps, (ops) => {
        const observations = ops.map((op, i): Observation => {
          const event: KubeEvent = {
            metadata: { name: op.event, uid: op.uid ? `uid-${op.event}` : undefined, resourceVersion: op.rv === undefined ? undefined : String(op.rv) },
            involvedObject: { kind: 'Pod', name: op.object, uid: op.object && `uid-${op.object}` },
            reason: op.reason,
            message: `${op.reason} ${op.event}`,
            count: op.count,
            firstTimestamp: new Date(T0 + op.first * 1000).toISOString(),
            lastTimestamp: new Date(T0 + (op.first + i) * 1000).toISOString(),
            source: { component: op.component, host: op.host },
          };
          return { kind: 'watch', at: T0 + i, resource: 'events', type: op.type, object: event };
        });
        expectIndexesEqualScans(observations);
      }),
      { numRuns: 300 },
    );
  });
});
