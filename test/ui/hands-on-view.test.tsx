// The hands-on view at 80 columns, in English and Korean, driven by real hands-on runs of the
// readiness-exec recording (the recorded actions stand in for the learner's): the learner's
// command as it pastes, the pods to choose from, the wait and its key, the hint of a wrong move,
// what started the step's clock, the `c` screen's copy, and the intro's `h`.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Lang } from '../../src/i18n/lang.js';
import type { RunEvent } from '../../src/runner/events.js';
import { RunApp, type RunAppProps } from '../../src/ui/run-app.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { cellWidth } from '../../src/ui/text.js';
import { BROKEN, handsOnRun, withoutTheMove } from '../runner/hands-on-runs.js';
import { shellWords } from '../support/shell.js';
import { KEY, press, renderAt, waitForFrame } from './render-at.js';

type Run = Awaited<ReturnType<typeof handsOnRun>>;
let right: Run;
let wrong: Run;
/** A `never` guard fails step 2 while it still waits for the learner. */
let guarded: Run;
beforeAll(async () => {
  right = await handsOnRun('readiness-exec');
  wrong = await handsOnRun('readiness-exec', { recording: withoutTheMove });
  guarded = await handsOnRun('readiness-exec', {
    edit: (lab) => {
      lab.spec.steps[1]!.never = [{ event: { reason: 'Unhealthy' } }];
    },
  });
});

const connection = { context: 'kind-test', server: 'https://127.0.0.1:6443' };
const RM = `kubectl -n rec-readiness-exec exec ${BROKEN} -- rm /tmp/healthy`;

/** The view after the events up to the first that `until` picks. */
function viewAt(run: Run, until: (event: RunEvent) => boolean, lang: Lang = 'en', props: Partial<RunAppProps> = {}) {
  const store = createRunStore({ loaded: run.loaded, connection, lang });
  const last = run.events.findIndex(until);
  if (last === -1) throw new Error('no such event in the run');
  for (const event of run.events.slice(0, last + 1)) store.dispatch(event);
  return renderAt(<RunApp store={store} onQuit={vi.fn()} lang={lang} {...props} />, { columns: 80, rows: 24 });
}

const shown = (event: RunEvent) => event.kind === 'handsOn' && event.index === 1;
const hinted = (event: RunEvent) => shown(event) && event.kind === 'handsOn' && event.turn.hint !== undefined;
const armed = (event: RunEvent) => event.kind === 'stepStarted' && event.index === 1;
const failed = (event: RunEvent) => event.kind === 'verdict' && event.index === 1 && event.verdict.state === 'failed';

