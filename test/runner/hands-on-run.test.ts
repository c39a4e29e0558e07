// Hands-on mode on real recordings: the runner shows the learner's commands and sends nothing
// itself; the recorded actions stand in for the learner's (RecordedCluster.learnerActs, a test
// double of the cluster port whose recording moves past its actions at their recorded times).
// A right move binds $picked to the pod the recording broke and starts the step's clock at the
// first sign; a wrong move (no effect, or the effect on a pod the step does not act on) is told in
// words, and the step fails as its deadlines say.

import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { LearnerControls } from '../../src/runner/hands-on-turn.js';
import { BROKEN, firstEventAt, handsOnRun as handsOn, OTHERS, withoutTheMove } from './hands-on-runs.js';

const NS = 'rec-readiness-exec';

const turnEvents = (events: RunEvent[], index: number) => events.flatMap((e) => (e.kind === 'handsOn' && e.index === index ? [e] : []));

describe('hands-on: a right move (readiness-exec)', () => {
  it('shows the command, sends nothing itself, binds $picked to the pod the recording broke and starts the clock at the first Unhealthy', async () => {
    const { result, events, cluster, recording } = await handsOn('readiness-exec');
    expect(result.verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'passed']);
    expect(cluster.calls.map((call) => call.method)).not.toContain('exec');
    const turn = result.handsOn![1]!;
    expect(turn.commands).toEqual([
      {
        argv: ['kubectl', '-n', NS, 'exec', BROKEN, '--', 'rm', '/tmp/healthy'],
        choice: { selector: 'app=readiness-deployment', pods: [BROKEN, ...OTHERS] },
      },
    ]);
    const unhealthy = firstEventAt(recording, 'Unhealthy', BROKEN);
    expect(turn.firstSign).toEqual({ at: unhealthy, what: 'Unhealthy', pod: BROKEN });
    expect(turn.armed).toEqual({ at: unhealthy, by: 'sign' });
    expect(turn.bound).toEqual([{ alias: '$picked', pod: BROKEN, provisional: false }]);
    expect(turn.hint).toBeUndefined();
    // The step's clock is the first sign: its deadlines and its duration count from there.
    expect(result.verdicts[1]!.startedAt).toBe(unhealthy);
    // The turn was shown once step 1 passed, before the recording's learner acted.
    expect(turn.shownAt).toBe(result.verdicts[0]!.at);
    const rm = recording.observations.find((o) => o.kind === 'action')!;
    expect(turn.shownAt).toBeLessThan(rm.at);
    // No action observation is made up for the learner's move.
    expect(result.observations.some((o) => o.kind === 'action')).toBe(false);
    expect(events.some((e) => e.kind === 'action')).toBe(false);
  });

  it('binds $picked to the broken pod also when the command named another (pick: last)', async () => {
    const { result } = await handsOn('readiness-exec', {
      edit: (lab) => {
        lab.spec.steps[1]!.do = [{ exec: { pod: { selector: 'app=readiness-deployment', pick: 'last' }, command: ['rm', '/tmp/healthy'], expectExit: 0 } }];
      },
    });
    const turn = result.handsOn![1]!;
    expect(turn.commands[0]!.argv).toContain(OTHERS[1]);
    expect(turn.bound).toEqual([{ alias: '$picked', pod: BROKEN, provisional: false }]);
    expect(result.verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'passed']);
    // Step 3 acts on the pod the learner broke, not the one the command of step 2 named.
    expect(result.handsOn![2]!.commands[0]!.argv).toEqual(['kubectl', '-n', NS, 'exec', BROKEN, '--', 'touch', '/tmp/healthy']);
    expect(result.handsOn![2]!.firstSign).toMatchObject({ what: 'READY 1/1', pod: BROKEN });
  });

  it('emits each change of the turn before the step starts, and a stepStarted after the sign', async () => {
    const { events } = await handsOn('readiness-exec');
    const turns = turnEvents(events, 1);
    expect(turns.map((e) => (e.turn.armed ? e.turn.armed.by : 'waiting'))).toEqual(['waiting', 'sign']);
    const started = events.findIndex((e) => e.kind === 'stepStarted' && e.index === 1);
    expect(events.indexOf(turns.at(-1)!)).toBeLessThan(started);
  });
});

describe('hands-on: a right move (liveness-sigusr1)', () => {
  it('waits for the liveness probe before the turn, starts the clock at the first Unhealthy, and a step that only looks starts at once', async () => {
    const { result, events, recording } = await handsOn('liveness-sigusr1');
    expect(result.verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'passed']);
    const note = events.find((e) => e.kind === 'observation' && e.observation.kind === 'note' && e.observation.text.includes("before the learner's turn on liveness-app"));
    expect(note).toBeDefined();
    const turn = result.handsOn![1]!;
    expect(turn.commands).toEqual([{ argv: ['kubectl', '-n', 'rec-liveness-sigusr1', 'exec', 'liveness-app', '--', 'kill', '-s', 'USR1', '1'] }]);
    const unhealthy = firstEventAt(recording, 'Unhealthy', 'liveness-app');
    expect(turn.firstSign).toEqual({ at: unhealthy, what: 'Unhealthy', pod: 'liveness-app' });
    expect(turn.armed).toEqual({ at: unhealthy, by: 'sign' });
    expect(turn.bound).toBeUndefined();
    // Step 3 sleeps (probelab times it), then its wget only looks: READY 1/1 holds already.
    const look = result.handsOn![2]!;
    expect(look.commands[0]!.argv.slice(-7)).toEqual(['wget', '-q', '-O', '-', '-T', '2', 'http://127.0.0.1:3000/health']);
    expect(look.armed).toEqual({ at: look.shownAt, by: 'nothing' });
    expect(events.some((e) => e.kind === 'action' && 'sleep' in e.action)).toBe(true);
  });
});

