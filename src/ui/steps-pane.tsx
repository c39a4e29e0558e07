// The lab's steps as a checklist: a spinner and the deadline counting down on the active step
// (with its actions, what each expectation has seen so far, and when the probe-timing oracle
// expects it), how long a passed step took, and for a failed one its one-sentence reason and the
// evidence behind it. The step in focus (the active one, or the one that just settled) also
// shows its explanation and, for each item seen, where that fell in its predicted window.

import type { ItemState, ItemStatus } from '../expect/step.js';
import { describeExpectation, ENGLISH_EXPECTATION_WORDS } from '../expect/predicates.js';
import type { Messages } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import { describeAction } from '../report/describe.js';
import { expectedText, learnerArms, seenText, windowReference, type LearnerArm, type SeenText, type StepActionRef, type WindowReference } from '../report/windows.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { markdownLines } from './markdown.js';
import { activeStepIndex, type StepRow, type StepRowState } from './run-view-state.js';
import { spinnerFrame } from './spinner.js';
import { cellWidth, shortPod, truncateEnd, wrapWords } from './text.js';
import type { Tone } from './theme.js';

/**
 * How much of the step in focus to show: `full` gives an expectation whose value does not fit
 * beside it a second line for the value; `compact` keeps one line each, shortening the label so
 * the value stays in view; `none` shows the step's line only (a short terminal).
 */
export type StepDetail = 'full' | 'compact' | 'none';

