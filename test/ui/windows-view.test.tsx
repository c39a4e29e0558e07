// Predicted windows in the live view at 80 columns, in English and Korean: while an item is
// awaited, when the oracle expects it and why; once seen, where that fell in its window (also
// when that was outside it); and on a passed step's line, where its last item fell. Driven by
// real-cluster recordings judged as `probelab replay` judges them.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionInfo } from '../../src/cluster/port.js';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { Lang } from '../../src/i18n/lang.js';
import type { LoadedLab } from '../../src/lab/load.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import type { RunEvent } from '../../src/runner/events.js';
import { RunApp } from '../../src/ui/run-app.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { cellWidth } from '../../src/ui/text.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { renderAt, waitForFrame, type Rendered } from './render-at.js';

interface Replayed {
  loaded: LoadedLab;
  events: RunEvent[];
}

const CONNECTION: ConnectionInfo = { context: 'recorded', server: '' };

async function replayed(name: string): Promise<Replayed> {
  const loaded = await loadCatalogueLab(name);
  const events: RunEvent[] = [];
  // Copied as emitted: the judge goes on updating a pending verdict's items in place.
  judgeRecording(loaded.lab, await readFixture(name), autoWithinFor(loaded), { file: loaded.file, onEvent: (event) => events.push(structuredClone(event)) });
  return { loaded, events };
}

let readiness: Replayed;
let liveness: Replayed;
const mounted: Rendered[] = [];
beforeAll(async () => {
  readiness = await replayed('readiness-exec');
  liveness = await replayed('liveness-sigusr1');
});
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

