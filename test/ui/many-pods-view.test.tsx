// The pods pane of a namespace too big for the terminal, at 80 columns: scrolling (↑↓, PgUp/PgDn,
// Home/End) and the `/` filter, in the watch view (the run view shares the pane). The pods are the
// real recordings' pods, each at one of its recorded versions, cloned to 200.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { Timeline } from '../../src/timeline/timeline.js';
import type { Lang } from '../../src/i18n/lang.js';
import { RunApp } from '../../src/ui/run-app.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { initialViewState } from '../../src/ui/run-view-state.js';
import { WATCH_FRAME } from '../../src/ui/watch-frame.js';
import { manyPodsEvents, recordedPodHistories } from './many-pods.js';
import { KEY, plainFrame, press, renderAt, waitForFrame, type Rendered } from './render-at.js';

const PODS = 200;
const LISTED = Date.parse('2027-01-01T10:00:00Z');
const KEYS = { pageDown: '\u001B[6~', pageUp: '\u001B[5~', home: '\u001B[H', end: '\u001B[F', backspace: '\u007F' } as const;

let histories: Pod[][];
const mounted: Rendered[] = [];
beforeAll(async () => {
  histories = await recordedPodHistories();
});
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

async function watchView(lang: Lang = 'en') {
  const store = createRunStore({ initial: initialViewState({ name: 'watch', title: 'namespace many', file: '', learn: '' }, { context: 'kind-test', server: 'https://127.0.0.1:6443' }), intervalMs: 0 });
  const onQuit = vi.fn();
  const instance = renderAt(<RunApp store={store} onQuit={onQuit} frame={WATCH_FRAME} lang={lang} />, { columns: 80, rows: 24 });
  mounted.push(instance);
  const timeline = new Timeline();
  const events = manyPodsEvents(histories, PODS, LISTED, timeline);
  for (const event of events) store.dispatch(event);
  await waitForFrame(instance, (f) => f.includes('more (↑↓)') || f.includes('개 더'));
  const names = events.flatMap((e) => (e.kind === 'observation' && e.observation.kind === 'watch' ? [e.observation.object.metadata.name] : [])).sort((a, b) => a.localeCompare(b));
  /** The watch delivers a change of the pod named `name`, or its deletion. */
  const deliver = (name: string, type: 'MODIFIED' | 'DELETED', edit: (pod: Pod) => void = () => undefined) => {
    const object = structuredClone(store.getState().pods.find((row) => row.name === name)!.pod);
    edit(object);
    object.metadata.resourceVersion = String(Number(object.metadata.resourceVersion) + 10_000);
    const observation: Observation = { kind: 'watch', at: LISTED + 1000, resource: 'pods', type, object };
    store.dispatch({ kind: 'observation', at: observation.at, observation, transitions: timeline.apply(observation) });
  };
  return { store, instance, onQuit, names, deliver };
}

/** The pod rows of a frame: [marker, name, the rest of the row]. */
function rows(frame: string): { selected: boolean; name: string; text: string }[] {
  return frame
    .split('\n')
    .filter((l) => /^(› |  )[a-z0-9]/.test(l) && !l.startsWith('  NAME'))
    .map((l) => ({ selected: l.startsWith('›'), name: l.slice(2).split(/\s+/)[0]!, text: l.slice(2) }));
}

async function type(instance: Rendered, text: string) {
  for (const key of text) await press(instance, key);
}

