// One row per lab step: a band from its start to its verdict, its deadline, the verdict mark with
// its reason, a dot where each expectation was met, and the oracle's windows that have no pod lane
// to go on (e.g. a Deployment's replica count).

import { STEP_ROW } from './layout.js';
import { formatOffset, type TimeScale } from './scale.js';
import type { PredictedWindow, StepBand } from './steps.js';
import { clip, el, text, textWidth, tip } from './svg-kit.js';

const MARK: Record<StepBand['state'], string> = { passed: '✔', failed: '✘', pending: '?', 'not run': '–' };

export function stepsHeight(steps: readonly StepBand[]): number {
  return 16 + Math.max(1, steps.length) * STEP_ROW;
}

export function renderSteps(steps: readonly StepBand[], scale: TimeScale, top: number): string {
  const rows = steps.map((step, index) => renderStep(step, scale, top + 16 + index * STEP_ROW));
  const title = steps.length === 0 ? 'steps: not judged (no lab)' : 'steps';
  return el('g', { 'data-kind': 'steps' }, text(8, top + 12, title, { class: 'section' }), ...rows);
}

function renderStep(step: StepBand, scale: TimeScale, y: number): string {
  const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
  const label = text(8, y + 19, clip(`${step.index + 1}. ${step.name}`, 40), { class: 'step-name' });
  if (step.startedAt === undefined) {
    return el('g', { 'data-kind': 'step', 'data-step': step.index + 1, 'data-state': step.state }, tip(`${step.name}: not run (an earlier step did not pass)`), label, text(scale.left + 4, y + 19, 'not run', { class: 'muted' }));
  }
  const start = scale.x(step.startedAt);
  const endAt = step.at ?? Math.min(step.deadline ?? scale.endMs, scale.endMs);
  const end = Math.max(start + 2, scale.x(endAt));
  const parts: string[] = [
    label,
    ...step.windows.filter((w) => w.pod === undefined).map((w) => renderWindowOnRow(w, scale, y)),
    el('rect', { class: `band band-${step.state}`, x: start, y: y + 7, width: end - start, height: 16, rx: 3 }, tip(bandText(step, since))),
  ];
  if (step.deadline !== undefined && step.deadline <= scale.endMs) {
    const x = scale.x(step.deadline);
    parts.push(el('line', { class: 'deadline', x1: x, x2: x, y1: y + 2, y2: y + 28 }, tip(`deadline ${since(step.deadline)}`)));
  } else if (step.deadline !== undefined) {
    parts.push(el('g', { class: 'deadline-later' }, tip(`deadline ${since(step.deadline)}, after the end of the picture`), text(scale.left + scale.width + 4, y + 19, '→')));
  }
  for (const item of step.items) {
    if (item.state !== 'met' || item.at === undefined || item.group === 'never') continue;
    parts.push(el('circle', { class: 'met', cx: scale.x(item.at), cy: y + 15, r: 3 }, tip(`${item.label}: met ${since(item.at)}${item.cause ? ` on ${item.cause}` : ''}`)));
  }
  if (step.state !== 'not run') {
    const x = step.at !== undefined ? scale.x(step.at) : end;
    const words = step.state === 'passed' ? `passed ${since(step.at!)}` : step.state === 'failed' ? `${since(step.at!)} ${step.reason ?? 'failed'}` : `undetermined: ${step.reason ?? ''}`;
    const room = Math.max(10, Math.floor((scale.left + scale.width + 20 - x) / textWidth('m')));
    const anchorLeft = room < 24 && x - scale.left > 200;
    const shown = clip(words, anchorLeft ? 60 : room);
    parts.push(
      el(
        'g',
        { class: `verdict verdict-${step.state}` },
        tip(`${MARK[step.state]} ${step.name}: ${words}`),
        text(anchorLeft ? start - 4 : x + 4, y + 19, `${MARK[step.state]} ${shown}`, anchorLeft ? { 'text-anchor': 'end' } : {}),
      ),
    );
  }
  return el('g', { 'data-kind': 'step', 'data-step': step.index + 1, 'data-state': step.state }, ...parts);
}

function bandText(step: StepBand, since: (at: number) => string): string {
  const lines = [`step ${step.index + 1}: ${step.name}`, `started ${since(step.startedAt!)}`];
  if (step.deadline !== undefined) lines.push(`deadline ${since(step.deadline)}`);
  if (step.at !== undefined) lines.push(`${step.state} ${since(step.at)}${step.cause ? ` on ${step.cause}` : ''}`);
  if (step.reason) lines.push(step.reason);
  return lines.join('\n');
}

function renderWindowOnRow(window: PredictedWindow, scale: TimeScale, y: number): string {
  const x = scale.x(window.from);
  return el('rect', { class: 'predicted', 'data-kind': 'predicted', 'data-step': window.step + 1, x, y: y + 2, width: Math.max(2, scale.x(window.to) - x), height: STEP_ROW - 4 }, tip(windowText(window, scale)));
}

export function windowText(window: PredictedWindow, scale: TimeScale): string {
  const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
  const observed = window.observedAt !== undefined ? `\nobserved ${since(window.observedAt)}` : '';
  return `predicted (step ${window.step + 1}, ${window.consequence}, from the ${window.reference}): ${since(window.from)} – ${since(window.to)}${observed}\n${window.label}\n${window.explanation}`;
}
