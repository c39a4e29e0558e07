// The pods pane's filter (`/`, as in k9s): a piece of text, or a /regular expression/ (the closing
// slash optional, so the list narrows while it is typed), matched against each cell of a pod's row
// as kubectl prints it, so that `^` and `$` are a cell's ends (`/^web-/`, `/^0\/1$/`). AGE and the
// last restart's age are left out: a pod does not come and go with the clock. Case does not
// matter: `crash` finds CrashLoopBackOff, `0/1` the pods not ready.

import type { PodRow } from './view-pods.js';
import { podCells } from './pod-cells.js';

export interface PodFilter {
  /** As typed. */
  text: string;
  /** The compiler's message when `text` is a regular expression that does not compile: then it hides nothing. */
  invalid?: string;
  pattern?: RegExp;
}

export function parsePodFilter(text: string): PodFilter {
  if (!text.startsWith('/')) return { text, pattern: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') };
  const source = text.length > 1 && text.endsWith('/') ? text.slice(1, -1) : text.slice(1);
  try {
    return { text, pattern: new RegExp(source, 'i') };
  } catch (error) {
    return { text, invalid: (error as Error).message };
  }
}

/** The rows the filter keeps, in their order (all of them without a filter, or with one that does not compile). */
export function filterPods(rows: readonly PodRow[], filter: PodFilter | undefined, now: number): readonly PodRow[] {
  const pattern = filter?.pattern;
  if (!pattern || filter.text === '') return rows;
  return rows.filter((row) => podCells(row.pod, now).searchable.some((cell) => pattern.test(cell)));
}
