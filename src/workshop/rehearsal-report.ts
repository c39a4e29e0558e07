// What `workshop check` prints: one row per lab of the workshop (skipped ones too) with why a
// lab would fail on this cluster, in the words of its failing step (an image that cannot be
// pulled, a step that timed out) or of the error that stopped it (a forbidden API call).

import { formatDuration } from '../lab/duration.js';
import { labOutcomes } from '../report/outcomes.js';
import { oneLine } from '../report/text.js';
import type { LabResult } from '../runner/events.js';
import type { LoadedWorkshop } from './load.js';

export function whyFailed(result: LabResult): string {
  if (result.outcome === 'passed') return '-';
  const { steps, labError } = labOutcomes(result);
  const step = steps.find((s) => s.result === 'failed' || s.result === 'error');
  if (step) return oneLine(`step ${String(step.index + 1)} "${step.name}": ${step.message ?? step.result}`);
  return oneLine(labError ?? result.outcome);
}

export function rehearsalTable(workshop: LoadedWorkshop, results: readonly LabResult[]): string[] {
  const byLab = new Map(results.map((result) => [result.lab, result]));
  const rows = workshop.entries.map((entry) => {
    const name = entry.loaded.lab.metadata.name;
    const result = byLab.get(name);
    if (entry.skip !== undefined) return [name, 'skipped', '-', entry.skip];
    if (!result) return [name, 'not run', '-', 'the rehearsal stopped before this lab'];
    return [name, result.outcome, formatDuration(result.finishedAt - result.startedAt), whyFailed(result)];
  });
  const table = [['LAB', 'RESULT', 'DURATION', 'WHY'], ...rows];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ').trimEnd());
}

export function rehearsalSummary(workshop: LoadedWorkshop, results: readonly LabResult[], context: string): string {
  const passed = results.filter((r) => r.outcome === 'passed').length;
  const skipped = workshop.entries.filter((e) => e.skip !== undefined).length;
  const failing = workshop.entries.length - skipped - passed;
  return `${String(passed)} of ${String(workshop.entries.length - skipped)} labs would run as written on context ${context}; ${String(failing)} would not${skipped > 0 ? `; ${String(skipped)} skipped` : ''}`;
}