/** The view at 80 columns after the events up to and including `last`. */
async function frameAfter(source: Replayed, last: number, lang: Lang, expected: string, rows = 24): Promise<string> {
  const store = createRunStore({ loaded: source.loaded, connection: CONNECTION, lang });
  const instance = renderAt(<RunApp store={store} onQuit={vi.fn()} lang={lang} />, { columns: 80, rows });
  mounted.push(instance);
  for (const event of source.events.slice(0, last + 1)) store.dispatch(event);
  const frame = await waitForFrame(instance, (f) => oneLine(f).includes(expected), expected);
  for (const line of frame.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(80);
  return frame;
}

/** Lines joined by a space: a text the view wrapped reads as one. */
const oneLine = (frame: string) => frame.split('\n').map((l) => l.trim()).join(' ');

const verdictWhere = (source: Replayed, step: number, holds: (items: Extract<RunEvent, { kind: 'verdict' }>['verdict']['items']) => boolean) => {
  const index = source.events.findIndex((e) => e.kind === 'verdict' && e.index === step && holds(e.verdict.items));
  if (index === -1) throw new Error('no such verdict in the replay');
  return index;
};

/** readiness-exec step 2, armed: READY still 1/1, nothing seen yet. */
const armed = () => verdictWhere(readiness, 1, (items) => items.every((i) => i.state === 'pending') && items.some((i) => i.window));
/** The first Unhealthy event latched, READY not yet 0/1. */
const unhealthy = () => verdictWhere(readiness, 1, (items) => items.some((i) => i.label.includes('Unhealthy') && i.state === 'met') && items.some((i) => i.label.includes('READY') && i.state === 'pending'));
/** Step 2 passed; step 3 has not acted yet. */
const passed = () => readiness.events.findIndex((e) => e.kind === 'verdict' && e.index === 1 && e.verdict.state === 'passed');

/**
 * The replay with the Unhealthy item given READY 0/1's window (6–10 s) in the verdict at `index`:
 * no real recording shows an item outside its window, so the view's words for one are tested on
 * a window made narrower than the oracle's.
 */
function narrowed(source: Replayed, index: number): Replayed {
  const events = structuredClone(source.events);
  const event = events[index]!;
  if (event.kind !== 'verdict') throw new Error('not a verdict');
  const ready = event.verdict.items.find((i) => i.label.includes('READY 0/1'))!;
  event.verdict.items.find((i) => i.label.includes('Unhealthy'))!.window = { ...ready.window! };
  return { ...source, events };
}

describe('predicted windows at 80 columns', () => {
  it('while awaited: when the oracle expects it, after which action, and why; the current value stays whole', async () => {
    const frame = await frameAfter(readiness, armed(), 'en', 'expected 6–10 s after');
    expect(oneLine(frame)).toContain('expected 6–10 s after `rm /tmp/healthy`: 3 failures × 3s period, +1s timeout');
    expect(frame).toContain('· pod $picked (…-hqx8x) READY 0/1 (now: READY 1/1)');
    // The window belongs to the first awaited item: it comes right under it.
    const lines = frame.split('\n');
    const item = lines.findIndex((l) => l.includes('READY 0/1 (now: READY 1/1)'));
    expect(lines[item + 1]).toMatch(/^ {6}expected 6–10 s after/);
    expect(oneLine(frame).match(/expected \d/g)).toHaveLength(1);
  });

  it('once seen: the time against the window', async () => {
    const frame = await frameAfter(readiness, unhealthy(), 'en', 'seen at 2.7 s');
    expect(oneLine(frame)).toContain('✓ event Warning Unhealthy on $picked (…-hqx8x) "/Readiness probe failed/" seen at 2.7 s, predicted 0–4 s');
    // Still awaited, READY keeps its window and its current value.
    expect(frame).toContain('(now: READY 1/1)');
    expect(oneLine(frame)).toContain('expected 6–10 s after `rm /tmp/healthy`');
  });

  it('says plainly when an item came sooner than its window (a window built for the test)', async () => {
    const frame = await frameAfter(narrowed(readiness, unhealthy()), unhealthy(), 'en', 'seen at 2.7 s');
    expect(oneLine(frame)).toContain('✓ event Warning Unhealthy on $picked (…-hqx8x) "/Readiness probe failed/" seen at 2.7 s, sooner than the predicted 6–10 s');
  });

  it('just settled: every item with where it fell in its window', async () => {
    const frame = await frameAfter(readiness, passed(), 'en', 'seen at 8.7 s');
    expect(frame).toContain('✓ pod $picked (…-hqx8x) READY 0/1 seen at 8.7 s, predicted 6–10 s');
    expect(oneLine(frame)).toContain('✓ deployment readiness-deployment available 2, unavailable 1 seen at 8.7 s, predicted 6–10 s');
    expect(oneLine(frame)).not.toContain('expected 6–10 s');
  });

  it("keeps a passed step's outcome on its line once the next step is active", async () => {
    const next = liveness.events.findIndex((e) => e.kind === 'stepStarted' && e.index === 2);
    const frame = await frameAfter(liveness, next, 'en', 'passed in 15s');
    expect(frame).toMatch(/^✓ hang the app with SIGUSR1 +passed in 15s · seen at 14\.6 s, predicted 11–17 s$/m);
    expect(cellWidth(frame.split('\n').find((l) => l.startsWith('✓ hang the app'))!)).toBe(80);
    // Step 1 waited on a container start, which the client does not time: nothing measured to say.
    expect(frame).toMatch(/^✓ the app serves and the probe passes +passed in 0\.8s$/m);
  });

  it('gives up a passed step\'s outcome rather than cut its name', async () => {
    const next = liveness.events.findIndex((e) => e.kind === 'stepStarted' && e.index === 2);
    const long = { ...liveness, loaded: { ...liveness.loaded, texts: { ...liveness.loaded.texts, steps: liveness.loaded.texts.steps.map((s, i) => (i === 1 ? { ...s, name: 'hang the app with SIGUSR1 and watch the probe time out' } : s)) } } };
    const frame = await frameAfter(long, next, 'en', 'passed in 15s');
    expect(frame).toMatch(/^✓ hang the app with SIGUSR1 and watch the probe time out +passed in 15s$/m);
  });

  it('names a signal and explains a hang: the liveness window while awaited', async () => {
    const index = verdictWhere(liveness, 1, (items) => items.every((i) => i.state === 'pending') && items.some((i) => i.window));
    const frame = await frameAfter(liveness, index, 'en', 'expected 11–16 s');
    // The recording sent SIGUSR1 as an exec of kill, as the live runner does.
    expect(oneLine(frame)).toContain('expected 11–16 s after `kill -s SIGUSR1 1`: 3 failures × 5s period, +1s timeout');
    expect(oneLine(frame)).toContain('(now: no new Unhealthy event)');
  });
});

describe('predicted windows in Korean at 80 columns', () => {
  it('while awaited, with the labels and the action in Korean and kubectl\'s own words kept', async () => {
    const frame = await frameAfter(readiness, armed(), 'ko', '뒤 6–10초 예상');
    expect(oneLine(frame)).toContain('`rm /tmp/healthy` 뒤 6–10초 예상: 실패 3번 × 주기 3초, +타임아웃 1초');
    expect(frame).toContain('· 파드 $picked (…-hqx8x) READY 0/1 (현재: READY 1/1)');
    expect(frame).toContain('→ exec rm /tmp/healthy (파드 readiness-deployment-774f8b876f-hqx8x, 컨테이');
    expect(oneLine(frame)).toContain('· 엔드포인트 readiness-svc: 준비 안 됨 ∋ $picked (…-hqx8x)');
    expect(oneLine(frame)).toContain('· 디플로이먼트 readiness-deployment 사용 가능 2, 사용 불가 1');
    expect(frame).toContain('· 금지: 파드 $picked (…-hqx8x) RESTARTS +1');
  });

  it('once seen, sooner than predicted (a window built for the test) and within it', async () => {
    const early = await frameAfter(narrowed(readiness, unhealthy()), unhealthy(), 'ko', '2.7초에 확인');
    expect(oneLine(early)).toContain('✓ $picked (…-hqx8x)의 이벤트 Warning Unhealthy "/Readiness probe failed/" 2.7초에 확인, 예상(6–10초)보다 이름');
    const settled = await frameAfter(readiness, passed(), 'ko', '8.7초에 확인');
    expect(settled).toContain('✓ 파드 $picked (…-hqx8x) READY 0/1 8.7초에 확인, 예상 6–10초');
  });
});

describe("the step's explanation", () => {
  it('shows under the active step where the pods table stays whole, in the reader\'s language', async () => {
    const en = await frameAfter(readiness, armed(), 'en', 'Three failures 3 s apart', 40);
    expect(oneLine(en)).toContain('Three failures 3 s apart, so up to about 9 s after the rm. The other two replicas keep serving');
    for (const pod of ['hqx8x', 'jqb9r', 'zf474']) expect(en).toMatch(new RegExp(`readiness-deployment-774f8b876f-${pod} +1/1`));
    const ko = await frameAfter(readiness, armed(), 'ko', '3초 간격으로 세 번 실패하므로', 40);
    expect(oneLine(ko)).toContain('3초 간격으로 세 번 실패하므로 rm 뒤 늦어도 약 9초 안에 일어납니다.');
  });

  it('gives way at 80x24, where the window and the pods need the rows', async () => {
    const frame = await frameAfter(readiness, armed(), 'en', 'expected 6–10 s');
    expect(frame).not.toContain('Three failures');
    expect(frame).toMatch(/readiness-deployment-774f8b876f-hqx8x +1\/1/);
  });
});
