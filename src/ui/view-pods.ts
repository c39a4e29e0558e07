// The pods table's rows, kept from the timeline's transitions rather than by re-applying
// observations: the Timeline in the runner has already decided which deliveries are stale,
// duplicated or replace a pod of the same name, and its transitions say which kubectl column
// changed, which is what the highlight needs. Rows stay sorted by name; a namespace of a thousand
// pods changes a few hundred times a second, so a change finds its row by binary search and
// copies the array once, rather than sorting or mapping every row.

import type { Pod } from '../model/kube.js';
import type { Observation } from '../model/observation.js';
import type { Transition } from '../timeline/transitions.js';

/** The cells of `kubectl get pods` that can be highlighted (AGE changes every second). */
export type PodCell = 'name' | 'ready' | 'status' | 'restarts';

export interface PodRow {
  name: string;
  uid?: string;
  /** The latest object the timeline accepted for this pod. */
  pod: Pod;
  /** When each cell last changed (epoch ms); a new pod has every cell new. */
  changedAt: Partial<Record<PodCell, number>>;
}

const CELL_OF: Partial<Record<Transition['kind'], PodCell>> = {
  readyChanged: 'ready',
  statusChanged: 'status',
  restarted: 'restarts',
};

// The order String.prototype.localeCompare gives, with the collator made once.
const compareNames = new Intl.Collator().compare;

export function applyPodTransitions(rows: readonly PodRow[], observation: Observation, transitions: readonly Transition[]): readonly PodRow[] {
  const pod = observation.kind === 'watch' && observation.resource === 'pods' ? observation.object : undefined;
  let next = rows;
  // Copied on the first change only: an observation that changes no row keeps the array.
  const edit = (): PodRow[] => (next === rows ? (next = rows.slice()) : next) as PodRow[];
  for (const transition of transitions) {
    if (!('columns' in transition)) continue;
    const { at } = transition;
    const index = indexOfName(next, transition.pod);
    const current = index === -1 ? undefined : next[index]!;
    if (transition.kind === 'podAdded') {
      if (pod === undefined) continue;
      const row: PodRow = { name: transition.pod, uid: transition.uid, pod, changedAt: { name: at, ready: at, status: at, restarts: at } };
      if (current) edit().splice(index, 1);
      edit().splice(insertionPoint(next, row.name), 0, row);
      continue;
    }
    if (!current || current.uid !== transition.uid) continue;
    if (transition.kind === 'podDeleted') {
      edit().splice(index, 1);
      continue;
    }
    const cell = CELL_OF[transition.kind];
    const latest = pod !== undefined && pod.metadata.uid === current.uid ? pod : current.pod;
    edit()[index] = { ...current, pod: latest, changedAt: cell ? { ...current.changedAt, [cell]: at } : current.changedAt };
  }
  return next;
}

/** The row named `name`, by binary search (names the collator ranks equal are looked through). */
function indexOfName(rows: readonly PodRow[], name: string): number {
  for (let i = boundary(rows, name, false); i < rows.length && compareNames(rows[i]!.name, name) === 0; i++) if (rows[i]!.name === name) return i;
  return -1;
}

/** Where a new row named `name` goes: after every row that does not sort after it, as a stable sort puts it. */
function insertionPoint(rows: readonly PodRow[], name: string): number {
  return boundary(rows, name, true);
}

/** The first row that does not sort before `name`; with `pastEqual`, the first that sorts after it. */
function boundary(rows: readonly PodRow[], name: string, pastEqual: boolean): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareNames(rows[middle]!.name, name);
    if (order < 0 || (pastEqual && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}
