// How the run ended, what happened to its namespace, and the lab's "what happened" text.

import { formatDuration } from '../lab/duration.js';
import { describeCleanup } from '../report/describe.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { markdownLines } from './markdown.js';
import type { RunViewState } from './run-view-state.js';
import { truncateEnd, wrapWords } from './text.js';

export interface OutcomePaneProps {
  state: RunViewState;
  width: number;
}

const OUTCOME: Record<string, Segment> = {
  passed: { text: 'PASSED', tone: 'ok', bold: true },
  failed: { text: 'FAILED', tone: 'bad', bold: true },
  interrupted: { text: 'INTERRUPTED', tone: 'warn', bold: true },
  error: { text: 'ERROR', tone: 'bad', bold: true },
};

/** The outcome and cleanup lines (short, always shown once the run is over). */
export function outcomeLines({ state, width }: OutcomePaneProps): Line[] {
  const { finished, cleanup } = state;
  if (!finished) return [];
  const lines: Line[] = [];
  const took = state.startedAt === undefined ? '' : ` in ${formatDuration(finished.at - state.startedAt)}`;
  const failed = state.steps.find((step) => step.state === 'failed');
  const about = finished.outcome === 'failed' && failed ? ` at step "${failed.name}"` : '';
  const label = OUTCOME[finished.outcome]!;
  lines.push(line('outcome', label, truncateEnd(`${about}${took}`, Math.max(0, width - label.text.length))));
  if (finished.error) wrapWords(finished.error, width - 2).forEach((text, i) => lines.push(line(`outcome-error-${i}`, '  ', { text, tone: 'bad' })));
  if (cleanup) lines.push(line('cleanup', { text: truncateEnd(cleanupText(cleanup), width), tone: 'muted' }));
  return lines;
}

/** "What happened": the lab's explain text, once the run is over. */
export function explainLines({ state, width }: OutcomePaneProps): Line[] {
  if (!state.finished || !state.lab.explain) return [];
  return [line('explain-title', { text: 'What happened', bold: true }), ...markdownLines({ text: state.lab.explain, width })];
}

export function OutcomePane(props: OutcomePaneProps) {
  return <Lines lines={[...outcomeLines(props), ...explainLines(props)]} />;
}

function cleanupText(cleanup: NonNullable<RunViewState['cleanup']>): string {
  if ('kept' in cleanup) return cleanup.deleteWith ? `objects kept in ${cleanup.namespace} (delete them with: ${cleanup.deleteWith})` : `namespace ${cleanup.namespace} kept (delete it with: kubectl delete namespace ${cleanup.namespace})`;
  if ('deleted' in cleanup) return describeCleanup(cleanup).replace(/^cleanup: /, '');
  return cleanup.gone
    ? `namespace ${cleanup.namespace} deleted (${formatDuration(cleanup.waitedMs)})`
    : `namespace ${cleanup.namespace} still terminating after ${formatDuration(cleanup.waitedMs)}`;
}
