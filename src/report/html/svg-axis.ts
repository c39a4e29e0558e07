// The time axis along the top and the faint vertical grid behind every lane.

import { el, text } from './svg-kit.js';
import { ticks, type TimeScale } from './scale.js';

export function renderAxis(scale: TimeScale, top: number, bottom: number): string {
  const parts = ticks(scale).map((tick) =>
    el(
      'g',
      { class: 'tick' },
      el('line', { class: 'grid', x1: tick.x, x2: tick.x, y1: top + 18, y2: bottom }),
      text(tick.x, top + 13, tick.label, { 'text-anchor': tick.x === scale.left ? 'start' : 'middle' }),
    ),
  );
  return el('g', { 'data-kind': 'axis' }, text(8, top + 13, 'time since start', { class: 'section' }), ...parts);
}
