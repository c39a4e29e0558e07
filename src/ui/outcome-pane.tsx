// How the run ended, what happened to its namespace, and the lab's "what happened" text.

import type { Messages } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import { line, Lines, type Line } from './lines.js';
import { markdownLines } from './markdown.js';
import type { LabOutcome } from '../runner/events.js';
import type { RunViewState } from './run-view-state.js';
import { cellWidth, truncateEnd, wrapWords } from './text.js';
import type { Tone } from './theme.js';

export interface OutcomePaneProps {
  state: RunViewState;
  width: number;
  m: Messages;
}

const OUTCOME_TONE: Record<LabOutcome, Tone> = { passed: 'ok', failed: 'bad', interrupted: 'warn', error: 'bad' };

/** The outcome and cleanup lines (short, always shown once the run is over). */
export function outcomeLines({ state, width, m }: OutcomePaneProps): Line[] {
  const { finished, cleanup } = state;
  if (!finished) return [];
  const lines: Line[] = [];
  const took = state.startedAt === undefined ? '' : m.outcome.took(formatDuration(finished.at - state.startedAt));
  const failed = state.steps.find((step) => step.state === 'failed');
  const about = finished.outcome === 'failed' && failed ? m.outcome.atStep(failed.name) : '';
  const label = m.outcome.label[finished.outcome];
  lines.push(line('outcome', { text: label, tone: OUTCOME_TONE[finished.outcome], bold: true }, truncateEnd(`${about}${took}`, Math.max(0, width - cellWidth(label)))));
  if (finished.error) wrapWords(finished.error, width - 2).forEach((text, i) => lines.push(line(`outcome-error-${i}`, '  ', { text, tone: 'bad' })));
  if (cleanup) lines.push(line('cleanup', { text: truncateEnd(cleanupText(cleanup, m), width), tone: 'muted' }));
  return lines;
}

/** "What happened": the lab's explain text, once the run is over. */
export function explainLines({ state, width, m }: OutcomePaneProps): Line[] {
  if (!state.finished || !state.lab.explain) return [];
  return [line('explain-title', { text: m.heading.whatHappened, bold: true }), ...markdownLines({ text: state.lab.explain, width })];
}

export function OutcomePane(props: OutcomePaneProps) {
  return <Lines lines={[...outcomeLines(props), ...explainLines(props)]} />;
}

function cleanupText(cleanup: NonNullable<RunViewState['cleanup']>, m: Messages): string {
  if ('kept' in cleanup) return cleanup.deleteWith ? m.outcome.keptObjects(cleanup.namespace, cleanup.deleteWith) : m.outcome.kept(cleanup.namespace);
  if ('deleted' in cleanup) {
    const left = cleanup.failed.length > 0 || !cleanup.podsGone ? m.outcome.appliedLeft(cleanup.deleteWith) : '';
    return m.outcome.appliedDeleted(cleanup.namespace, cleanup.deleted, formatDuration(cleanup.waitedMs)) + left;
  }
  return cleanup.gone ? m.outcome.deleted(cleanup.namespace, formatDuration(cleanup.waitedMs)) : m.outcome.terminating(cleanup.namespace, formatDuration(cleanup.waitedMs));
}
