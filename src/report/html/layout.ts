// The chart's fixed geometry: a label column on the left, the time plot to its right, and the
// heights of each kind of row. Runs up to about 100 s fill a 1400 px wide window; longer ones
// get 10 px a second (a 3 s probe period stays 30 px apart) and scroll sideways.

export const LABEL_WIDTH = 260;
export const RIGHT_MARGIN = 28;
export const AXIS_HEIGHT = 26;
export const SECTION_GAP = 10;
export const FAULT_LABEL_ROW = 16;
export const STEP_ROW = 30;
export const POD_HEADER = 28;
export const CONTAINER_LANE = 84;

const PX_PER_SECOND = 10;
const MIN_PLOT = 1040;
const MAX_PLOT = 2400;

export function plotWidth(spanMs: number): number {
  return Math.round(Math.min(MAX_PLOT, Math.max(MIN_PLOT, (spanMs / 1000) * PX_PER_SECOND)));
}

/** Greedy rows for labels that must not overlap: each goes in the first row where it fits. */
export function stagger(items: readonly { x: number; width: number }[], gap = 8): number[] {
  const rowEnds: number[] = [];
  return items.map(({ x, width }) => {
    let row = rowEnds.findIndex((end) => x >= end + gap);
    if (row === -1) row = rowEnds.push(Number.NEGATIVE_INFINITY) - 1;
    rowEnds[row] = x + width;
    return row;
  });
}
