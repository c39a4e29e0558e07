// The pods pane's parts that make a big namespace cheap, held against the plain way of doing the
// same: rows kept sorted by binary search against re-sorting after every change, cells computed
// once a second against kubectl's printer at the very millisecond, and the filter's syntax.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { podColumns } from '../../src/timeline/pod-columns.js';
import { Timeline } from '../../src/timeline/timeline.js';
import type { Transition } from '../../src/timeline/transitions.js';
import { podCells } from '../../src/ui/pod-cells.js';
import { filterPods, parsePodFilter } from '../../src/ui/pod-filter.js';
import { applyPodTransitions, type PodCell, type PodRow } from '../../src/ui/view-pods.js';
import { recordedPodHistories } from './many-pods.js';

let histories: Pod[][];
beforeAll(async () => {
  histories = await recordedPodHistories();
});

/** The rows as the view kept them before: every add re-sorts, every change maps every row. */
function plainRows(rows: readonly PodRow[], observation: Observation, transitions: readonly Transition[]): readonly PodRow[] {
  const cells: Partial<Record<Transition['kind'], PodCell>> = { readyChanged: 'ready', statusChanged: 'status', restarted: 'restarts' };
  const pod = observation.kind === 'watch' && observation.resource === 'pods' ? observation.object : undefined;
  let next = rows;
  for (const t of transitions) {
    if (!('columns' in t)) continue;
    if (t.kind === 'podDeleted') next = next.filter((row) => !(row.name === t.pod && row.uid === t.uid));
    else if (t.kind === 'podAdded') {
      if (pod === undefined) continue;
      const row = { name: t.pod, uid: t.uid, pod, changedAt: { name: t.at, ready: t.at, status: t.at, restarts: t.at } };
      next = [...next.filter((r) => r.name !== row.name), row].sort((a, b) => a.name.localeCompare(b.name));
    } else {
      const cell = cells[t.kind];
      next = next.map((row) => {
        if (row.name !== t.pod || row.uid !== t.uid) return row;
        return { ...row, pod: pod !== undefined && pod.metadata.uid === row.uid ? pod : row.pod, changedAt: cell ? { ...row.changedAt, [cell]: t.at } : row.changedAt };
      });
    }
  }
  return next;
}