describe('scrolling the pods pane', () => {
  it('moves a page with PgDn and PgUp, to the ends with End and Home, and says which rows show', async () => {
    const { instance, names } = await watchView();
    const first = rows(plainFrame(instance));
    const page = first.length;
    expect(page).toBeGreaterThan(5);
    expect(first.map((r) => r.name)).toEqual(names.slice(0, page));
    expect(plainFrame(instance)).toContain(`… ${PODS - page} more (↑↓)`);

    await press(instance, KEYS.pageDown);
    let frame = await waitForFrame(instance, (f) => rows(f).find((r) => r.selected)?.name === names[page]);
    expect(rows(frame).map((r) => r.name)).toEqual(names.slice(1, page + 1));
    expect(frame).toContain(`… 2–${page + 1} of ${PODS} (↑↓ PgUp PgDn)`);

    await press(instance, KEYS.end);
    frame = await waitForFrame(instance, (f) => rows(f).find((r) => r.selected)?.name === names.at(-1));
    expect(rows(frame).map((r) => r.name)).toEqual(names.slice(PODS - page));
    expect(frame).toContain(`… ${PODS - page + 1}–${PODS} of ${PODS}`);

    // Up from the bottom the window stays put until the selection reaches its top.
    await press(instance, KEY.up);
    await press(instance, KEY.up);
    frame = await waitForFrame(instance, (f) => rows(f).find((r) => r.selected)?.name === names.at(-3));
    expect(rows(frame)[0]!.name).toBe(names[PODS - page]);

    await press(instance, KEYS.pageUp);
    frame = await waitForFrame(instance, (f) => rows(f).find((r) => r.selected)?.name === names[PODS - 3 - page]);
    expect(rows(frame)[0]!.name).toBe(names[PODS - 3 - page]);

    await press(instance, KEYS.home);
    frame = await waitForFrame(instance, (f) => rows(f)[0]?.selected === true);
    expect(rows(frame).map((r) => r.name)).toEqual(names.slice(0, page));
    expect(frame).toContain(`… ${PODS - page} more (↑↓)`);
  });

  it('keeps the selection on its row when the selected pod is deleted', async () => {
    const { instance, deliver } = await watchView();
    for (let i = 0; i < 3; i++) await press(instance, KEY.down);
    const before = rows(await waitForFrame(instance, (f) => rows(f)[3]?.selected === true));
    deliver(before[3]!.name, 'DELETED');
    const after = rows(await waitForFrame(instance, (f) => !f.includes(before[3]!.name)));
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]).toEqual({ ...before[4], selected: true });
  });
});

