// Where the reader is in the pods pane: the selected pod, the first row shown, and the `/` filter
// (typed, or kept). View choices, so they live in the view rather than in the store; the keys
// that change them come from RunApp's input handler.

import { useMemo, useRef, useState } from 'react';
import type { Key } from 'ink';
import { filterPods, parsePodFilter } from './pod-filter.js';
import type { PodsFilterView } from './pods-table.js';
import type { Line } from './lines.js';
import type { PodRow } from './view-pods.js';

export interface PodsNavigation {
  /** The pods the pane lists: all of them, or the filter's matches. */
  pods: readonly PodRow[];
  selected?: string;
  /** The pane's first row. */
  top: number;
  filter?: PodsFilterView;
  /** The filter is being typed: every key but Ctrl-C is its. */
  typing: boolean;
  /** ↑↓, PgUp PgDn, Home End; false for any other key. */
  move(key: Key): boolean;
  /** `/`: type the filter (from the one kept, if any). */
  openFilter(): void;
  /** Esc. */
  clearFilter(): void;
  /** A key while the filter is typed. */
  type(input: string, key: Key): void;
  /** Learns from the frame how many pod rows fit: what PgUp and PgDn move by. */
  shown(lines: readonly Line[]): void;
}

export function usePodsNavigation(all: readonly PodRow[], now: number): PodsNavigation {
  // The pod chosen, and where it was: when it leaves the list (deleted, or no longer matching the
  // filter), the selection stays on that row rather than jumping to the top.
  const [selection, setSelection] = useState<{ name: string; index: number }>();
  const [top, setTop] = useState(0);
  const [input, setInput] = useState<{ text: string; typing: boolean }>();
  const page = useRef(1);

  const filter = useMemo(() => (input ? parsePodFilter(input.text) : undefined), [input?.text]);
  const pods = filterPods(all, filter, now);
  const found = pods.findIndex((p) => p.name === selection?.name);
  const index = found !== -1 ? found : Math.max(0, Math.min(selection?.index ?? 0, pods.length - 1));

  /** Selects the pod at `at` of those listed, scrolling the least that keeps it in view. */
  const selectAt = (at: number) => {
    if (pods.length === 0) return;
    const clamped = Math.max(0, Math.min(pods.length - 1, at));
    setSelection({ name: pods[clamped]!.name, index: clamped });
    setTop((current) => Math.min(Math.max(current, clamped - page.current + 1), clamped));
  };
  const move = (key: Key): boolean => {
    if (key.upArrow) selectAt(index - 1);
    else if (key.downArrow) selectAt(index + 1);
    else if (key.pageUp) selectAt(index - page.current);
    else if (key.pageDown) selectAt(index + page.current);
    else if (key.home) selectAt(0);
    else if (key.end) selectAt(pods.length - 1);
    else return false;
    return true;
  };

  return {
    pods,
    selected: pods[index]?.name,
    top,
    filter: input && { text: input.text, editing: input.typing, invalid: filter?.invalid !== undefined, total: all.length },
    typing: input?.typing === true,
    move,
    openFilter: () => setInput({ text: input?.text ?? '', typing: true }),
    clearFilter: () => setInput(undefined),
    type(typed, key) {
      if (!input || move(key)) return;
      if (key.escape) setInput(undefined);
      else if (key.return) setInput(input.text === '' ? undefined : { text: input.text, typing: false });
      else if (key.backspace || key.delete) setInput({ text: [...input.text].slice(0, -1).join(''), typing: true });
      else if (typed && !key.ctrl && !key.meta && !key.tab) setInput({ text: input.text + typed, typing: true });
    },
    shown(lines) {
      const rows = lines.filter((l) => l.key.startsWith('pod-')).length;
      if (rows > 0) page.current = rows;
    },
  };
}
