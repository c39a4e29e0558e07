// Fitting text into terminal cells. Widths are cells as a terminal draws them (string-width,
// the measure ink itself uses): a Hangul syllable takes two, so a Korean label padded by its
// length would push every column after it out of line.

import stringWidth from 'string-width';

const ELLIPSIS = '…';
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How many terminal cells `text` takes. */
export function cellWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Pads with spaces to `width` cells (never cuts). */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}

/** The longest start of `text` that fits `width` cells, whole characters only. */
export function headCells(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = cellWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}

/** The longest end of `text` that fits `width` cells. */
function tailCells(text: string, width: number): string {
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  let out = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = cellWidth(parts[i]!);
    if (used + w > width) break;
    out = parts[i]! + out;
    used += w;
  }
  return out;
}

/** Cuts the end off so the text fits `width` cells, marking the cut with an ellipsis. */
export function truncateEnd(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  return width === 1 ? ELLIPSIS : headCells(text, width - 1) + ELLIPSIS;
}

/**
 * Cuts the middle out: pod names differ in their generated suffix and share their prefix, so
 * both ends are worth keeping (`readiness-de…hqx8x`).
 */
export function truncateMiddle(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  if (width < 4) return truncateEnd(text, width);
  const tail = Math.floor((width - 1) / 2);
  const head = headCells(text, width - 1 - tail);
  return head + ELLIPSIS + tailCells(text, width - 1 - cellWidth(head));
}

/** `readiness-deployment-774f8b876f-hqx8x` → `…-hqx8x`: the generated suffix tells a workload's pods apart. */
export function shortPod(pod: string): string {
  const cut = pod.lastIndexOf('-');
  return cut <= 0 ? pod : `…${pod.slice(cut)}`;
}

/**
 * Rows as a plain-text table: each column padded to its widest cell, in terminal cells (a Korean
 * title is two a syllable), two spaces apart; the last column is not padded.
 */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cellWidth(cell))));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : padCells(cell, widths[column]!))).join('  ').trimEnd());
}

/** Word-wraps prose to `width` cells, breaking words longer than a line; keeps blank lines. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (cellWidth(rest) > width && width > 0) {
        if (line) lines.push(line);
        const head = headCells(rest, width) || [...rest][0]!;
        lines.push(head);
        rest = rest.slice(head.length);
        line = '';
      }
      if (!line) line = rest;
      else if (cellWidth(line) + 1 + cellWidth(rest) <= width) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A table column: its header and how to shrink it when the row does not fit. */
export interface Column {
  header: string;
  /** Narrowest it may become by truncation; equal to the natural width when it must not shrink. */
  min: number;
  /** Lower numbers go first when columns must be dropped; undefined: never dropped. */
  dropOrder?: number;
  /** Shown only when every column fits at its natural width (kubectl's -o wide extras). */
  extra?: boolean;
  /** The column takes what is left (the last one: a message). */
  flex?: boolean;
  truncate?: 'end' | 'middle';
}

export interface FittedColumn extends Column {
  index: number;
  width: number;
}

/**
 * Chooses the columns and widths for a table so that no row is wider than `width`: drops the
 * extras unless everything fits, then columns by dropOrder, then truncates shrinkable ones
 * down to their minimum. `gap` cells
 * separate columns, as kubectl's tabwriter pads with 3 spaces (`get`) or 2 (`describe`).
 */
export function fitColumns(columns: Column[], rows: string[][], width: number, gap: number): FittedColumn[] {
  return fitWidths(
    columns,
    columns.map((_, index) => rows.reduce((widest, row) => Math.max(widest, cellWidth(row[index] ?? '')), 0)),
    width,
    gap,
  );
}

/** fitColumns for a table that knows its widest cell in each column (`widest`, in cells) without its rows. */
export function fitWidths(columns: Column[], widest: readonly number[], width: number, gap: number): FittedColumn[] {
  const natural = columns.map((column, index) => Math.max(cellWidth(column.header), widest[index] ?? 0));
  let kept: FittedColumn[] = columns.map((column, index) => ({ ...column, index, width: natural[index] ?? 0 }));
  const total = (list: FittedColumn[], widthOf: (c: FittedColumn) => number) =>
    list.reduce((sum, c) => sum + widthOf(c), 0) + gap * Math.max(0, list.length - 1);
  const minimum = (c: FittedColumn) => Math.min(c.width, c.min);
  const droppable = () => kept.filter((c) => c.dropOrder !== undefined).sort((a, b) => a.dropOrder! - b.dropOrder!);
  if (total(kept, (c) => c.width) > width) kept = kept.filter((c) => !c.extra);
  while (total(kept, minimum) > width && droppable().length > 0) {
    const drop = droppable()[0]!;
    kept = kept.filter((c) => c !== drop);
  }
  let excess = total(kept, (c) => c.width) - width;
  // Flexible columns give way first, then the others from the right.
  const shrinkOrder = [...kept.filter((c) => c.flex), ...kept.filter((c) => !c.flex).reverse()];
  for (const column of shrinkOrder) {
    if (excess <= 0) break;
    const give = Math.min(excess, column.width - minimum(column));
    column.width -= give;
    excess -= give;
  }
  return kept;
}

/** One table row laid out in fitted columns; the last column is not padded. */
export function layoutRow(cells: string[], columns: FittedColumn[], gap: number): string[] {
  return columns.map((column, position) => {
    const text = cells[column.index] ?? '';
    const cut = column.truncate === 'middle' ? truncateMiddle(text, column.width) : truncateEnd(text, column.width);
    return position === columns.length - 1 ? cut : padCells(cut, column.width + gap);
  });
}

/** Elapsed time as a stopwatch shows it: `0:42`, `12:05`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Joins the parts that fit in `width`, in their given order, taking them by priority (lower
 * first) so that a narrow terminal loses the least important ones.
 */
export function joinFitting<T extends { text: string; priority: number }>(parts: T[], width: number, separator: string): T[] {
  const chosen = new Set<T>();
  let used = 0;
  for (const part of [...parts].sort((a, b) => a.priority - b.priority)) {
    const extra = cellWidth(part.text) + (chosen.size > 0 ? cellWidth(separator) : 0);
    if (used + extra > width) continue;
    chosen.add(part);
    used += extra;
  }
  return parts.filter((part) => chosen.has(part));
}
