// Predicted windows set against what happened: what a window counts from, where a latch fell in
// it, and the words for both, on the readiness-exec and graceful-termination recordings judged
// as `probelab replay` judges them, and on built values for the edges.

import { beforeAll, describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { ItemStatus, PredictedWindow, StepVerdict } from '../../src/expect/step.js';
import { messagesFor } from '../../src/i18n/messages.js';
import type { ActionObservation } from '../../src/model/observation.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import { actionsBySteps, expectedText, seenText, windowOutcome, windowReference, windowRelation, windowSeconds, type StepActionRef } from '../../src/report/windows.js';
import type { LabResult } from '../../src/runner/events.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';

const EN = messagesFor('en').window;
const KO = messagesFor('ko').window;

async function judged(name: string): Promise<LabResult> {
  const loaded = await loadCatalogueLab(name);
  return judgeRecording(loaded.lab, await readFixture(name), autoWithinFor(loaded), { file: loaded.file }).result;
}

const itemOf = (verdict: StepVerdict | undefined, label: RegExp): ItemStatus => {
  const item = verdict?.items.find((i) => label.test(i.label));
  if (!item) throw new Error(`no item ${String(label)}`);
  return item;
};

const refsOf = (result: LabResult): StepActionRef[] => actionsBySteps(result.observations, result.verdicts.map((v) => v?.startedAt));

describe('on the readiness-exec recording', () => {
  let result: LabResult;
  beforeAll(async () => {
    result = await judged('readiness-exec');
  });

  it('files each recorded action under its step', () => {
    const refs = refsOf(result);
    expect(refs.map((r) => [r.step, r.action.command?.join(' ')])).toEqual([
      [1, 'rm /tmp/healthy'],
      [2, 'touch /tmp/healthy'],
    ]);
  });

  it("counts step 2's windows from the moment its `rm` was done, and says where each latch fell", () => {
    const verdict = result.verdicts[1]!;
    const ready = itemOf(verdict, /READY 0\/1/);
    const reference = windowReference(ready.window!, 1, verdict.startedAt, refsOf(result));
    expect(reference.at).toBe(verdict.startedAt);
    expect(reference.anchor).toMatchObject({ kind: 'action', action: { command: ['rm', '/tmp/healthy'] } });
    expect(reference.anchor).not.toHaveProperty('step');
    expect(windowOutcome(ready, reference)).toEqual({ seenMs: ready.at! - verdict.startedAt, relation: 'within' });
    expect(expectedText(ready.window!, reference, EN)).toBe('expected 6–10 s after `rm /tmp/healthy`: 3 failures × 3s period, +1s timeout');
    expect(seenText(ready, reference, verdict.startedAt, EN)).toEqual({ text: 'seen at 8.7 s, predicted 6–10 s', outside: false });
    expect(seenText(ready, reference, verdict.startedAt, EN, true)?.text).toBe('seen at 8.7 s, predicted 6–10 s after `rm /tmp/healthy`');
    expect(expectedText(ready.window!, reference, KO)).toBe('`rm /tmp/healthy` 뒤 6–10초 예상: 실패 3번 × 주기 3초, +타임아웃 1초');
    expect(seenText(ready, reference, verdict.startedAt, KO)?.text).toBe('8.7초에 확인, 예상 6–10초');
  });

  it('gives the first Unhealthy event the window of the first failed probe', () => {
    const verdict = result.verdicts[1]!;
    const unhealthy = itemOf(verdict, /Unhealthy/);
    const reference = windowReference(unhealthy.window!, 1, verdict.startedAt, refsOf(result));
    expect(windowOutcome(unhealthy, reference)?.relation).toBe('within');
    expect(seenText(unhealthy, reference, verdict.startedAt, EN)).toEqual({ text: 'seen at 2.7 s, predicted 0–4 s', outside: false });
    expect(seenText(unhealthy, reference, verdict.startedAt, KO)?.text).toBe('2.7초에 확인, 예상 0–4초');
  });

  it('says plainly when an item was seen sooner than its window (a window built for the test)', () => {
    const verdict = result.verdicts[1]!;
    const unhealthy = { ...itemOf(verdict, /Unhealthy/), window: { ...itemOf(verdict, /READY 0\/1/).window! } };
    const reference = windowReference(unhealthy.window, 1, verdict.startedAt, refsOf(result));
    expect(windowOutcome(unhealthy, reference)?.relation).toBe('early');
    expect(seenText(unhealthy, reference, verdict.startedAt, EN)).toEqual({ text: 'seen at 2.7 s, sooner than the predicted 6–10 s', outside: true });
    expect(seenText(unhealthy, reference, verdict.startedAt, KO)?.text).toBe('2.7초에 확인, 예상(6–10초)보다 이름');
  });

  it('measures nothing against a container start, which the client does not time', () => {
    const verdict = result.verdicts[0]!;
    const available = itemOf(verdict, /available 3/);
    expect(available.window?.from).toBe('start');
    const reference = windowReference(available.window!, 0, verdict.startedAt, refsOf(result));
    expect(reference).toEqual({ anchor: { kind: 'containerStart' } });
    expect(windowOutcome(available, reference)).toBeUndefined();
    expect(expectedText(available.window!, reference, EN)).toBe('expected 5–9 s after the container starts: initialDelaySeconds 5s, 1 success × 3s period, +1s timeout');
    expect(seenText(available, reference, verdict.startedAt, EN)?.text).toBe('seen 5.6 s into the step, predicted 5–9 s after the container starts');
    expect(seenText(available, reference, verdict.startedAt, KO)?.text).toBe('단계 시작 5.6초 뒤 확인, 예상: 컨테이너 시작 뒤 5–9초');
  });
});

describe('a step without actions of its own', () => {
  it("counts from an earlier step's action: the pod deleted in step 2 is gone after its preStop sleep", async () => {
    const result = await judged('graceful-termination');
    const index = result.stepNames.indexOf('the old pod disappears after preStop');
    const verdict = result.verdicts[index]!;
    const gone = itemOf(verdict, /gone/);
    const reference = windowReference(gone.window!, index, verdict.startedAt, refsOf(result));
    const deleted = result.observations.find((o): o is ActionObservation => o.kind === 'action' && o.action === 'delete')!;
    expect(reference).toEqual({ anchor: { kind: 'action', action: deleted, step: 1 }, at: deleted.at });
    // From the delete, the pod went within its 10–11 s; from this step's own start it would look early.
    expect(windowOutcome(gone, reference)?.relation).toBe('within');
    expect(windowRelation(gone.at! - verdict.startedAt, gone.window!)).toBe('early');
    expect(expectedText(gone.window!, reference, EN)).toMatch(/^expected 10–11 s after the delete in step 2: preStop sleep 10s, /);
    expect(expectedText(gone.window!, reference, KO)).toMatch(/^2단계의 삭제 뒤 10–11초 예상: preStop sleep 10초, /);
  });

  it('counts from its own start when no step acted before it', () => {
    const window: PredictedWindow = { earliestMs: 0, latestMs: 4000, explanation: '1 success × 3s period, +1s timeout', from: 'actions' };
    const sleep: ActionObservation = { kind: 'action', at: 500, action: 'sleep', detail: { duration: '2s' } };
    expect(windowReference(window, 0, 2500, [{ step: 0, action: sleep }])).toEqual({ anchor: { kind: 'stepStart' }, at: 2500 });
    expect(expectedText(window, { anchor: { kind: 'stepStart' }, at: 2500 }, EN)).toBe('expected 0–4 s after the step began: 1 success × 3s period, +1s timeout');
  });
});

describe('windowRelation and the words', () => {
  const window = { earliestMs: 6000, latestMs: 10_000 };

  it('compares in tenths of a second, as the times are shown', () => {
    expect(windowRelation(5949, window)).toBe('early');
    expect(windowRelation(5950, window)).toBe('within');
    expect(windowRelation(10_049, window)).toBe('within');
    expect(windowRelation(10_050, window)).toBe('late');
    expect([windowSeconds(8705), windowSeconds(6000), windowSeconds(14_420), windowSeconds(960)]).toEqual(['8.7', '6', '14.4', '1']);
  });

  it('says late and latched-during-the-actions in both languages', () => {
    const predicted: PredictedWindow = { ...window, explanation: '3 failures × 3s period, +1s timeout', from: 'actions' };
    const met = (at: number): ItemStatus => ({ group: 'expect', index: 0, label: 'pod p READY 0/1', state: 'met', deadline: 20_000, at, seen: 'READY 0/1', window: predicted });
    const reference = { anchor: { kind: 'stepStart' } as const, at: 1000 };
    expect(seenText(met(12_500), reference, 1000, EN)).toEqual({ text: 'seen at 11.5 s, later than the predicted 6–10 s', outside: true });
    expect(seenText(met(12_500), reference, 1000, KO)?.text).toBe('11.5초에 확인, 예상(6–10초)보다 늦음');
    expect(seenText(met(400), reference, 1000, EN)).toEqual({ text: 'seen before the actions were done, sooner than the predicted 6–10 s', outside: true });
    expect(seenText({ ...met(5000), state: 'pending', at: undefined }, reference, 1000, EN)).toBeUndefined();
  });
});
