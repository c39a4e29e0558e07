// The pods pane of a namespace too big for the terminal, at 80 columns: scrolling (↑↓, PgUp/PgDn,
// Home/End), in the watch view (the run view shares the pane). The pods are the real recordings'
// pods, each at one of its recorded versions, cloned to 200.

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
const KEYS = { pageDown: '\u001B[6~', pageUp: '\u001B[5~', home: '\u001B[H', end: '\u001B[F' } as const;

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
