// The pods as `kubectl get pods` prints them (NAME READY STATUS RESTARTS AGE; -o wide's IP and
// NODE when there is room), with a cell that changed in the last seconds highlighted. Narrow
// terminals drop IP and NODE, then AGE, shorten NAME in the middle, then drop RESTARTS; a row
// never wraps.

import type { Messages } from '../i18n/messages.js';
import { podColumns } from '../timeline/pod-columns.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import type { PodCell, PodRow } from './run-view-state.js';
import { fitColumns, layoutRow, truncateEnd, type Column } from './text.js';

/** How long a changed cell stays highlighted. */
export const HIGHLIGHT_MS = 2000;

export interface PodsTableProps {
  pods: readonly PodRow[];
  now: number;
  width: number;
  /** Name of the selected pod (marked with ›). */
  selected?: string;
  /** Lines available, title and column headers included; undefined: all. */
  maxLines?: number;
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

export function podTableLines({ pods, now, width, selected, maxLines, m }: PodsTableProps): Line[] {
  const title = line('pods-title', { text: m.heading.pods, bold: true });
  if (pods.length === 0) return [title, line('pods-none', { text: `  ${m.pods.none}`, tone: 'muted' })];
  const cells = pods.map((row) => {
    const c = podColumns(row.pod, now);
    return [c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node];
  });
  const gap = gapFor(width);
  const fitted = fitColumns(COLUMNS, cells, width - MARKER, gap);
  const header = line('pods-header', { text: truncateEnd(' '.repeat(MARKER) + layoutRow(COLUMNS.map((c) => c.header), fitted, gap).join(''), width), tone: 'muted' });
  const rows = pods.map((row, index): Line => {
    const marker: Segment = row.name === selected ? { text: '› ', tone: 'accent', bold: true } : { text: '  ' };
    const texts = layoutRow(cells[index]!, fitted, gap);
    const segments = texts.flatMap((text, position): Segment[] => {
      const cell = COLUMNS[fitted[position]!.index]!.cell;
      const changed = cell !== undefined && now - (row.changedAt[cell] ?? Number.NEGATIVE_INFINITY) < HIGHLIGHT_MS;
      if (!changed) return [{ text, tone: cell === 'status' ? statusTone(text.trim()) : cell === 'ready' ? readyTone(text.trim()) : undefined }];
      const value = text.trimEnd();
      return [{ text: value, highlight: true }, { text: text.slice(value.length) }];
    });
    return { key: `pod-${row.name}`, segments: [marker, ...segments] };
  });
  return [title, header, ...visibleWindow(rows, pods.findIndex((p) => p.name === selected), maxLines === undefined ? rows.length : maxLines - 2, m)];
}

export function PodsTable(props: PodsTableProps) {
  return <Lines lines={podTableLines(props)} />;
}

/** The rows that fit, keeping the selected one in view, with a last line saying how many are hidden. */
function visibleWindow(rows: Line[], selected: number, room: number, m: Messages): Line[] {
  if (rows.length <= room) return rows;
  const shown = Math.max(1, room - 1);
  const start = Math.min(Math.max(0, selected - shown + 1), rows.length - shown);
  const more = line('pods-more', { text: `  ${m.pods.more(rows.length - shown)}`, tone: 'muted' });
  return [...rows.slice(start, start + shown), more];
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
