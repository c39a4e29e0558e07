// The HTML page around the chart: one self-contained file (inline CSS, inline SVG, no script and
// no external asset) that opens from disk or an artifact store, with the steps and faults also as
// tables for reading and copying.

import { escapeText as esc } from './escape.js';
import type { Picture } from './picture.js';
import { formatOffset } from './scale.js';
import type { PredictedWindow, StepBand } from './steps.js';
import type { WindowRelation } from '../windows.js';
import { renderChart } from './chart.js';

const STYLE = `
:root { color-scheme: light; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; margin: 20px 24px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 22px 0 8px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 6px 0 12px; }
dl.facts div { display: flex; gap: 6px; } dl.facts dt { color: #6b7280; } dl.facts dd { margin: 0; font-weight: 500; }
.notes { color: #92400e; background: #fffbeb; border: 1px solid #fde68a; padding: 6px 10px; border-radius: 4px; }
.scroll { overflow-x: auto; border: 1px solid #e5e7eb; border-radius: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 8px 0; color: #374151; font-size: 12px; }
.legend span::before { content: ""; display: inline-block; width: 14px; height: 10px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
.legend .l-ready::before { height: 3px; background: #16a34a; vertical-align: 3px; }
.legend .l-notready::before { height: 3px; background: #d97706; vertical-align: 3px; }
.legend .l-running::before { background: #e0f2fe; }
.legend .l-probe::before { width: 2px; height: 12px; background: #dc2626; }
.legend .l-fault::before { width: 0; border-left: 2px dashed #7c3aed; }
.legend .l-predicted::before { background: rgba(37, 99, 235, .16); border: 1px dashed #2563eb; }
.legend .l-ep-ready::before { height: 4px; background: #22c55e; vertical-align: 3px; }
.legend .l-ep-notready::before { height: 4px; background: #f59e0b; vertical-align: 3px; }
.legend .l-ep-terminating::before { height: 4px; background: #9ca3af; vertical-align: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e5e7eb; }
th { color: #6b7280; font-weight: 500; font-size: 12px; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.passed { color: #15803d; } .failed { color: #b91c1c; } .pending { color: #a16207; } .not-run { color: #6b7280; }
ul.plain { margin: 2px 0; padding-left: 16px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 0 3px; border-radius: 3px; }
code.kubectl { user-select: all; overflow-wrap: anywhere; }
svg.chart { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg .section { font-weight: 600; fill: #6b7280; text-transform: uppercase; letter-spacing: .04em; font-size: 10px; }
svg .grid { stroke: #f1f5f9; } svg .tick text { fill: #6b7280; }
svg .label-rule { stroke: #e5e7eb; }
svg .fault-line { stroke: #7c3aed; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .fault-label { fill: #6d28d9; font-weight: 600; }
svg .band { stroke-width: 1.2; } svg .band-passed { fill: #dcfce7; stroke: #16a34a; } svg .band-failed { fill: #fee2e2; stroke: #dc2626; } svg .band-pending { fill: #fef9c3; stroke: #ca8a04; }
svg .deadline { stroke: #111827; stroke-width: 2; stroke-dasharray: 2 2; }
svg .deadline-later text { fill: #6b7280; font-size: 14px; }
svg .met { fill: #15803d; }
svg .verdict text { font-weight: 600; } svg .verdict-passed text { fill: #15803d; } svg .verdict-failed text { fill: #b91c1c; } svg .verdict-pending text { fill: #a16207; }
svg .step-name { fill: #111827; } svg .muted { fill: #9ca3af; }
svg .pod-header { fill: #f8fafc; } svg .pod-name { font-weight: 600; fill: #111827; font-size: 12px; }
svg .lifetime { fill: #cbd5e1; } svg .ready-column { fill: #475569; font-size: 9px; }
svg .endpoint-ready { fill: #22c55e; } svg .endpoint-notReady { fill: #f59e0b; } svg .endpoint-terminating { fill: #9ca3af; }
svg .lane-rule { stroke: #e5e7eb; } svg .container-name { fill: #1f2937; } svg .axis-note { fill: #9ca3af; font-size: 9px; }
svg .running { fill: #e0f2fe; }
svg .ready-on { stroke: #16a34a; stroke-width: 3; } svg .ready-off { stroke: #d97706; stroke-width: 3; } svg .ready-riser { stroke: #9ca3af; stroke-width: 1; }
svg .probe line { stroke: #dc2626; stroke-width: 2; } svg .probe text { fill: #b91c1c; font-size: 9px; font-weight: 600; }
svg .marker text { font-size: 10px; fill: #374151; }
svg .marker-killing .glyph { stroke: #7f1d1d; stroke-width: 2.2; fill: none; } svg .marker-killing text { fill: #7f1d1d; font-weight: 600; }
svg .marker-restart .glyph { fill: #fff; stroke: #1d4ed8; stroke-width: 2; } svg .marker-restart text { fill: #1d4ed8; font-weight: 600; }
svg .marker-terminated .glyph { fill: #374151; }
svg .marker-backoff .glyph { fill: #f59e0b; } svg .marker-warning .glyph { fill: #ef4444; }
svg .predicted { fill: rgba(37, 99, 235, .13); stroke: #2563eb; stroke-dasharray: 4 3; }
svg .predicted-label { fill: #1d4ed8; font-size: 10px; }
svg .observed { fill: #1d4ed8; }
svg .window-marks { pointer-events: none; }
`;

