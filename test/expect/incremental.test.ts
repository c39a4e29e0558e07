// The incremental judge (re-checks only the items that read what an observation touched) against
// the plain judge (re-checks every item on every observation): the same verdicts, at the same
// times, with the same "instead" texts and item values at every step of the way. Over every real
// recording in ../shared/fixtures, their prefixes, random interleavings of their watch streams,
// and mutated copies (phases, conditions, counts, states changed; deliveries dropped or repeated),
// judged by the catalogue labs and by random labs built from what each recording shows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { AutoWithin } from '../../src/expect/lab-judge.js';
import type { Expectation, Lab, Step } from '../../src/lab/schema.js';
import type { Observation, WatchObservation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import type { RunEvent } from '../../src/runner/events.js';
import { fixtureNames, loadCatalogueLab, readFixture } from '../support/fixtures.js';

interface Case {
  name: string;
  recording: Recording;
  lab: Lab;
  autoWithin: AutoWithin;
}

const cases: Case[] = await Promise.all(
  (await fixtureNames()).map(async (name): Promise<Case> => {
    const recording = await readFixture(name);
    const loaded = await loadCatalogueLab(recording.header.scenario);
    return { name, recording, lab: loaded.lab, autoWithin: autoWithinFor(loaded) };
  }),
);

/** What a judge tells the world while it replays: every verdict and step start, in order. */
function judged(lab: Lab, recording: Recording, autoWithin: AutoWithin, plain: boolean): RunEvent[] {
  const events: RunEvent[] = [];
  judgeRecording(lab, recording, autoWithin, { plain, onEvent: (event) => events.push(event) });
  return events.filter((event) => event.kind === 'verdict' || event.kind === 'stepStarted' || event.kind === 'finished');
}

function expectSameJudgement(lab: Lab, recording: Recording, autoWithin: AutoWithin): void {
  expect(judged(lab, recording, autoWithin, false)).toEqual(judged(lab, recording, autoWithin, true));
}

const withObservations = (recording: Recording, observations: Observation[]): Recording => ({ ...recording, observations });

// --- streams and mutations -------------------------------------------------------------------

/** A random merge of the recording's streams (one per watched resource, one for actions and
 * notes), each kept in its own order, stamped with the original receive times in order. */
function interleave(observations: Observation[], choices: number[]): Observation[] {
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
];

const anyMutations: Mutation[] = [
  () => undefined, // the delivery is lost
  (o) => ({ ...o, type: 'DELETED' }) as Observation,
];

function mutate(observations: Observation[], edits: { index: number; kind: number; n: number; repeat: boolean }[]): Observation[] {
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

const edits = fc.array(fc.record({ index: fc.nat(), kind: fc.nat(), n: fc.nat(), repeat: fc.boolean() }), { maxLength: 8 });

// --- random labs from what a recording shows ------------------------------------------------------

function vocabulary(recording: Recording) {
  const pods = new Set<string>();
  const services = new Set<string>();
  const deployments = new Set<string>();
  const reasons = new Set<string>();
  const messages = new Set<string>();
  const statuses = new Set<string>(['Running', 'Error', 'Completed', 'CrashLoopBackOff', 'Terminating']);
  for (const o of recording.observations) {
    if (o.kind !== 'watch') continue;
    if (o.resource === 'pods') {
      pods.add(o.object.metadata.name);
      for (const ref of o.object.metadata.ownerReferences ?? []) if (ref.kind === 'ReplicaSet') deployments.add(ref.name.replace(/-[a-z0-9]+$/, ''));
    }
    if (o.resource === 'endpointslices') services.add(o.object.metadata.labels?.['kubernetes.io/service-name'] ?? '');
    if (o.resource === 'endpoints') services.add(o.object.metadata.name);
    if (o.resource === 'events') {
      reasons.add(o.object.reason ?? '');
      messages.add((o.object.message ?? '').slice(0, 12));
    }
  }
  return { pods: [...pods], services: [...services].filter(Boolean), deployments: [...deployments], reasons: [...reasons], messages: [...messages], statuses: [...statuses] };
}

function expectationArb(recording: Recording): fc.Arbitrary<Expectation> {
  const v = vocabulary(recording);
  const some = <T>(values: T[], fallback: T): fc.Arbitrary<T> => fc.constantFrom(...(values.length > 0 ? values : [fallback]));
  const pod = fc.record(
    {
      pod: some(v.pods, 'nobody'),
      ready: fc.constantFrom('0/1', '1/1', '0/2', '1/2', '2/2'),
      status: some(v.statuses, 'Running'),
      phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
      restarts: fc.oneof(fc.nat(3), fc.record({ increase: fc.integer({ min: 1, max: 2 }) }), fc.record({ atLeast: fc.nat(3) })),
      started: fc.boolean(),
      conditions: fc.constantFrom({ Ready: 'True' }, { Ready: 'False' }, { ContainersReady: 'True' }, { Initialized: 'True' }),
      lastState: fc.constantFrom({ exitCode: 137 }, { reason: 'Completed' }, { reason: 'Error', exitCode: 143 }),
      terminated: fc.constantFrom({ exitCode: 137 }, { reason: 'Completed' }),
      gone: fc.constant(true as const),
    },
    { requiredKeys: ['pod'] },
  );
  const deployment = fc.record({ deployment: some(v.deployments, 'nothing'), available: fc.nat(3), ready: fc.nat(3), unavailable: fc.nat(2) }, { requiredKeys: ['deployment'] });
  const endpoints = fc.record(
    { endpoints: some(v.services, 'nowhere'), ready: fc.oneof(fc.nat(3), fc.array(some(v.pods, 'nobody'), { maxLength: 2 })), notReady: fc.nat(2), absent: fc.array(some(v.pods, 'nobody'), { maxLength: 1 }) },
    { requiredKeys: ['endpoints'] },
  );
  const event = fc.record({
    event: fc.record(
      { reason: some(v.reasons, 'Unhealthy'), type: fc.constantFrom('Normal', 'Warning'), message: some(v.messages, ''), object: some(v.pods, 'nobody'), count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.record({ atLeast: fc.integer({ min: 1, max: 4 }) })) },
      { requiredKeys: ['reason'] },
    ),
  });
  return fc.oneof(pod, deployment, endpoints, event) as fc.Arbitrary<Expectation>;
}

function labArb(recording: Recording): fc.Arbitrary<Lab> {
  const item = expectationArb(recording);
  const sequenceItem = fc.tuple(item, fc.boolean()).map(([e, optional]) => (optional ? { ...e, optional } : e) as Expectation);
  const step = fc
    .record({
      expect: fc.array(item, { maxLength: 3 }),
      sequence: fc.array(sequenceItem, { maxLength: 3 }),
      never: fc.array(item, { maxLength: 2 }),
      within: fc.constantFrom('5s', '20s', '1m'),
      hold: fc.option(fc.constantFrom('2s', '10s'), { nil: undefined }),
    })
    .map(({ expect, sequence, never, within, hold }, ): Step => ({ name: '', expect: expect.length ? expect : undefined, sequence: sequence.length ? sequence : undefined, never: never.length ? never : undefined, within, ...(hold ? { hold } : {}) }));
  return fc.array(step, { minLength: 1, maxLength: 3 }).map(
    (steps): Lab =>
      ({
        apiVersion: 'probelab.dev/v1',
        kind: 'Lab',
        metadata: { name: 'random', title: 'random' },
        spec: { learn: 'x', manifests: ['m'], timeout: '10m', steps: steps.map((s, i) => ({ ...s, name: `step ${i + 1}` })) },
      }) as Lab,
  );
}

const fixedWithin: AutoWithin = () => 30_000;

// --- the properties ---------------------------------------------------------------------------

describe('the incremental judge equals the plain judge', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s, whole, judged by its catalogue lab', (_, c) => {
    expectSameJudgement(c.lab, c.recording, c.autoWithin);
  });

  it('on every prefix of every recording', () => {
    for (const c of cases) {
      for (let end = 0; end <= c.recording.observations.length; end++) {
        expectSameJudgement(c.lab, withObservations(c.recording, c.recording.observations.slice(0, end)), c.autoWithin);
      }
    }
  });

  it('on random interleavings of the watch streams', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (c, choices) => {
        expectSameJudgement(c.lab, withObservations(c.recording, interleave(c.recording.observations, choices)), c.autoWithin);
      }),
      { numRuns: 150 },
    );
  });

  it('on mutated recordings (phases, conditions, counts and states changed, deliveries lost or repeated)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), edits, (c, list) => {
        expectSameJudgement(c.lab, withObservations(c.recording, mutate(c.recording.observations, list)), c.autoWithin);
      }),
      { numRuns: 300 },
    );
  });

  it('for random labs over what each recording shows, mutated or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain((c) => fc.tuple(fc.constant(c), labArb(c.recording), edits, fc.nat())),
        ([c, lab, list, end]) => {
          const observations = mutate(c.recording.observations, list);
          expectSameJudgement(lab, withObservations(c.recording, observations.slice(0, observations.length - (end % 4))), fixedWithin);
        },
      ),
      { numRuns: 400 },
    );
  });
});
