// Faults (exec, signal, patchStatus, delete): a labelled row at the top and a line from there
// down through every lane, so each consequence can be read against its cause.

import type { Fault } from './lanes.js';
import { FAULT_LABEL_ROW, RIGHT_MARGIN, stagger } from './layout.js';
import { formatOffset, type TimeScale } from './scale.js';
import { clip, el, text, textWidth, tip } from './svg-kit.js';

const MAX_LABEL = 44;

/** Rows the fault labels need (at least one, so the section keeps its title). */
export function faultRows(faults: readonly Fault[], scale: TimeScale): number {
  return Math.max(1, ...stagger(placed(faults, scale)).map((row) => row + 1));
}

export function renderFaults(faults: readonly Fault[], scale: TimeScale, top: number, bottom: number): string {
  const labels = placed(faults, scale);
  const rows = stagger(labels);
  const parts = faults.map((fault, index) => {
    const x = scale.x(fault.at);
    const leftward = labels[index]!.x < x;
    const y = top + rows[index]! * FAULT_LABEL_ROW + 12;
    return el(
      'g',
      { 'data-kind': 'fault', 'data-action': fault.action },
      tip(`+${formatOffset(fault.at - scale.originMs)} ${fault.detail}${fault.kubectl ? `\n$ ${fault.kubectl}` : ''}`),
      el('line', { class: 'fault-line', x1: x, x2: x, y1: y - 10, y2: bottom }),
      text(leftward ? x - 3 : x + 3, y, `⚡ ${clip(fault.label, MAX_LABEL)}`, { class: 'fault-label', 'text-anchor': leftward ? 'end' : undefined }),
    );
  });
  const title = faults.length === 0 ? 'faults: none' : 'faults';
  return el('g', { 'data-kind': 'faults' }, text(8, top + 12, title, { class: 'section' }), ...parts);
}

// Where each label goes: right of its line, or left of it where it would run off the chart.
function placed(faults: readonly Fault[], scale: TimeScale): { x: number; width: number }[] {
  return faults.map((fault) => {
    const x = scale.x(fault.at);
    const width = textWidth(`⚡ ${clip(fault.label, MAX_LABEL)}`) + 6;
    return x + width > scale.left + scale.width + RIGHT_MARGIN ? { x: x - width, width } : { x, width };
  });
}
