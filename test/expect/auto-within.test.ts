// `within: auto` is predicted for the live pod when the step's actions are done: the recorded
// pod at that moment decides the spec and how long the target container had been running.

import { describe, expect, it } from 'vitest';
import { autoWithinFor, AUTO_FALLBACK_MS } from '../../src/expect/auto-within.js';
import type { ArmMoment } from '../../src/expect/step.js';
import { worldOf } from '../../src/expect/world.js';
import type { Expectation } from '../../src/lab/schema.js';
import { autoDeadlineMs } from '../../src/probes/oracle.js';
import { Timeline } from '../../src/timeline/timeline.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';

/** The world of a recording just after its first action of this kind, with the bindings that action made. */
async function momentAfterAction(fixture: string, action: string): Promise<ArmMoment> {
  const recording = await readFixture(fixture);
  const timeline = new Timeline();
  for (const observation of recording.observations) {
    timeline.apply(observation);
    if (observation.kind === 'action' && observation.action === action) return { at: observation.at, world: worldOf(timeline), bindings: new Map() };
  }
  throw new Error(`${fixture}: no ${action}`);
}

describe('within: auto at the moment the actions are done', () => {
  it('counts the initial delay when the fault lands inside it (the early-fault recording)', async () => {
    const loaded = await loadCatalogueLab('liveness-sigusr1');
    const step = loaded.lab.spec.steps[1]!;
    const restart = step.expect!.find((e) => 'pod' in e)!;
    const oracle = autoWithinFor(loaded);
    const auto = (...args: Parameters<typeof oracle>) => oracle(...args).withinMs;
    const early = auto(restart, step, 1, await momentAfterAction('liveness-sigusr1-early-fault', 'signal'));
    const late = auto(restart, step, 1, await momentAfterAction('liveness-sigusr1', 'exec'));
    // The early signal came 1.58 s after startedAt: 3.42 s of delay left before the first probe.
    expect(early - late).toBeGreaterThanOrEqual(3_420);
    // The recorded restart (+22.04 s) after the signal (+2.13 s) falls inside it.
    expect(early).toBeGreaterThan(22_040 - 2_130);
  });

  it('gives a restart under restartPolicy Never the time to the container’s end, not the fallback', async () => {
    const loaded = await loadCatalogueLab('restart-never');
    const step = loaded.lab.spec.steps[1]!;
    const oracle = autoWithinFor(loaded);
    const auto = (...args: Parameters<typeof oracle>) => oracle(...args).withinMs;
    const moment = await momentAfterAction('restart-never', 'exec');
    const spec = moment.world.pod('one-shot')!.spec!;
    const sinceStartMs = moment.at - Date.parse(moment.world.pod('one-shot')!.status!.containerStatuses![0]!.state!.running!.startedAt!);
    const restarts: Expectation = { pod: 'one-shot', restarts: { increase: 1 } };
    expect(auto(restarts, step, 1, moment)).toBe(autoDeadlineMs({ kind: 'ended-after-liveness-fault', spec, container: 'app', fault: 'fails', sinceStartMs }));
    const failed: Expectation = { pod: 'one-shot', phase: 'Failed' };
    expect(auto(failed, step, 1, moment)).toBe(autoDeadlineMs({ kind: 'pod-ended-after-liveness-fault', spec, container: 'app', fault: 'fails', sinceStartMs }));
    const killing: Expectation = { event: { reason: 'Killing', object: 'one-shot' } };
    expect(auto(killing, step, 1, moment)).toBe(autoDeadlineMs({ kind: 'liveness-kill-after-fault', spec, container: 'app', fault: 'fails', sinceStartMs }));
    expect(auto(failed, step, 1, moment)).toBeLessThan(AUTO_FALLBACK_MS);
  });

  it('reads which probe an Unhealthy event is about from its message', async () => {
    const loaded = await loadCatalogueLab('webapl-timebomb');
    const oracle = autoWithinFor(loaded);
    const auto = (...args: Parameters<typeof oracle>) => oracle(...args).withinMs;
    const step = { name: 'fault', do: [{ exec: { pod: 'webapl', command: ['true'], expectExit: 0 } }] } as never;
    const moment = { at: Date.now(), world: worldOf(new Timeline()), bindings: new Map() };
    const liveness = auto({ event: { reason: 'Unhealthy', object: 'webapl', message: 'Liveness probe failed' } }, step, 0, moment);
    const readiness = auto({ event: { reason: 'Unhealthy', object: 'webapl', message: 'Readiness probe failed' } }, step, 0, moment);
    // liveness: failureThreshold 3 × period 5; readiness: 3 × period 6.
    expect(liveness).not.toBe(readiness);
    expect(readiness).toBeGreaterThan(liveness);
  });

  it('hands each awaited item its predicted window, whether its deadline is auto or fixed', async () => {
    const loaded = await loadCatalogueLab('readiness-exec');
    const { verdicts } = judgeRecording(loaded.lab, await readFixture('readiness-exec'), autoWithinFor(loaded));
    const broken = verdicts[1]!.items.find((item) => item.label.includes('READY 0/1'))!;
    expect(broken.window).toMatchObject({ from: 'actions', explanation: expect.stringMatching(/^3 failures × 3s period, \+1s timeout/) });
    expect(broken.at! - verdicts[1]!.startedAt).toBeLessThanOrEqual(broken.window!.latestMs);
    const first = verdicts[0]!.items[0]!;
    expect(first.window?.from).toBe('start');
    expect(verdicts[1]!.items.filter((item) => item.group === 'never').every((item) => item.window === undefined)).toBe(true);
  });
});

