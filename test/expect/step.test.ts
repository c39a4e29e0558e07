// The step evaluator on hand-built observations: when items latch, when a step may pass, how
// never guards, sequences, deadlines and hold periods decide.

import { describe, expect, it } from 'vitest';
import { LabJudge } from '../../src/expect/lab-judge.js';
import type { Lab, Step } from '../../src/lab/schema.js';
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
});
