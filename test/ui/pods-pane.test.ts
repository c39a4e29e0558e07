// The pods pane's parts that make a big namespace cheap, held against the plain way of doing the
// same: rows kept sorted by binary search against re-sorting after every change, cells computed
// once a second against kubectl's printer at the very millisecond.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { podColumns } from '../../src/timeline/pod-columns.js';
import { Timeline } from '../../src/timeline/timeline.js';
import type { Transition } from '../../src/timeline/transitions.js';
import { podCells } from '../../src/ui/pod-cells.js';
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

});