describe('pod rows from transitions', () => {
  it('are the rows re-sorting after every change gives, for any order of adds, changes, deletes and replacements', () => {
    const NAMES = ['web-b', 'web-a', 'api-0', 'web-a1', 'web-10', 'web-9', 'Web-c', 'db.primary'];
    const step = fc.record({
      name: fc.constantFrom(...NAMES),
      // A second uid under the same name: the pod replaced (a StatefulSet's, or deleted and made again).
      generation: fc.constantFrom(1, 2),
      type: fc.constantFrom('ADDED', 'MODIFIED', 'MODIFIED', 'DELETED'),
      version: fc.integer({ min: 0, max: histories.length * 10 }),
      stale: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const timeline = new Timeline();
        let fast: readonly PodRow[] = [];
        let plain: readonly PodRow[] = [];
        let resourceVersion = 100;
        steps.forEach(({ name, generation, type, version, stale }, i) => {
          const history = histories[version % histories.length]!;
          const object = structuredClone(history[Math.floor(version / histories.length) % history.length]!);
          // Now and then a delivery older than what the watch has seen: the Timeline drops it.
          object.metadata = { ...object.metadata, name, uid: `${name}-${generation}`, resourceVersion: String(stale ? resourceVersion - 5 : ++resourceVersion) };
          const observation: Observation = { kind: 'watch', at: 1_000 * i, resource: 'pods', type: type as 'ADDED' | 'MODIFIED' | 'DELETED', object };
          const transitions = timeline.apply(observation);
          fast = applyPodTransitions(fast, observation, transitions);
          plain = plainRows(plain, observation, transitions);
          expect(fast).toEqual(plain);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the same array when an observation changes no row', () => {
    const timeline = new Timeline();
    const object = structuredClone(histories[0]![0]!);
    const added: Observation = { kind: 'watch', at: 0, resource: 'pods', type: 'ADDED', object };
    const rows = applyPodTransitions([], added, timeline.apply(added));
    const event: Observation = { kind: 'note', at: 1, text: 'nothing about pods' };
    expect(applyPodTransitions(rows, event, timeline.apply(event))).toBe(rows);
  });
});

describe('pod cells, once a second', () => {
  it("are kubectl's columns at every millisecond, clock skew included (the API's times are whole seconds)", () => {
    const columns = (pod: Pod, now: number) => {
      const c = podColumns(pod, now);
      return [c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node];
    };
    let compared = 0;
    for (const pod of histories.flat()) {
      const created = Date.parse(pod.metadata.creationTimestamp!);
      // Around creation (2 s ahead of the clock and more, then seconds, then minutes old) and days later.
      for (const second of [-4, -3, -2, -1, 0, 1, 59, 119, 120, 599, 600, 3 * 86_400]) {
        for (const ms of [0, 1, 499, 998, 999]) {
          const now = created + second * 1000 + ms;
          expect(podCells(pod, now).texts, `${pod.metadata.name} at ${now - created} ms`).toEqual(columns(pod, now));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('read a restarted container\'s "(… ago)" as kubectl does, and leave it out of what the filter reads', () => {
    const restarted = histories.flat().find((pod) => podColumns(pod, Date.now()).restartCount > 0)!;
    const cells = podCells(restarted, Date.parse('2027-01-01T00:00:00.250Z'));
    expect(cells.texts[3]).toMatch(/^\d+ \(\d+d ago\)$/);
    expect(cells.searchable.join(' ')).not.toContain('ago');
    expect(cells.searchable[3]).toBe(cells.texts[3]!.split(' ')[0]);
  });
});

describe('the filter', () => {
  it('reads a leading slash as a regular expression (the closing one optional), anything else as text, case ignored', () => {
    expect(parsePodFilter('0/1').pattern?.test('web-0 0/1 Running')).toBe(true);
    expect(parsePodFilter('crash').pattern?.test('web-0 0/1 CrashLoopBackOff')).toBe(true);
    // Text is text: a dot is a dot.
    expect(parsePodFilter('web.0').pattern?.test('web-0 1/1 Running')).toBe(false);
    expect(parsePodFilter('/web.0/').pattern?.test('web-0 1/1 Running')).toBe(true);
    expect(parsePodFilter('/^WEB-\\d').pattern?.test('web-0 1/1 Running')).toBe(true);
    expect(parsePodFilter('/^web-\\d/').pattern?.test('api-web-0 1/1 Running')).toBe(false);
    expect(parsePodFilter('/web-[')).toMatchObject({ text: '/web-[', invalid: expect.stringContaining('Invalid regular expression') });
  });

  it('keeps the rows with a matching cell, in order (every row without a filter or with one that does not compile)', () => {
    const timeline = new Timeline();
    let rows: readonly PodRow[] = [];
    for (const history of histories) {
      const observation: Observation = { kind: 'watch', at: 0, resource: 'pods', type: 'ADDED', object: history.at(-1)! };
      rows = applyPodTransitions(rows, observation, timeline.apply(observation));
    }
    const now = Date.parse('2027-01-01T00:00:00Z');
    const failed = filterPods(rows, parsePodFilter('error'), now);
    expect(failed.map((r) => podColumns(r.pod, now).status)).toEqual(['Error']);
    const running = filterPods(rows, parsePodFilter('/^running$/'), now);
    expect(running.length).toBeGreaterThan(10);
    expect(running).toEqual(rows.filter((r) => podColumns(r.pod, now).status === 'Running'));
    expect(filterPods(rows, undefined, now)).toBe(rows);
    expect(filterPods(rows, parsePodFilter('/web-['), now)).toBe(rows);
  });
});
