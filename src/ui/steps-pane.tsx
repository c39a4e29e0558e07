// The lab's steps as a checklist: a spinner and the deadline counting down on the active step
// (with its actions and what each expectation has seen so far), how long a passed step took,
// and for a failed one its one-sentence reason and the evidence behind it.

import type { ItemState, ItemStatus } from '../expect/step.js';
import type { Messages } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import type { StepRow, StepRowState } from './run-view-state.js';
import { spinnerFrame } from './spinner.js';
import { cellWidth, truncateEnd, wrapWords } from './text.js';

/**
 * How much of the active step to show: `full` gives an expectation whose current value does not
 * fit beside it a second line for the value; `compact` keeps one line each, shortening the label
 * so the value stays in view; `none` shows the step's line only (a short terminal).
 */
export type StepDetail = 'full' | 'compact' | 'none';

export interface StepsPaneProps {
  steps: readonly StepRow[];
  now: number;
  width: number;
  detail?: StepDetail;
  m: Messages;
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
/** An item's text starts after the indent and its mark. */
const ITEM_TEXT = INDENT.length + 2;

export function stepLines({ steps, now, width, detail = 'full', m }: StepsPaneProps): Line[] {
  const lines: Line[] = [line('steps', { text: m.heading.steps, bold: true })];
  steps.forEach((step, index) => {
    const key = `step-${index}`;
    const active = step.state === 'acting' || step.state === 'pending';
    const mark: Segment = active ? { text: spinnerFrame(now), tone: 'accent' } : MARK[step.state as keyof typeof MARK];
    const status = stepStatus(step, now, m);
    const statusWidth = status ? cellWidth(status.text) : 0;
    const name = truncateEnd(step.name, Math.max(0, width - 2 - (status ? statusWidth + 2 : 0)));
    const gap = status ? ' '.repeat(Math.max(2, width - 2 - cellWidth(name) - statusWidth)) : '';
    lines.push(line(key, mark, ' ', { text: name, bold: active }, gap, ...(status ? [status] : [])));
    if (active && detail !== 'none') {
      step.actions.forEach((action, i) => lines.push(line(`${key}-action-${i}`, { text: truncateEnd(`${INDENT}→ ${action.text}`, width), tone: 'muted' })));
      lines.push(...itemsLines(key, step.verdict?.items ?? [], width, detail, m));
    }
    if (step.state === 'failed' && step.verdict) {
      const reason = step.verdict.reason ?? m.step.failed;
      wrapWords(reason, Math.max(10, width - INDENT.length)).forEach((text, i) => lines.push(line(`${key}-reason-${i}`, INDENT, { text, tone: 'bad' })));
      step.verdict.evidence.forEach((text, i) => lines.push(line(`${key}-evidence-${i}`, { text: truncateEnd(`${INDENT}${text}`, width), tone: 'muted' })));
    }
  });
  return lines;
}

export function StepsPane(props: StepsPaneProps) {
  return <Lines lines={stepLines(props)} />;
}

interface ItemText {
  item: ItemStatus;
  label: string;
  /** `(now: …)` while awaited. */
  seen?: string;
}

/**
 * The active step's expectations and, while each is awaited, what it sees now. The current value
 * is what a learner watches, so it is never the part cut off: an alias's pod is shortened to its
 * suffix (in every item of the step alike), then the value moves under the label (full) or the
 * label gives way to it (compact).
 */
function itemsLines(key: string, items: readonly ItemStatus[], width: number, detail: Exclude<StepDetail, 'none'>, m: Messages): Line[] {
  const room = Math.max(0, width - ITEM_TEXT);
  const texts: ItemText[] = items.map((item) => ({
    item,
    // A pending never item is a guard that holds so far, not something still awaited.
    label: item.group === 'never' ? `${m.step.never} ${item.label}` : item.label,
    seen: item.state === 'pending' && item.seen ? m.step.now(item.seen) : undefined,
  }));
  const fits = ({ label, seen }: ItemText) => cellWidth(label) + (seen === undefined ? 0 : 1 + cellWidth(seen)) <= room;
  const shown = texts.every(fits) ? texts : texts.map((text) => ({ ...text, label: shortAliases(text.label) }));
  return shown.flatMap((text, i) => itemLines(`${key}-item-${i}`, text, fits(text), room, detail));
}

function itemLines(key: string, { item, label, seen }: ItemText, fits: boolean, room: number, detail: Exclude<StepDetail, 'none'>): Line[] {
  const head = (text: string) => line(key, INDENT, ITEM_MARK[item.state], ' ', text);
  if (seen === undefined) return [head(truncateEnd(label, room))];
  if (fits) return [head(`${label} ${seen}`)];
  if (detail === 'full') return [head(truncateEnd(label, room)), line(`${key}-now`, ' '.repeat(ITEM_TEXT), { text: truncateEnd(seen, room), tone: 'muted' })];
  const value = truncateEnd(seen, Math.max(Math.floor(room / 2), room - cellWidth(label) - 1));
  return [head(`${truncateEnd(label, Math.max(0, room - cellWidth(value) - 1))} ${value}`)];
}

/** `$picked (readiness-deployment-774f8b876f-hqx8x)` → `$picked (…-hqx8x)`: the suffix tells pods apart. */
function shortAliases(label: string): string {
  return label.replace(/(\$[A-Za-z0-9_-]+ \()([^)\s]+)\)/g, (_, alias: string, pod: string) => `${alias}${shortPod(pod)})`);
}

/** `readiness-deployment-774f8b876f-hqx8x` → `…-hqx8x`. */
function shortPod(pod: string): string {
  const cut = pod.lastIndexOf('-');
  return cut <= 0 ? pod : `…${pod.slice(cut)}`;
}

function stepStatus(step: StepRow, now: number, m: Messages): Segment | undefined {
  const verdict = step.verdict;
  switch (step.state) {
    case 'acting':
      return { text: m.step.acting, tone: 'muted' };
    case 'pending': {
      if (!verdict || !Number.isFinite(verdict.deadline)) return undefined;
      const left = Math.max(0, Math.ceil((verdict.deadline - now) / 1000) * 1000);
      return { text: m.step.left(formatDuration(left)), tone: left <= 5000 ? 'warn' : 'muted' };
    }
    case 'passed':
      return verdict?.at === undefined ? { text: m.step.passed, tone: 'ok' } : { text: m.step.passedIn(formatDuration(verdict.at - verdict.startedAt)), tone: 'ok' };
    case 'failed':
      return verdict?.at === undefined ? { text: m.step.failed, tone: 'bad' } : { text: m.step.failedAfter(formatDuration(verdict.at - verdict.startedAt)), tone: 'bad' };
    case 'skipped':
      return { text: m.step.notRun, tone: 'muted' };
    case 'waiting':
      return undefined;
  }
}