export interface StepsPaneProps {
  steps: readonly StepRow[];
  now: number;
  width: number;
  detail?: StepDetail;
  /** Under the first awaited item with a predicted window: the window and what it is made of. */
  window?: boolean;
  /** The step's explanation under its items. */
  explain?: boolean;
  /** The step shown in full; the active one when undefined. */
  focus?: number;
  /** `$picked` → pod, for labels in a language other than the judge's English. */
  bindings?: ReadonlyMap<string, string>;
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
/** The predicted window's explanation wraps to at most this many lines. */
const WINDOW_LINES = 3;

export function stepLines({ steps, now, width, detail = 'full', window = true, explain = true, focus, bindings = new Map(), m }: StepsPaneProps): Line[] {
  const lines: Line[] = [line('steps', { text: m.heading.steps, bold: true })];
  const shown = focus ?? activeStepIndex({ steps });
  const actions: StepActionRef[] = steps.flatMap((step, index) => step.actions.map((action) => ({ step: index, action: action.observation })));
  const turns = learnerArms(steps.map((step) => step.handsOn));
  steps.forEach((step, index) => {
    const key = `step-${index}`;
    const active = step.state === 'acting' || step.state === 'pending';
    const mark: Segment = active ? { text: spinnerFrame(now), tone: 'accent' } : MARK[step.state as keyof typeof MARK];
    const context: ItemContext = { step, index, actions, turns, bindings, window, m };
    const basic = stepStatus(step, now, m);
    // A passed step out of focus keeps, beside its time, where its last item fell in its window:
    // live, the next step starts at once, and that item's outcome would never have been on screen.
    const outcome = index === shown || !basic ? undefined : lastOutcome(context);
    const withOutcome = outcome && basic && [basic, { text: ` · ${outcome.text}`, tone: outcome.outside ? 'warn' : 'muted' } satisfies Segment];
    // Only beside a name that stays whole: the name says which step the outcome is about.
    const status = withOutcome && cellWidth(segmentsText(withOutcome)) + 2 + cellWidth(step.name) <= width - 2 ? withOutcome : basic && [basic];
    const statusWidth = status ? cellWidth(segmentsText(status)) : 0;
    const name = truncateEnd(step.name, Math.max(0, width - 2 - (status ? statusWidth + 2 : 0)));
    const gap = status ? ' '.repeat(Math.max(2, width - 2 - cellWidth(name) - statusWidth)) : '';
    lines.push(line(key, mark, ' ', { text: name, bold: active }, gap, ...(status ?? [])));
    if (index === shown && detail !== 'none') {
      step.actions.forEach((action, i) => lines.push(line(`${key}-action-${i}`, { text: truncateEnd(`${INDENT}→ ${describeAction(action.observation, m.action)}`, width), tone: 'muted' })));
      lines.push(...itemsLines(key, context, width, detail));
    }
    if (step.state === 'failed' && step.verdict) {
      const reason = step.verdict.reason ?? m.step.failed;
      wrapWords(reason, Math.max(10, width - INDENT.length)).forEach((text, i) => lines.push(line(`${key}-reason-${i}`, INDENT, { text, tone: 'bad' })));
      step.verdict.evidence.forEach((text, i) => lines.push(line(`${key}-evidence-${i}`, { text: truncateEnd(`${INDENT}${text}`, width), tone: 'muted' })));
    }
    if (index === shown && detail !== 'none' && explain && step.explain) {
      markdownLines({ text: step.explain, width: Math.max(10, width - INDENT.length) }).forEach((text, i) => lines.push({ key: `${key}-explain-${i}`, segments: [{ text: INDENT }, ...text.segments] }));
    }
  });
  return lines;
}

export function StepsPane(props: StepsPaneProps) {
  return <Lines lines={stepLines(props)} />;
}

interface ItemContext {
  step: StepRow;
  index: number;
  /** Every action so far, by step: what windows count from. */
  actions: readonly StepActionRef[];
  /** Hands-on steps' clocks: what their windows count from. */
  turns: readonly LearnerArm[];
  bindings: ReadonlyMap<string, string>;
  window: boolean;
  m: Messages;
}

interface ItemText {
  item: ItemStatus;
  label: string;
  /** `(now: …)` while awaited; once seen, where that fell in its predicted window. */
  value?: { text: string; tone?: Tone };
  /** The predicted window of the first awaited item that has one. */
  expected?: string;
}

/**
 * The focused step's expectations with, while each is awaited, what it sees now, and once seen,
 * how that compares with its predicted window. The current value is what a learner watches, so it
 * is never the part cut off: an alias's pod is shortened to its suffix (in every item of the step
 * alike), then the value moves under the label (full) or the label gives way to it (compact).
 */
function itemsLines(key: string, context: ItemContext, width: number, detail: Exclude<StepDetail, 'none'>): Line[] {
  const { step, m } = context;
  const verdict = step.verdict;
  const items = verdict?.items ?? [];
  const room = Math.max(0, width - ITEM_TEXT);
  const awaited = items.find((item) => item.group !== 'never' && item.state === 'pending' && item.window !== undefined);
  const texts: ItemText[] = items.map((item) => {
    const label = labelOf(item, context);
    // A pending never item is a guard that holds so far, not something still awaited.
    const text: ItemText = { item, label: item.group === 'never' ? `${m.step.never} ${label}` : label };
    if (item.state === 'pending' && item.seen) text.value = { text: m.step.now(item.seen) };
    const seen = item.window && seenText(item, referenceOf(item, context), verdict!.startedAt, m.window);
    if (seen) text.value = { text: seen.text, tone: seen.outside ? 'warn' : 'muted' };
    if (context.window && item === awaited) text.expected = expectedText(item.window!, referenceOf(item, context), m.window);
    return text;
  });
  const fits = ({ label, value }: ItemText) => cellWidth(label) + (value === undefined ? 0 : 1 + cellWidth(value.text)) <= room;
  const shown = texts.every(fits) ? texts : texts.map((text) => ({ ...text, label: shortAliases(text.label) }));
  return shown.flatMap((text, i) => itemLines(`${key}-item-${i}`, text, fits(text), room, detail));
}

/** What an item's window counts from (the item has a window, so its step was armed). */
function referenceOf(item: ItemStatus, { step, index, actions, turns }: ItemContext): WindowReference {
  return windowReference(item.window!, index, step.verdict!.startedAt, actions, turns);
}

/**
 * Where the item met last with a window fell in it: the one that completed the step. Only a
 * measured outcome: a window from a container start says nothing about the step's own time.
 */
function lastOutcome(context: ItemContext): SeenText | undefined {
  const verdict = context.step.verdict;
  if (context.step.state !== 'passed' || !verdict) return undefined;
  const last = verdict.items.filter((item) => item.state === 'met' && item.window).sort((a, b) => a.at! - b.at!).at(-1);
  const reference = last && referenceOf(last, context);
  return reference?.at === undefined ? undefined : seenText(last!, reference, verdict.startedAt, context.m.window);
}

function segmentsText(segments: readonly Segment[]): string {
  return segments.map((segment) => segment.text).join('');
}

/** The judge's label in English; in another language, the expectation described in its words. */
function labelOf(item: ItemStatus, { step, bindings, m }: ItemContext): string {
  const expectation = step.spec?.[item.group]?.[item.index];
  return expectation && m.expectation !== ENGLISH_EXPECTATION_WORDS ? describeExpectation(expectation, bindings, m.expectation) : item.label;
}

function itemLines(key: string, { item, label, value, expected }: ItemText, fits: boolean, room: number, detail: Exclude<StepDetail, 'none'>): Line[] {
  const head = (...segments: Segment[]) => line(key, INDENT, ITEM_MARK[item.state], ' ', ...segments);
  const under = (suffix: string, text: string, tone: Tone) => line(`${key}-${suffix}`, ' '.repeat(ITEM_TEXT), { text, tone });
  const window = expected === undefined ? [] : windowLines(expected, room).map((text, i) => under(`window-${i}`, text, 'muted'));
  if (value === undefined) return [head({ text: truncateEnd(label, room) }), ...window];
  if (fits) return [head({ text: `${label} ` }, value), ...window];
  if (detail === 'full') return [head({ text: truncateEnd(label, room) }), under('value', truncateEnd(value.text, room), value.tone ?? 'muted'), ...window];
  const shown = truncateEnd(value.text, Math.max(Math.floor(room / 2), room - cellWidth(label) - 1));
  return [head({ text: `${truncateEnd(label, Math.max(0, room - cellWidth(shown) - 1))} ` }, { ...value, text: shown }), ...window];
}

/** The window's text wrapped to `room`, at most WINDOW_LINES lines (the last cut short when more). */
function windowLines(text: string, room: number): string[] {
  const lines = wrapWords(text, Math.max(10, room));
  if (lines.length <= WINDOW_LINES) return lines;
  const kept = lines.slice(0, WINDOW_LINES);
  kept[WINDOW_LINES - 1] = truncateEnd(`${kept[WINDOW_LINES - 1]!} ${lines[WINDOW_LINES]!}`, room);
  return kept;
}

/** `$picked (readiness-deployment-774f8b876f-hqx8x)` → `$picked (…-hqx8x)`: the suffix tells pods apart. */
function shortAliases(label: string): string {
  return label.replace(/(\$[A-Za-z0-9_-]+ \()([^)\s]+)\)/g, (_, alias: string, pod: string) => `${alias}${shortPod(pod)})`);
}


function stepStatus(step: StepRow, now: number, m: Messages): Segment | undefined {
  const verdict = step.verdict;
  switch (step.state) {
    case 'acting':
      // Hands-on, the step waits for the learner's move, not for probelab's actions.
      return { text: step.handsOn && !step.handsOn.armed ? m.step.yourTurn : m.step.acting, tone: step.handsOn ? 'accent' : 'muted' };
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