export function renderPage(picture: Picture): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(picture.title)} — probelab timeline</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${esc(picture.title)}</h1>`,
    `<dl class="facts">${picture.facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`,
    ...picture.notes.map((note) => `<p class="notes">${esc(note)}</p>`),
    legend(),
    `<div class="scroll">${renderChart(picture)}</div>`,
    '<p class="legend">Hover any mark for its details. Times are when probelab received each watch event, in seconds since the start.</p>',
    stepsTable(picture),
    faultsTable(picture),
    '</body></html>',
    '',
  ].join('\n');
}

function legend(): string {
  const items: [string, string][] = [
    ['l-ready', 'container ready'],
    ['l-notready', 'not ready'],
    ['l-running', 'container running'],
    ['l-probe', 'probe failure (Unhealthy event; L liveness, R readiness, S startup)'],
    ['l-fault', 'fault or action'],
    ['l-predicted', 'window the timing oracle predicted (▼ observed)'],
    ['l-ep-ready', 'in Service endpoints: ready'],
    ['l-ep-notready', 'notReady'],
    ['l-ep-terminating', 'terminating'],
  ];
  const marks = '✖ Killing · ◯ restart (↻ count) · ■ container ended (exit code) · ▲ BackOff / warning';
  return `<div class="legend">${items.map(([cls, label]) => `<span class="${cls}">${esc(label)}</span>`).join('')}<span>${esc(marks)}</span></div>`;
}

function stepsTable(picture: Picture): string {
  if (picture.steps.length === 0) return '';
  const since = (at: number | undefined) => (at === undefined ? '' : `+${formatOffset(at - picture.originMs)}`);
  const rows = picture.steps.map((step) => {
    const windows = step.windows.map((w) => `<li>${esc(`${since(w.from)} – ${since(w.to)}${w.pod ? ` on ${w.pod}` : ''} (from the ${w.reference}): ${w.explanation}${observed(w, picture.originMs)}`)}</li>`).join('');
    const evidence = step.evidence.map((line) => `<li><code>${esc(line)}</code></li>`).join('');
    return [
      '<tr>',
      `<td class="num">${step.index + 1}</td>`,
      `<td>${esc(step.name)}</td>`,
      `<td class="${stateClass(step)}">${esc(verdictText(step))}</td>`,
      `<td class="num">${esc(since(step.startedAt))}</td>`,
      `<td class="num">${esc(since(step.deadline))}</td>`,
      `<td class="num">${esc(since(step.at))}</td>`,
      `<td>${esc(step.reason ?? (step.cause ? `on ${step.cause}` : ''))}${evidence ? `<ul class="plain">${evidence}</ul>` : ''}</td>`,
      `<td>${windows ? `<ul class="plain">${windows}</ul>` : ''}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<h2>Steps</h2>',
    '<table><thead><tr><th>#</th><th>step</th><th>verdict</th><th>started</th><th>deadline</th><th>settled</th><th>reason</th><th>predicted by the oracle</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}

const RELATION: Record<WindowRelation, string> = { early: 'sooner than predicted', within: 'within the window', late: 'later than predicted' };

/** `; seen at +17.5s, within the window`. */
function observed(window: PredictedWindow, originMs: number): string {
  return window.observedAt === undefined || window.relation === undefined ? '' : `; seen at +${formatOffset(window.observedAt - originMs)}, ${RELATION[window.relation]}`;
}

function faultsTable(picture: Picture): string {
  if (picture.faults.length === 0) return '';
  const rows = picture.faults.map(
    (fault) =>
      `<tr><td class="num">+${esc(formatOffset(fault.at - picture.originMs))}</td><td><code>${esc(fault.label)}</code></td><td>${esc(fault.pod ?? '')}</td><td>${esc(fault.detail)}</td><td>${fault.kubectl ? `<code class="kubectl">${esc(fault.kubectl)}</code>` : ''}</td></tr>`,
  );
  return `<h2>Faults and actions</h2><table><thead><tr><th>at</th><th>action</th><th>pod</th><th>details</th><th>the same with kubectl</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function verdictText(step: StepBand): string {
  switch (step.state) {
    case 'passed':
      return '✔ passed';
    case 'failed':
      return '✘ failed';
    case 'pending':
      return '? undetermined';
    case 'not run':
      return '– not run';
  }
}

function stateClass(step: StepBand): string {
  return step.state === 'not run' ? 'not-run' : step.state;
}