function expectWithin80(frame: string): void {
  for (const line of frame.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(80);
}

/** The lines of the command under the pane's title, joined as a shell reads them. */
function pastedCommand(frame: string, title: string): string[] {
  const lines = frame.split('\n');
  const first = lines.findIndex((l) => l.startsWith(title)) + 1;
  let last = first;
  while (/ \\$/.test(lines[last]!)) last++;
  return shellWords(lines.slice(first, last + 1).join('\n'));
}

/** Lines joined by a space: a text the view wrapped reads as one. */
const oneLine = (frame: string) => frame.split('\n').map((l) => l.trim()).join(' ');

describe('the hands-on pane in English at 80 columns', () => {
  it('shows the command as it pastes, the pods to choose from, and the wait with its key', async () => {
    const frame = await waitForFrame(viewAt(right, shown), (f) => f.includes('Your turn'));
    expect(frame).toMatch(/^⠋|break one replica +your turn$/m);
    expect(frame).toContain('Your turn  Run this in another terminal:');
    expect(pastedCommand(frame, 'Your turn')).toEqual(shellWords(RM));
    expect(frame).toContain('any running pod of app=readiness-deployment will do: …-hqx8x, …-jqb9r, …-zf474');
    expect(frame.replace(/\s+/g, ' ')).toContain("Waiting for the first sign of your move (3m left): the step's clock starts there, and its windows count from it.");
    expect(frame).toMatch(/w \+1 min/);
    // The pods stay in view: READY is what the learner watches change.
    expect(frame).toContain('NAME');
    expectWithin80(frame);
  });

  it('says in words that nothing changed, without repeating the command', async () => {
    const frame = await waitForFrame(viewAt(wrong, hinted), (f) => f.includes('No sign'));
    expect(frame.replace(/\s+/g, ' ')).toContain('No sign of your move: still READY 1/1 in every pod of app=readiness-deployment. Did you run `rm /tmp/healthy` in one of them?');
    expect(frame.split(RM.slice(0, 40)).length - 1).toBe(1);
    expect(frame).toContain('(2m left)');
    expectWithin80(frame);
  });

  it('says what started the clock, and counts the windows from it', async () => {
    const frame = await waitForFrame(viewAt(right, armed), (f) => f.includes('clock started'));
    expect(frame.replace(/\s+/g, ' ')).toContain(`clock started at the first sign, 6s after your turn: Unhealthy on ${BROKEN} ($picked)`);
    // The first Unhealthy came 0–4 s after the rm, so READY 0/1 (6–10 s after it) is 2–10 s after the sign.
    expect(oneLine(frame)).toContain('expected 2–10 s after the first sign: 3 failures × 3s period, +1s timeout; from the first sign (Unhealthy), itself 0s – 4s after the move');
    expect(frame).not.toContain('w +1 min');
    expectWithin80(frame);
  });

  it('leaves a hint its failed step already says to the reason', async () => {
    const frame = await waitForFrame(viewAt(wrong, failed), (f) => f.includes('failed after'));
    expect(frame.replace(/\s+/g, ' ')).toContain(`no sign of your move within 3m: the clock started anyway; $picked is taken to be ${BROKEN}, the pod the command names`);
    expect(frame.split('No sign of your move:').length - 1).toBe(1);
    expectWithin80(frame);
  });
});

describe('a step that failed while it waited for the learner', () => {
  it('no longer counts down nor offers w', async () => {
    const frame = await waitForFrame(viewAt(guarded, (e) => e.kind === 'stepStarted' && e.index === 1), (f) => f.includes('failed after'));
    expect(frame).toContain('Your turn');
    expect(frame).not.toContain('Waiting for the first sign');
    expect(frame).not.toContain('w +1 min');
    expectWithin80(frame);
  });
});

describe('the hands-on pane in Korean at 80 columns', () => {
  it('asks in Korean, keeps the command as typed, and every line within the terminal', async () => {
    const frame = await waitForFrame(viewAt(right, shown, 'ko'), (f) => f.includes('직접 해 볼 차례'));
    expect(frame).toMatch(/복제본 하나 망가뜨리기 +직접 할 차례$/m);
    expect(cellWidth(frame.split('\n').find((l) => l.includes('복제본 하나 망가뜨리기'))!)).toBe(80);
    expect(frame).toContain('직접 해 볼 차례  다른 터미널에서 이 명령을 실행하세요:');
    expect(pastedCommand(frame, '직접 해 볼 차례')).toEqual(shellWords(RM));
    expect(frame.replace(/\s+/g, ' ')).toContain('app=readiness-deployment 파드 중 실행 중인 것이면 어느 것이든 됩니다: …-hqx8x, …-jqb9r, …-zf474');
    expect(frame.replace(/\s+/g, ' ')).toContain('여러분이 한 동작의 첫 징후를 기다립니다(3m 남음). 단계의 시계는 그때 시작하고, 예상 시간도 그때부터 셉니다.');
    expect(frame).toContain('w +1분');
    expectWithin80(frame);
  });

  it('gives the hint and the first sign in Korean', async () => {
    const hint = await waitForFrame(viewAt(wrong, hinted, 'ko'), (f) => f.includes('징후가 없습니다'));
    expect(hint.replace(/\s+/g, ' ')).toContain('여러분이 한 동작의 징후가 없습니다. app=readiness-deployment 파드 모두 여전히 READY 1/1입니다. 그중 한 파드에서 `rm /tmp/healthy` 명령을 실행했나요?');
    expectWithin80(hint);
    const sign = await waitForFrame(viewAt(right, armed, 'ko'), (f) => f.includes('첫 징후에서'));
    expect(sign.replace(/\s+/g, ' ')).toContain(`첫 징후에서 시계 시작 (차례가 된 지 6s 뒤): ${BROKEN}의 Unhealthy ($picked)`);
    expect(oneLine(sign)).toContain('첫 징후 뒤 2–10초 예상: 실패 3번 × 주기 3초, +타임아웃 1초; 첫 징후(Unhealthy)부터 셈, 첫 징후는 동작 뒤 0–4초');
    expectWithin80(sign);
  });

  it('keeps the Korean hint beside the English reason of the failed step', async () => {
    const frame = await waitForFrame(viewAt(wrong, failed, 'ko'), (f) => f.includes('뒤 실패'));
    expect(frame.replace(/\s+/g, ' ')).toContain('여러분이 한 동작의 징후가 없습니다.');
    expectWithin80(frame);
  });
});

describe('hands-on keys', () => {
  it('w asks for a minute more while the turn waits, and does nothing once the clock runs', async () => {
    const onExtend = vi.fn();
    const waiting = viewAt(right, shown, 'en', { onExtend });
    await waitForFrame(waiting, (f) => f.includes('Your turn'));
    await press(waiting, 'w');
    expect(onExtend).toHaveBeenCalledTimes(1);
    waiting.unmount();
    const running = viewAt(right, armed, 'en', { onExtend });
    await waitForFrame(running, (f) => f.includes('clock started'));
    await press(running, 'w');
    expect(onExtend).toHaveBeenCalledTimes(1);
    running.unmount();
  });

  it('c copies the command the learner runs, and lists it under its step', async () => {
    const copy = vi.fn();
    const instance = viewAt(right, shown, 'en', { copy });
    await waitForFrame(instance, (f) => f.includes('Your turn'));
    await press(instance, 'c');
    const frame = await waitForFrame(instance, (f) => f.includes('kubectl commands'));
    expect(copy).toHaveBeenCalledWith(RM);
    expect(frame).toContain('step 2  break one replica');
    instance.unmount();
  });

  it('? lists w in a hands-on run', async () => {
    const instance = viewAt(right, shown);
    await waitForFrame(instance, (f) => f.includes('Your turn'));
    await press(instance, '?');
    const help = await waitForFrame(instance, (f) => f.includes('Keys'));
    expect(help).toMatch(/^\s+w\s+wait a minute longer for the first sign of your move \(hands-on\)$/m);
    instance.unmount();
  });
});

describe('the intro', () => {
  const intro = (handsOn: 'offer' | 'on', lang: Lang = 'en') => {
    const onStart = vi.fn();
    const store = createRunStore({ loaded: right.loaded, connection, lang });
    const instance = renderAt(<RunApp store={store} onQuit={vi.fn()} lang={lang} intro={{ onStart, handsOn }} />, { columns: 80, rows: 24 });
    return { onStart, instance };
  };

  it('offers h for hands-on beside Enter', async () => {
    const { onStart, instance } = intro('offer');
    const frame = await waitForFrame(instance, (f) => f.includes('Press Enter'));
    // Wrapped, not cut: the choice makes the prompt longer than 80 columns.
    expect(frame.replace(/\s+/g, ' ')).toContain('Press Enter to start the lab, h to run its commands yourself (hands-on), q to quit.');
    expectWithin80(frame);
    await press(instance, 'h');
    expect(onStart).toHaveBeenCalledWith(true);
    instance.unmount();
    const plain = intro('offer');
    await waitForFrame(plain.instance, (f) => f.includes('Press Enter'));
    await press(plain.instance, KEY.enter);
    expect(plain.onStart).toHaveBeenCalledWith(false);
    plain.instance.unmount();
  });

  it('starts hands-on with Enter when --hands-on asked for it, in Korean too', async () => {
    const { onStart, instance } = intro('on', 'ko');
    const frame = await waitForFrame(instance, (f) => f.includes('Enter를 누르면'));
    expect(frame).toContain('Enter를 누르면 직접 해 보기로 실습을 시작합니다.');
    expectWithin80(frame);
    await press(instance, KEY.enter);
    expect(onStart).toHaveBeenCalledWith(true);
    instance.unmount();
  });
});
