// A pod's cells in `kubectl get pods`, computed once per pod object and second of the clock. The
// printer (podColumns) reads the time only for AGE and the RESTARTS "(… ago)", which count whole
// seconds from the pod's timestamps, and the API writes those in whole seconds (metav1.Time): both
// texts stay the same through a second of the clock. A thousand pods redrawn ten times a second
// thus cost a thousand rows a second, plus one for each pod that changed.

import type { Pod } from '../model/kube.js';
import { podColumns } from '../timeline/pod-columns.js';
import { cellWidth } from './text.js';

export interface PodCells {
  /** NAME READY STATUS RESTARTS AGE IP NODE, as kubectl prints them. */
  texts: readonly string[];
  /** Each text's width in terminal cells. */
  widths: readonly number[];
  /** The cells without what changes with the clock (AGE, the last restart's age): what the filter reads. */
  searchable: readonly string[];
}

const SECOND = 1000;
const cache = new WeakMap<Pod, { at: number; cells: PodCells }>();

export function podCells(pod: Pod, now: number): PodCells {
  // Go truncates ages toward zero, so a time 2 s ahead of the clock (skew) reads `<invalid>` on
  // the second's first millisecond and `0s` through the rest of it: the rest is computed at its
  // last millisecond.
  const at = now % SECOND === 0 ? now : Math.floor(now / SECOND) * SECOND + SECOND - 1;
  const kept = cache.get(pod);
  if (kept?.at === at) return kept.cells;
  const c = podColumns(pod, at);
  const texts = [c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node];
  const cells: PodCells = { texts, widths: texts.map(cellWidth), searchable: [c.name, c.ready, c.status, String(c.restartCount), c.ip, c.node] };
  cache.set(pod, { at, cells });
  return cells;
}
