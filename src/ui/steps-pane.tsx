// The lab's steps as a checklist: a spinner and the deadline counting down on the active step
// (with its actions and what each expectation has seen so far), how long a passed step took,
// and for a failed one its one-sentence reason and the evidence behind it.

import type { ItemState } from '../expect/step.js';
import { formatDuration } from '../lab/duration.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import type { StepRow, StepRowState } from './run-view-state.js';
import { spinnerFrame } from './spinner.js';
import { truncateEnd, wrapWords } from './text.js';

export interface StepsPaneProps {
  steps: readonly StepRow[];
  now: number;
  width: number;
  /** Show the active step's actions and expectations (dropped when the terminal is short). */
  detail?: boolean;
}

const MARK: Record<Exclude<StepRowState, 'acting' | 'pending'>, Segment> = {
  waiting: { text: '·', tone: 'muted' },
  passed: { text: '✓', tone: 'ok' },
  failed: { text: '✗', tone: 'bad' },
  skipped: { text: '-', tone: 'muted' },
};

const ITEM_MARK: Record<ItemState, Segment> = {
  pending: { text: '·', tone: 'muted' },
  met: { text: '✓', tone: 'ok' },
  violated: { text: '✗', tone: 'bad' },
  skipped: { text: '-', tone: 'muted' },
};

const INDENT = '    ';

export function stepLines({ steps, now, width, detail = true }: StepsPaneProps): Line[] {
  const lines: Line[] = [line('steps', { text: 'Steps', bold: true })];
  steps.forEach((step, index) => {
    const key = `step-${index}`;
    const active = step.state === 'acting' || step.state === 'pending';
    const mark: Segment = active ? { text: spinnerFrame(now), tone: 'accent' } : MARK[step.state as keyof typeof MARK];
    const status = stepStatus(step, now);
    const name = truncateEnd(step.name, Math.max(0, width - 2 - (status ? status.text.length + 2 : 0)));
    const gap = status ? ' '.repeat(Math.max(2, width - 2 - name.length - status.text.length)) : '';
    lines.push(line(key, mark, ' ', { text: name, bold: active }, gap, ...(status ? [status] : [])));
    if (active && detail) {
      step.actions.forEach((action, i) => lines.push(line(`${key}-action-${i}`, { text: truncateEnd(`${INDENT}→ ${action}`, width), tone: 'muted' })));
      step.verdict?.items.forEach((item, i) => {
        // A pending never item is a guard that holds so far, not something still awaited.
        const label = item.group === 'never' ? `never: ${item.label}` : item.label;
        const seen = item.state === 'pending' && item.seen ? ` (now: ${item.seen})` : '';
        lines.push(line(`${key}-item-${i}`, INDENT, ITEM_MARK[item.state], ' ', truncateEnd(label + seen, Math.max(0, width - INDENT.length - 2))));
      });
    }
    if (step.state === 'failed' && step.verdict) {
      const reason = step.verdict.reason ?? 'failed';
      wrapWords(reason, Math.max(10, width - INDENT.length)).forEach((text, i) => lines.push(line(`${key}-reason-${i}`, INDENT, { text, tone: 'bad' })));
      step.verdict.evidence.forEach((text, i) => lines.push(line(`${key}-evidence-${i}`, { text: truncateEnd(`${INDENT}${text}`, width), tone: 'muted' })));
    }
  });
  return lines;
}

export function StepsPane(props: StepsPaneProps) {
  return <Lines lines={stepLines(props)} />;
}

function stepStatus(step: StepRow, now: number): Segment | undefined {
  const verdict = step.verdict;
  switch (step.state) {
    case 'acting':
      return { text: 'acting', tone: 'muted' };
    case 'pending': {
      if (!verdict || !Number.isFinite(verdict.deadline)) return undefined;
      const left = Math.max(0, Math.ceil((verdict.deadline - now) / 1000) * 1000);
      return { text: `${formatDuration(left)} left`, tone: left <= 5000 ? 'warn' : 'muted' };
    }
    case 'passed':
      return verdict?.at === undefined ? { text: 'passed', tone: 'ok' } : { text: `passed in ${formatDuration(verdict.at - verdict.startedAt)}`, tone: 'ok' };
    case 'failed':
      return verdict?.at === undefined ? { text: 'failed', tone: 'bad' } : { text: `failed after ${formatDuration(verdict.at - verdict.startedAt)}`, tone: 'bad' };
    case 'skipped':
      return { text: 'not run', tone: 'muted' };
    case 'waiting':
      return undefined;
  }
}