describe('hands-on: wrong moves', () => {
  it('says nothing has changed, starts the clock when the wait runs out, and the step fails with the hint', async () => {
    const { result, events } = await handsOn('readiness-exec', { recording: withoutTheMove });
    const turn = result.handsOn![1]!;
    expect(turn.armed).toEqual({ at: turn.shownAt + 180_000, by: 'timeout' });
    expect(turn.firstSign).toBeUndefined();
    // $picked goes to the pod the command named, until a later sign says otherwise.
    expect(turn.bound).toEqual([{ alias: '$picked', pod: BROKEN, provisional: true }]);
    const hint = 'No sign of your move: still READY 1/1 in every pod of app=readiness-deployment. Did you run `rm /tmp/healthy` in one of them?';
    expect(turn.hint).toEqual({
      kind: 'unchanged',
      seen: [BROKEN, ...OTHERS].map((pod) => ({ pod, seen: 'READY 1/1' })),
      selector: 'app=readiness-deployment',
      action: 'rm /tmp/healthy',
      command: `kubectl -n ${NS} exec ${BROKEN} -- rm /tmp/healthy`,
    });
    // The hint came a minute into the wait, before the wait ran out.
    const hinted = turnEvents(events, 1).find((e) => e.turn.hint);
    expect(hinted!.at).toBe(turn.shownAt + 60_000);
    expect(hinted!.turn.armed).toBeUndefined();
    const failed = result.verdicts[1]!;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toContain('was not seen within');
    expect(failed.reason).toContain(`${hint} kubectl -n ${NS} exec ${BROKEN} -- rm /tmp/healthy`);
    // The three minutes of waiting do not count against the lab's 4m timeout.
    expect(failed.reason).not.toContain("lab's timeout");
    expect(result.verdicts[2]).toBeUndefined();
  });

  it('names the pod a sign appeared on when the step does not act on it, and does not start the clock there', async () => {
    const target = OTHERS[1]!;
    const { result, recording } = await handsOn('readiness-exec', {
      waitMs: 120_000,
      edit: (lab) => {
        const step = lab.spec.steps[1]!;
        step.do = [{ exec: { pod: target, command: ['rm', '/tmp/healthy'], expectExit: 0 } }];
        step.expect = [
          { pod: target, ready: '0/1', within: 'auto' },
          { event: { reason: 'Unhealthy', type: 'Warning', object: target, message: '/Readiness probe failed/' } },
          { deployment: 'readiness-deployment', available: 2, unavailable: 1 },
        ];
        step.never = [];
      },
    });
    const turn = result.handsOn![1]!;
    expect(turn.hint).toEqual({
      kind: 'elsewhere',
      what: 'Unhealthy',
      pod: BROKEN,
      candidates: [target],
      action: 'rm /tmp/healthy',
      command: `kubectl -n ${NS} exec ${target} -- rm /tmp/healthy`,
    });
    // The Deployment losing a replica is no sign: any pod of it could have done that.
    expect(turn.firstSign).toBeUndefined();
    expect(turn.armed).toEqual({ at: turn.shownAt + 120_000, by: 'timeout' });
    expect(turn.shownAt + 120_000).toBeGreaterThan(firstEventAt(recording, 'Unhealthy', BROKEN));
    const failed = result.verdicts[1]!;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toContain(`Unhealthy on ${BROKEN}, which this step does not act on: run \`rm /tmp/healthy\` in ${target}. kubectl -n ${NS} exec ${target} -- rm /tmp/healthy`);
  });

  it('waits a minute longer each time the learner asks', async () => {
    const controls = new LearnerControls();
    controls.extend();
    controls.extend();
    const { result } = await handsOn('readiness-exec', { recording: withoutTheMove, waitMs: 30_000, controls });
    const turn = result.handsOn![1]!;
    expect(turn.waitUntil).toBe(turn.shownAt + 30_000 + 2 * 60_000);
    expect(turn.armed).toEqual({ at: turn.waitUntil, by: 'timeout' });
  });

  it('stops waiting when a never guard fails the step during the turn, without starting its clock', async () => {
    const { result } = await handsOn('readiness-exec', {
      edit: (lab) => {
        lab.spec.steps[1]!.never = [{ event: { reason: 'Unhealthy' } }];
      },
    });
    const failed = result.verdicts[1]!;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toMatch(/^event Unhealthy happened, which this step does not allow/);
    expect(result.handsOn![1]!.armed).toBeUndefined();
    expect(result.verdicts[2]).toBeUndefined();
  });
});
