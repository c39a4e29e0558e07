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
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import type { RunEvent } from '../../src/runner/events.js';
import { fixtureNames, loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { edits, interleave, mutate } from '../support/mutations.js';

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
