// The step evaluator on hand-built observations: when items latch, when a step may pass, how
// never guards, sequences, deadlines and hold periods decide.

import { describe, expect, it } from 'vitest';
import { LabJudge } from '../../src/expect/lab-judge.js';
import type { Lab, Step } from '../../src/lab/schema.js';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { eventObservation, podObservation } from '../support/objects.js';

const T0 = Date.parse('2026-11-21T20:00:00Z');

function judgeFor(steps: Step[]): LabJudge {
  const lab = { apiVersion: 'probelab.dev/v1', kind: 'Lab', metadata: { name: 'l', title: 't' }, spec: { learn: 'x', manifests: ['m'], timeout: '5m', steps } } as Lab;
  return new LabJudge(lab, { autoWithin: () => 10_000 });
}

describe('StepEvaluator', () => {
  it('cannot pass before its actions are done, even when every item already holds', () => {
    const judge = judgeFor([{ name: 'ready', expect: [{ pod: 'web', ready: '1/1' }] }]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    expect(judge.beginStep(0, T0 + 1000).state).toBe('pending');
    const verdict = judge.armStep(T0 + 5000)!;
    expect(verdict.state).toBe('passed');
    expect(verdict.at).toBe(T0 + 5000);
  });

  it('checks never items while the actions run', () => {
    const judge = judgeFor([{ name: 'quiet', do: [{ sleep: '10s' }], never: [{ pod: 'web', restarts: { increase: 1 } }] }]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    judge.beginStep(0, T0);
    const { verdict } = judge.observe(podObservation(T0 + 4000, { name: 'web', ready: true, restarts: 1, lastExit: { exitCode: 137, reason: 'Error' } }));
    expect(verdict?.state).toBe('failed');
    expect(verdict?.reason).toBe('pod web RESTARTS +1 happened, which this step does not allow (RESTARTS 0 → 1).');
    expect(verdict?.at).toBe(T0 + 4000);
  });

  it('counts event occurrences from the step start, not from before it', () => {
    const judge = judgeFor([{ name: 'fails twice', expect: [{ event: { reason: 'Unhealthy', object: 'web', count: 2 } }] }]);
    judge.observe(podObservation(T0, { name: 'web' }, 'ADDED'));
    judge.observe(eventObservation(T0 + 100, 'web', 'Unhealthy', 'Readiness probe failed', 3));
    judge.startStep(0, T0 + 1000);
    expect(judge.observe(eventObservation(T0 + 2000, 'web', 'Unhealthy', 'Readiness probe failed', 4)).verdict?.state).toBe('pending');
    const { verdict } = judge.observe(eventObservation(T0 + 3000, 'web', 'Unhealthy', 'Readiness probe failed', 5));
    expect(verdict?.state).toBe('passed');
    expect(verdict?.items[0]?.seen).toBe('Unhealthy x2: Readiness probe failed');
  });

  it('fails at the deadline with what it saw instead', () => {
    const judge = judgeFor([{ name: 'not ready', expect: [{ pod: 'web', ready: '0/1', within: '5s' }] }]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    expect(judge.expire(T0 + 5000)?.state).toBe('pending');
    const verdict = judge.expire(T0 + 5001)!;
    expect(verdict.state).toBe('failed');
    expect(verdict.reason).toBe('pod web READY 0/1 was not seen within 5s; instead: READY 1/1.');
    expect(verdict.evidence).toEqual(['pod web: READY 1/1, STATUS Running, RESTARTS 0']);
  });

  it('walks a sequence in order and skips optional states the watch never showed', () => {
    const judge = judgeFor([
      {
        name: 'crash then recover',
        sequence: [
          { pod: 'web', ready: '0/1' },
          { pod: 'web', status: 'CrashLoopBackOff', optional: true },
          { pod: 'web', ready: '1/1' },
        ],
      },
    ]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    expect(judge.observe(podObservation(T0 + 1000, { name: 'web', ready: false })).verdict?.state).toBe('pending');
    const { verdict } = judge.observe(podObservation(T0 + 2000, { name: 'web', ready: true, restarts: 1 }));
    expect(verdict?.state).toBe('passed');
    expect(verdict?.items.map((item) => item.state)).toEqual(['met', 'skipped', 'met']);
  });

  it('a hold period keeps never guards watching after everything is met', () => {
    const judge = judgeFor([{ name: 'stays up', hold: '10s', expect: [{ pod: 'web', ready: '1/1' }], never: [{ pod: 'web', restarts: { increase: 1 } }] }]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    expect(judge.startStep(0, T0).state).toBe('pending');
    expect(judge.expire(T0 + 9000)?.state).toBe('pending');
    const { verdict } = judge.observe(podObservation(T0 + 9500, { name: 'web', ready: true, restarts: 1 }));
    expect(verdict?.state).toBe('failed');
  });

  it('passes once the hold period is over without a violation', () => {
    const judge = judgeFor([{ name: 'stays up', hold: '10s', expect: [{ pod: 'web', ready: '1/1' }], never: [{ pod: 'web', restarts: { increase: 1 } }] }]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    const verdict = judge.expire(T0 + 10_000)!;
    expect(verdict.state).toBe('passed');
    expect(verdict.at).toBe(T0 + 10_000);
  });

  // restartPolicy Never (../shared/fixtures/restart-never.jsonl): STATUS Error first with phase
  // Running, then the same row with phase Failed: no column changes, so no typed transition.
  const ended = (at: number, phase: string): Observation => {
    const observation = podObservation(at, { name: 'one-shot' }) as Extract<Observation, { kind: 'watch' }>;
    const object = observation.object as Pod;
    object.status = { ...object.status, phase, containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'Error' } } }] };
    return observation;
  };

  it('judges a change no typed transition reports: the phase turning Failed with STATUS unchanged', () => {
    const judge = judgeFor([{ name: 'ends', expect: [{ pod: 'one-shot', phase: 'Failed', status: 'Error' }], within: '30s' }]);
    judge.observe(podObservation(T0, { name: 'one-shot', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    expect(judge.observe(ended(T0 + 7000, 'Running')).verdict?.items[0]?.seen).toBe('STATUS Error, phase Running');
    const { verdict } = judge.observe(ended(T0 + 9000, 'Failed'));
    expect(verdict?.state).toBe('passed');
    expect(verdict?.at).toBe(T0 + 9000);
  });

  it('says what the world shows now when a deadline runs out, not what it showed at the last typed change', () => {
    const judge = judgeFor([{ name: 'succeeds', expect: [{ pod: 'one-shot', phase: 'Succeeded' }], within: '15s' }]);
    judge.observe(podObservation(T0, { name: 'one-shot', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    judge.observe(ended(T0 + 7000, 'Running'));
    judge.observe(ended(T0 + 9000, 'Failed'));
    expect(judge.expire(T0 + 16_000)?.reason).toBe('pod one-shot phase Succeeded was not seen within 15s; instead: phase Failed.');
  });

  it('latches later sequence items that already hold when an earlier one latches', () => {
    // The pod update with the restart came before the Killing event: both hold once the event arrives.
    const judge = judgeFor([
      {
        name: 'killed then restarted',
        sequence: [{ event: { reason: 'Killing', object: 'web' } }, { pod: 'web', restarts: { increase: 1 } }],
      },
    ]);
    judge.observe(podObservation(T0, { name: 'web', ready: true }, 'ADDED'));
    judge.startStep(0, T0);
    judge.observe(podObservation(T0 + 1000, { name: 'web', ready: true, restarts: 1 }));
    const { verdict } = judge.observe(eventObservation(T0 + 1100, 'web', 'Killing', 'Container app failed liveness probe, will be restarted'));
    expect(verdict?.state).toBe('passed');
    expect(verdict?.items.map((item) => [item.state, item.at])).toEqual([
      ['met', T0 + 1100],
      ['met', T0 + 1100],
    ]);
  });

  it('judges an alias again when an action binds it', () => {
    const judge = judgeFor([{ name: 'picked', expect: [{ pod: '$picked', ready: '0/1' }] }]);
    judge.observe(podObservation(T0, { name: 'web-1', ready: false }, 'ADDED'));
    expect(judge.beginStep(0, T0).items[0]?.seen).toBe('$picked is not bound yet');
    judge.bindings.set('$picked', 'web-1');
    const { verdict } = judge.observe({ kind: 'note', at: T0 + 10, text: 'nothing about pods' });
    expect(verdict?.items[0]?.state).toBe('met');
  });
});