describe('the pods filter (/)', () => {
  it('narrows the pods by STATUS as it is typed, says the filter and how many match, keeps it on Enter, and clears it on Esc', async () => {
    const { instance } = await watchView();
    await press(instance, '/');
    await type(instance, 'error');
    let frame = await waitForFrame(instance, (f) => f.includes('Pods  filter: error'));
    const errors = rows(frame);
    expect(errors.length).toBeGreaterThan(0);
    for (const row of errors) expect(row.text).toMatch(/\s0\/1\s+Error\s/);
    expect(frame).toMatch(new RegExp(`^Pods  filter: error   ${errors.length} of ${PODS} pods · Enter keeps it, Esc clears it$`, 'm'));

    await press(instance, KEY.enter);
    frame = await waitForFrame(instance, (f) => f.includes('/ changes it'));
    expect(frame).toMatch(new RegExp(`^Pods  filter: error  ${errors.length} of ${PODS} pods · / changes it, Esc clears it$`, 'm'));
    expect(rows(frame)).toEqual(errors);

    await press(instance, KEY.escape);
    frame = await waitForFrame(instance, (f) => f.includes('more (↑↓)'));
    expect(frame).toMatch(/^Pods$/m);
    expect(rows(frame).length).toBeGreaterThan(errors.length);
  });

  it("finds READY's text, 0/1, and the selection moves among the matches only", async () => {
    const { instance } = await watchView();
    await press(instance, '/');
    await type(instance, '0/1');
    await press(instance, KEY.enter);
    const frame = await waitForFrame(instance, (f) => f.includes('/ changes it'));
    const shown = rows(frame);
    expect(shown.length).toBeGreaterThan(3);
    for (const row of shown) expect(row.text).toMatch(/\s0\/1\s/);
    await press(instance, KEY.down);
    await press(instance, KEY.down);
    const moved = await waitForFrame(instance, (f) => rows(f)[2]?.selected === true);
    expect(rows(moved).map((r) => r.name)).toEqual(shown.map((r) => r.name));
  });

  it('keeps the selection on its row when the selected pod stops matching', async () => {
    const { instance, deliver } = await watchView();
    await press(instance, '/');
    await type(instance, 'Running');
    await press(instance, KEY.enter);
    for (let i = 0; i < 3; i++) await press(instance, KEY.down);
    const before = rows(await waitForFrame(instance, (f) => rows(f)[3]?.selected === true));
    deliver(before[3]!.name, 'MODIFIED', (pod) => (pod.status!.containerStatuses![0]!.state = { waiting: { reason: 'CrashLoopBackOff' } }));
    const after = rows(await waitForFrame(instance, (f) => !f.includes(before[3]!.name)));
    expect(after.slice(0, 3).map((r) => r.name)).toEqual(before.slice(0, 3).map((r) => r.name));
    expect(after[3]).toEqual({ ...before[4], selected: true });
  });

  it('takes a /regular expression/, ignoring case, while the closing slash is still to come', async () => {
    const { instance, names } = await watchView();
    await press(instance, '/');
    await type(instance, '/^LIVENESS-(app|pod)-c1\\d\\d$');
    const open = await waitForFrame(instance, (f) => f.includes('c1\\d\\d$'));
    const wanted = names.filter((name) => /^liveness-(app|pod)-c1\d\d$/.test(name));
    expect(wanted.length).toBeGreaterThan(1);
    expect(rows(open).map((r) => r.name)).toEqual(wanted);
    await type(instance, '/');
    await press(instance, KEY.enter);
    // At 80 columns the keys' hint gives way to the filter.
    const kept = await waitForFrame(instance, (f) => f.includes(`filter: /^LIVENESS-(app|pod)-c1\\d\\d$/  ${wanted.length} of ${PODS} pods`));
    expect(rows(kept).map((r) => r.name)).toEqual(wanted);
  });

  it('types q, space and the other keys into the filter instead of acting on them', async () => {
    const { instance, onQuit } = await watchView();
    await press(instance, '/');
    await type(instance, 'q e?');
    const frame = await waitForFrame(instance, (f) => f.includes('filter: q e?'));
    expect(onQuit).not.toHaveBeenCalled();
    expect(frame).not.toContain('Keys');
    expect(frame).toContain('no pod matches the filter');
    await press(instance, KEY.escape);
    await waitForFrame(instance, (f) => f.includes('more (↑↓)'));
    await press(instance, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('says when a regular expression does not compile, and hides nothing then', async () => {
    const { instance } = await watchView();
    await press(instance, '/');
    await type(instance, '/xyz-[');
    const frame = await waitForFrame(instance, (f) => f.includes('not a valid regular expression'));
    expect(frame).toMatch(/^Pods  filter: \/xyz-\[ {3}not a valid regular expression: no pod hidden/m);
    expect(frame).toContain('more (↑↓)');
    await press(instance, KEYS.backspace);
    await waitForFrame(instance, (f) => /^Pods {2}filter: \/xyz- {3}0 of 200 pods/m.test(f) && f.includes('no pod matches the filter'));
  });

  it('speaks Korean with --lang ko', async () => {
    const { instance } = await watchView('ko');
    await press(instance, '/');
    await type(instance, 'Error');
    let frame = await waitForFrame(instance, (f) => f.includes('필터: Error'));
    const count = rows(frame).length;
    expect(frame).toMatch(new RegExp(`^파드  필터: Error   파드 ${PODS}개 중 ${count}개 · Enter 유지, Esc 해제$`, 'm'));
    await press(instance, KEY.enter);
    frame = await waitForFrame(instance, (f) => f.includes('/ 수정, Esc 해제'));
    expect(frame).toContain('q 종료  ↑↓ 선택  / 필터');
  });
});
