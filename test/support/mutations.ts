// Variations of the real recordings for property tests: random interleavings of their watch
// streams, and mutated copies (phases, conditions, counts, states, owners and deletion changed;
// events moved to another object, source or first time; slices moved to another Service;
// deliveries dropped or repeated), as a cluster or a watch could have delivered them.

import fc from 'fast-check';
import type { Observation, WatchObservation } from '../../src/model/observation.js';

/** A random merge of the recording's streams (one per watched resource, one for actions and
 * notes), each kept in its own order, stamped with the original receive times in order. */
export function interleave(observations: Observation[], choices: number[]): Observation[] {
  const streams = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = o.kind === 'watch' ? o.resource : 'actions';
    streams.set(key, [...(streams.get(key) ?? []), o]);
  }
  const queues = [...streams.values()];
  const merged: Observation[] = [];
  for (let i = 0; merged.length < observations.length; i++) {
    const open = queues.filter((q) => q.length > 0);
    merged.push(open[(choices[i % choices.length] ?? 0) % open.length]!.shift()!);
  }
  const times = observations.map((o) => o.at);
  return merged.map((o, i) => ({ ...o, at: times[i]! }));
}

type Mutation = (o: WatchObservation, n: number) => Observation | undefined;

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const STATES = [{ running: { startedAt: '2026-11-21T20:00:00Z' } }, { waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 137, reason: 'Error' } }, { terminated: { exitCode: 0, reason: 'Completed' } }];

const podMutations: Mutation[] = [
  (o, n) => {
    const pod = structuredClone(o.object) as Extract<WatchObservation, { resource: 'pods' }>['object'];
    pod.status = { ...pod.status, phase: PHASES[n % PHASES.length] };
    return { ...o, object: pod } as Observation;
  },
  (o, n) => {
    const pod = structuredClone(o.object) as Extract<WatchObservation, { resource: 'pods' }>['object'];
    const conditions = pod.status?.conditions ?? [];
    const condition = conditions[n % Math.max(1, conditions.length)];
    if (condition) condition.status = condition.status === 'True' ? 'False' : 'True';
    return { ...o, object: pod } as Observation;
  },
  (o, n) => {
    const pod = structuredClone(o.object) as Extract<WatchObservation, { resource: 'pods' }>['object'];
    for (const status of pod.status?.containerStatuses ?? []) {
      status.restartCount += n % 3;
      status.ready = n % 2 === 0;
      status.started = n % 4 < 2;
      status.state = STATES[n % STATES.length];
    }
    return { ...o, object: pod } as Observation;
  },
  (o, n) => {
    const pod = structuredClone(o.object) as Extract<WatchObservation, { resource: 'pods' }>['object'];
    if (n % 2 === 0) pod.metadata.deletionTimestamp = '2026-11-21T20:00:00Z';
    else delete pod.metadata.deletionTimestamp;
    return { ...o, object: pod } as Observation;
  },
  (o, n) => {
    // Another owner: a ReplicaSet of some other Deployment, a name no Deployment could have, none.
    const pod = structuredClone(o.object) as Extract<WatchObservation, { resource: 'pods' }>['object'];
    const owner = ['other-deployment-5d4f8', 'no_hash', undefined][n % 3];
    pod.metadata.ownerReferences = owner === undefined ? undefined : [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `rs-${owner}` }];
    return { ...o, object: pod } as Observation;
  },
];

const eventMutations: Mutation[] = [
  (o, n) => {
    const event = structuredClone(o.object) as Extract<WatchObservation, { resource: 'events' }>['object'];
    event.count = (event.count ?? 1) + (n % 4);
    return { ...o, object: event } as Observation;
  },
  (o, n) => {
    const event = structuredClone(o.object) as Extract<WatchObservation, { resource: 'events' }>['object'];
    event.reason = ['Unhealthy', 'Killing', 'BackOff', 'Started'][n % 4];
    return { ...o, object: event } as Observation;
  },
  (o, n) => {
    // About another object, from another host, or first seen at another time.
    const event = structuredClone(o.object) as Extract<WatchObservation, { resource: 'events' }>['object'];
    if (n % 3 === 0) event.involvedObject = { ...event.involvedObject, name: `${event.involvedObject.name ?? ''}-other` };
    if (n % 3 === 1) event.source = { ...event.source, host: `host-${n % 2}` };
    if (n % 3 === 2) event.firstTimestamp = `2026-11-21T${19 + (n % 3)}:${String(n % 60).padStart(2, '0')}:00Z`;
    return { ...o, object: event } as Observation;
  },
];

const sliceMutations: Mutation[] = [
  (o, n) => {
    const slice = structuredClone(o.object) as Extract<WatchObservation, { resource: 'endpointslices' }>['object'];
    const endpoint = slice.endpoints?.[n % Math.max(1, slice.endpoints.length)];
    if (endpoint) endpoint.conditions = { ...endpoint.conditions, ready: !endpoint.conditions?.ready, terminating: n % 2 === 0 };
    return { ...o, object: slice } as Observation;
  },
  (o, n) => {
    const slice = structuredClone(o.object) as Extract<WatchObservation, { resource: 'endpointslices' }>['object'];
    slice.endpoints = (slice.endpoints ?? []).filter((_, i) => i !== n % Math.max(1, slice.endpoints?.length ?? 1));
    return { ...o, object: slice } as Observation;
  },
  (o, n) => {
    // The slice moves to another Service, or loses its service-name label.
    const slice = structuredClone(o.object) as Extract<WatchObservation, { resource: 'endpointslices' }>['object'];
    const labels = { ...slice.metadata.labels };
    if (n % 2 === 0) labels['kubernetes.io/service-name'] = 'other-svc';
    else delete labels['kubernetes.io/service-name'];
    return { ...o, object: { ...slice, metadata: { ...slice.metadata, labels } } } as Observation;
  },
];

const anyMutations: Mutation[] = [
  () => undefined, // the delivery is lost
  (o) => ({ ...o, type: 'DELETED' }) as Observation,
];

export function mutate(observations: Observation[], edits: { index: number; kind: number; n: number; repeat: boolean }[]): Observation[] {
  const out = [...observations];
  for (const { index, kind, n, repeat } of edits) {
    const i = index % out.length;
    const o = out[i];
    if (o === undefined || o.kind !== 'watch') continue;
    const own = o.resource === 'pods' ? podMutations : o.resource === 'events' ? eventMutations : o.resource === 'endpointslices' ? sliceMutations : [];
    const all = [...own, ...anyMutations];
    const changed = all[kind % all.length]!(o, n);
    // A changed object is a new version (resourceVersion as the API server would give it), a
    // repeated one is the same version again (a watch replaying after a reconnect).
    const versioned = changed && changed.kind === 'watch' ? ({ ...changed, object: { ...changed.object, metadata: { ...changed.object.metadata, resourceVersion: `${o.object.metadata.resourceVersion ?? '0'}${n}` } } } as Observation) : changed;
    if (repeat) out.splice(i + 1, 0, { ...o, at: o.at });
    else if (versioned === undefined) out.splice(i, 1);
    else out[i] = versioned;
  }
  return out;
}

export const edits = fc.array(fc.record({ index: fc.nat(), kind: fc.nat(), n: fc.nat(), repeat: fc.boolean() }), { maxLength: 8 });
