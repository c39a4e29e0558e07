// The whole SVG: axis, faults, steps, then one group per pod, stacked top to bottom; fault lines
// and grid lines run through all of it.

import { AXIS_HEIGHT, FAULT_LABEL_ROW, LABEL_WIDTH, RIGHT_MARGIN, SECTION_GAP, plotWidth } from './layout.js';
import type { Picture } from './picture.js';
import { timeScale } from './scale.js';
import { el, text } from './svg-kit.js';
import { renderAxis } from './svg-axis.js';
import { faultRows, renderFaults } from './svg-faults.js';
import { podHeight, renderPod } from './svg-pods.js';
import { renderSteps, stepsHeight } from './svg-steps.js';

export function renderChart(picture: Picture): string {
  const scale = timeScale(picture.originMs, picture.endMs, LABEL_WIDTH, plotWidth(picture.endMs - picture.originMs));
  const width = LABEL_WIDTH + scale.width + RIGHT_MARGIN;
  const faultsTop = AXIS_HEIGHT;
  const stepsTop = faultsTop + faultRows(picture.faults, scale) * FAULT_LABEL_ROW + SECTION_GAP;
  const podsTop = stepsTop + stepsHeight(picture.steps) + SECTION_GAP;
  const windows = picture.steps.flatMap((step) => step.windows);
  let y = podsTop + 16;
  const pods = picture.groups.map((group) => {
    const svg = renderPod(group, windows.filter((w) => w.pod === group.name), scale, y);
    y += podHeight(group);
    return svg;
  });
  const height = y + 8;
  const podsTitle = text(8, podsTop + 12, picture.groups.length === 0 ? 'pods: none seen' : 'pods and containers', { class: 'section' });
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `timeline of ${picture.title}` },
    renderAxis(scale, 0, height),
    el('line', { class: 'label-rule', x1: LABEL_WIDTH - 2, x2: LABEL_WIDTH - 2, y1: 0, y2: height }),
    renderSteps(picture.steps, scale, stepsTop),
    podsTitle,
    ...pods,
    // Last, so the fault lines show over the lanes they explain.
    renderFaults(picture.faults, scale, faultsTop, height),
  );
}
