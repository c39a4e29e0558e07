// TAP version 14 (testanything.org/tap-version-14-specification): one test point per lab, each
// preceded by a commented subtest ("# Subtest: <lab>", the child stream indented 4 spaces with its
// own plan) holding one test point per step. Failures carry a YAML diagnostic block indented 2
// spaces under their test point; steps that never ran are `ok … # SKIP <why>`. A lab whose watches
// were cut carries the outages in its diagnostic, passed or not (the evidence had a gap there).

import { stringify } from 'yaml';
import type { LabResult } from '../runner/events.js';
import { formatDuration } from '../lab/duration.js';
import { labOutcomes, type StepOutcome } from './outcomes.js';
import { elapsed } from './text.js';
import { describeWatchGap } from './watch-gap-text.js';

export function renderTap(results: LabResult[]): string {
  const lines = ['TAP version 14', `1..${results.length}`];
  results.forEach((result, index) => lines.push(...labPoint(result, index + 1)));
  return `${lines.join('\n')}\n`;
}

function labPoint(result: LabResult, number: number): string[] {
  const { steps, labError, counts } = labOutcomes(result);
  const name = escape(result.lab);
  const lines = [`# Subtest: ${name}`, `    1..${steps.length}`];
  for (const step of steps) lines.push(...stepPoint(step).map((line) => `    ${line}`));
  const ok = result.outcome === 'passed';
  lines.push(`${ok ? 'ok' : 'not ok'} ${number} - ${name}`);
  const watch = result.watchGaps?.map((gap) => `${elapsed(gap.at - result.startedAt)} ${describeWatchGap(gap)}`);
  if (!ok) {
    const failedSteps = counts.failed + counts.error;
    lines.push(
      ...diagnostic({
        message: labError ?? `${failedSteps} of ${steps.length} steps did not pass`,
        severity: 'fail',
        outcome: result.outcome,
        namespace: result.namespace,
        duration: formatDuration(result.finishedAt - result.startedAt),
        watch,
      }),
    );
  } else if (watch) {
    lines.push(...diagnostic({ watch }));
  }
  return lines;
}

function stepPoint(step: StepOutcome): string[] {
  const point = `${step.index + 1} - ${escape(step.name)}`;
  switch (step.result) {
    case 'passed':
      return [`ok ${point}`];
    case 'skipped':
      return [`ok ${point} # SKIP ${escape(step.message ?? 'not run')}`];
    case 'failed':
    case 'error': {
      const verdict = step.verdict;
      return [
        `not ok ${point}`,
        ...diagnostic({
          message: step.message,
          severity: step.result === 'error' ? 'error' : 'fail',
          duration: formatDuration(step.durationMs),
          evidence: verdict && verdict.evidence.length > 0 ? verdict.evidence : undefined,
          items: verdict?.items.map((item) => ({ label: item.label, group: item.group, state: item.state, seen: item.seen || undefined })),
        }),
      ];
    }
  }
}

/** A YAML block (`  ---` … `  ...`) 2 spaces under its test point; undefined fields are left out. */
function diagnostic(data: Record<string, unknown>): string[] {
  const defined = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
  const yaml = stringify(defined, { lineWidth: 0 }).trimEnd();
  return ['  ---', ...yaml.split('\n').map((line) => `  ${line}`), '  ...'];
}

/** TAP14 "Escaping": `\` and `#` in descriptions and directive reasons; line breaks cannot appear at all. */
function escape(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\#]/g, (c) => `\\${c}`);
}
