// The pods as `kubectl get pods` prints them (NAME READY STATUS RESTARTS AGE; -o wide's IP and
// NODE when there is room), with a cell that changed in the last seconds highlighted. Narrow
// terminals drop IP and NODE, then AGE, shorten NAME in the middle, then drop RESTARTS; a row
// never wraps. Column widths fit every row, as kubectl's do, but only the rows in view are laid
// out: a namespace of a thousand pods draws the forty that fit.

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { podCells } from './pod-cells.js';
import type { PodCell, PodRow } from './run-view-state.js';
import { cellWidth, fitWidths, joinFitting, layoutRow, truncateEnd, type Column } from './text.js';

/** How long a changed cell stays highlighted. */
export const HIGHLIGHT_MS = 2000;

/** The filter as the pane shows it: while it is typed, or kept. */
export interface PodsFilterView {
  text: string;
  editing: boolean;
  /** The text is a regular expression that does not compile (it hides nothing). */
  invalid?: boolean;
  /** Pods without the filter. */
  total: number;
}

export interface PodsTableProps {
  /** The rows to show, sorted: the filter's matches when there is one. */
  pods: readonly PodRow[];
  now: number;
  width: number;
  /** Name of the selected pod (marked with ›). */
  selected?: string;
  /** Lines available, title and column headers included; undefined: all. */
  maxLines?: number;
  /** The first row to show, moved only as far as keeps the selected one in view (0 by default). */
  top?: number;
  filter?: PodsFilterView;
  m: Messages;
}

// kubectl's printers pad columns with 3 spaces (printers.GetNewTabWriter: padding 3); a narrow
// terminal gets 2 so that RESTARTS, what a probe lab is about, still fits in 40 columns.
const gapFor = (width: number) => (width < 60 ? 2 : 3);
const MARKER = 2;

const COLUMNS: (Column & { cell?: PodCell })[] = [
  { header: 'NAME', min: 12, truncate: 'middle', cell: 'name' },
  { header: 'READY', min: 5, cell: 'ready' },
  { header: 'STATUS', min: 7, truncate: 'end', cell: 'status' },
  { header: 'RESTARTS', min: 8, dropOrder: 3, cell: 'restarts' },
  { header: 'AGE', min: 3, dropOrder: 2 },
  // -o wide's columns are shown whole or not at all: half an IP says nothing.
  { header: 'IP', min: Number.POSITIVE_INFINITY, dropOrder: 0, extra: true },
  { header: 'NODE', min: Number.POSITIVE_INFINITY, dropOrder: 1, extra: true },
];

export function podTableLines({ pods, now, width, selected, maxLines, top = 0, filter, m }: PodsTableProps): Line[] {
  const title = titleLine(filter, pods.length, width, m);
  if (pods.length === 0) return [title, line('pods-none', { text: `  ${filter && filter.total > 0 ? m.pods.noMatch : m.pods.none}`, tone: 'muted' })];
  const widest = COLUMNS.map(() => 0);
  for (const row of pods) {
    const { widths } = podCells(row.pod, now);
    for (let c = 0; c < widest.length; c++) widest[c] = Math.max(widest[c]!, widths[c]!);
  }
  const gap = gapFor(width);
  const fitted = fitWidths(COLUMNS, widest, width - MARKER, gap);
  const header = line('pods-header', { text: truncateEnd(' '.repeat(MARKER) + layoutRow(COLUMNS.map((c) => c.header), fitted, gap).join(''), width), tone: 'muted' });
  const room = maxLines === undefined ? pods.length : maxLines - 2;
  const { start, shown } = podWindow(pods.length, pods.findIndex((p) => p.name === selected), top, room);
  const rows = pods.slice(start, start + shown).map((row): Line => {
    const marker: Segment = row.name === selected ? { text: '› ', tone: 'accent', bold: true } : { text: '  ' };
    const texts = layoutRow(podCells(row.pod, now).texts as string[], fitted, gap);
    const segments = texts.flatMap((text, position): Segment[] => {
      const cell = COLUMNS[fitted[position]!.index]!.cell;
      const changed = cell !== undefined && now - (row.changedAt[cell] ?? Number.NEGATIVE_INFINITY) < HIGHLIGHT_MS;
      if (!changed) return [{ text, tone: cell === 'status' ? statusTone(text.trim()) : cell === 'ready' ? readyTone(text.trim()) : undefined }];
      const value = text.trimEnd();
      return [{ text: value, highlight: true }, { text: text.slice(value.length) }];
    });
    return { key: `pod-${row.name}`, segments: [marker, ...segments] };
  });
  if (shown === pods.length) return [title, header, ...rows];
  const rest = start === 0 ? m.pods.more(pods.length - shown) : m.pods.position(start + 1, start + shown, pods.length);
  return [title, header, ...rows, line('pods-more', { text: `  ${rest}`, tone: 'muted' })];
}

export function PodsTable(props: PodsTableProps) {
  return <Lines lines={podTableLines(props)} />;
}

/**
 * The rows that fit in `room` lines: from `top`, moved as little as keeps the `selected` row in
 * view; when not all fit, the last line says how many are hidden.
 */
export function podWindow(count: number, selected: number, top: number, room: number): { start: number; shown: number } {
  if (count <= room) return { start: 0, shown: count };
  const shown = Math.max(1, room - 1);
  const inView = Math.min(Math.max(top, selected - shown + 1), selected);
  return { start: Math.min(Math.max(0, inView), count - shown), shown };
}

/** `Pods`, and with a filter what it is, how many pods it keeps, and the keys that change it. */
function titleLine(filter: PodsFilterView | undefined, count: number, width: number, m: Messages): Line {
  const heading: Segment = { text: m.heading.pods, bold: true };
  if (!filter) return line('pods-title', heading);
  const label = `  ${m.pods.filter}: `;
  const cursor: Segment[] = filter.editing ? [{ text: ' ', highlight: true }] : [];
  const room = width - cellWidth(heading.text) - cellWidth(label) - cursor.length;
  const typed: Segment = { text: truncateEnd(filter.text, Math.max(0, room)), tone: 'accent' };
  const after = joinFitting(
    [
      { text: `  ${filter.invalid ? m.pods.invalid : m.pods.matching(count, filter.total)}`, tone: filter.invalid ? ('warn' as const) : ('muted' as const), priority: 0 },
      { text: ` · ${filter.editing ? m.pods.editing : m.pods.kept}`, tone: 'muted' as const, priority: 1 },
    ],
    room - cellWidth(typed.text),
    '',
  );
  return line('pods-title', heading, { text: label, tone: 'muted' }, typed, ...cursor, ...after.map(({ text, tone }) => ({ text, tone })));
}

function readyTone(ready: string): Segment['tone'] {
  const [have, want] = ready.split('/');
  return have === want ? undefined : 'warn';
}

function statusTone(status: string): Segment['tone'] {
  if (status === 'Running' || status === 'Completed') return undefined;
  if (/BackOff|Err|Error|Failed|OOMKilled|Unknown|Evicted/.test(status)) return 'bad';
  return 'warn';
}
