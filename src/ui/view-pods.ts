// The pods table's rows, kept from the timeline's transitions rather than by re-applying
// observations: the Timeline in the runner has already decided which deliveries are stale,
// duplicated or replace a pod of the same name, and its transitions say which kubectl column
// changed, which is what the highlight needs.

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

export function applyPodTransitions(rows: readonly PodRow[], observation: Observation, transitions: readonly Transition[]): readonly PodRow[] {
  const pod = observation.kind === 'watch' && observation.resource === 'pods' ? observation.object : undefined;
  let next = rows;
  for (const transition of transitions) {
    if (!('columns' in transition)) continue;
    const { at } = transition;
    if (transition.kind === 'podDeleted') {
      next = next.filter((row) => !(row.name === transition.pod && row.uid === transition.uid));
      continue;
    }
    if (transition.kind === 'podAdded') {
      if (pod === undefined) continue;
      const row: PodRow = { name: transition.pod, uid: transition.uid, pod, changedAt: { name: at, ready: at, status: at, restarts: at } };
      next = [...next.filter((r) => r.name !== row.name), row].sort((a, b) => a.name.localeCompare(b.name));
      continue;
    }
    const cell = CELL_OF[transition.kind];
    next = next.map((row): PodRow => {
      if (row.name !== transition.pod || row.uid !== transition.uid) return row;
      const latest = pod !== undefined && pod.metadata.uid === row.uid ? pod : row.pod;
      return { ...row, pod: latest, changedAt: cell ? { ...row.changedAt, [cell]: at } : row.changedAt };
    });
  }
  return next;
}
