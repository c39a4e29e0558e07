// Judges one lab step incrementally: after every observation the runner (or a replay) calls
// observe(); between observations it calls expire() with the clock. `expect` items latch the
// first time they hold, `sequence` items must latch in order, `never` items fail the step the
// moment they hold. Time is always an input: this module never reads a clock.
//
// An item is judged again whenever an object it reads was touched (reads.ts), so its verdict and
// its "instead" value are those of a judge that re-checks every item on every observation; the
// property test in test/expect/incremental.test.ts holds the two equal.

import { formatDuration, parseDuration } from '../lab/duration.js';
import { formatSeconds } from '../probes/window.js';
import type { Expectation, Step } from '../lab/schema.js';
import { podColumns } from '../timeline/pod-columns.js';
import { captureBaseline, check, describeExpectation, EventTally, matchingEvents, type Baseline, type Check } from './predicates.js';
import type { Touched } from '../timeline/timeline.js';
import { reads } from './reads.js';
import type { Bindings, World } from './world.js';

export type ItemGroup = 'expect' | 'sequence' | 'never';
export type ItemState = 'pending' | 'met' | 'violated' | 'skipped';

export interface ItemStatus {
  group: ItemGroup;
  index: number;
  label: string;
  state: ItemState;
  /** Absolute deadline (epoch ms); never items watch until the step ends. */
  deadline: number;
  /** When it latched or was violated. */
  at?: number;
  /** The observation that made it latch, e.g. "pods MODIFIED web-1". */
  cause?: string;
  /** The last value seen for it. */
  seen: string;
  pod?: string;
  /** When the probe-timing oracle expects it, once the step's actions are done. */
  window?: PredictedWindow;
}

/** The oracle's window for an item: the earliest and latest milliseconds after `from`. */
export interface PredictedWindow {
  earliestMs: number;
  latestMs: number;
  /** The terms the numbers are made of, e.g. "3 failures × 5s period, +1s timeout". */
  explanation: string;
  /** What it counts from: the step's actions being done, or the container's start (still to come). */
  from: 'actions' | 'start';
}

/** The oracle's prediction for an item: the deadline `within: auto` gives it, and its window. */
export interface Prediction {
  withinMs: number;
  window?: PredictedWindow;
}

export type StepState = 'pending' | 'passed' | 'failed';

export interface StepVerdict {
  step: string;
  state: StepState;
  startedAt: number;
  /** When the step is due: the latest item deadline (plus hold). */
  deadline: number;
  /** When it passed or failed. */
  at?: number;
  cause?: string;
  /** One sentence a learner understands. */
  reason?: string;
  /** The last relevant state and events behind a failure. */
  evidence: string[];
  items: ItemStatus[];
}

/** The moment a step's actions are done: what `within: auto` is predicted from. */
export interface ArmMoment {
  at: number;
  world: World;
  bindings: Bindings;
}

/** What made a change, or how to say it: said only when something latches. */
export type Cause = string | (() => string);

function said(cause: Cause): string {
  return typeof cause === 'string' ? cause : cause();
}

export interface StepContext {
  startedAt: number;
  bindings: Bindings;
  /** The oracle's prediction for an item (for the whole step when undefined); a bare number is the deadline only. */
  autoWithin(expectation: Expectation | undefined, moment: ArmMoment): number | Prediction;
  /** Keep watching `never` items this long after everything else is met. */
  holdMs?: number;
}

interface Item {
  group: ItemGroup;
  index: number;
  expectation: Expectation;
  status: ItemStatus;
  /** Event expectations count occurrences incrementally. */
  tally?: EventTally;
}

export class StepEvaluator {
  readonly #step: Step;
  readonly #context: StepContext;
  readonly #baseline: Baseline;
  readonly #items: Item[];
  #sequenceNext = 0;
  #metAt: number | undefined;
  /** When the step's actions finished: deadlines count from here, and only then can it pass. */
  #armedAt: number | undefined;
  #verdict: StepVerdict;

  /**
   * Begins judging at `context.startedAt`, before the step's actions run, so `never` items and
   * the baseline for `{increase: N}` cover the actions too. Call arm() when the actions are done.
   */
  constructor(step: Step, world: World, context: StepContext) {
    this.#step = step;
    this.#context = context;
    this.#baseline = captureBaseline(world);
    const groups: [ItemGroup, Expectation[] | undefined][] = [
      ['expect', step.expect],
      ['sequence', step.sequence],
      ['never', step.never],
    ];
    this.#items = groups.flatMap(([group, list]) =>
      (list ?? []).map((expectation, index) => ({
        group,
        index,
        expectation,
        tally: 'event' in expectation ? new EventTally(expectation, this.#baseline) : undefined,
        status: {
          group,
          index,
          label: describeExpectation(expectation, context.bindings),
          state: 'pending' as ItemState,
          deadline: Number.POSITIVE_INFINITY,
          seen: '',
        },
      })),
    );
    this.#verdict = { step: step.name, state: 'pending', startedAt: context.startedAt, deadline: Number.POSITIVE_INFINITY, evidence: [], items: this.#items.map((i) => i.status) };
    this.observe(world, 'state at step start');
  }

  /**
   * The actions are done at `at`: deadlines start counting, and the step may now pass. With
   * `sign`, `at` is not the fault but its first sign (hands-on mode: the learner acted unseen),
   * and each window counts from that sign: the fault came the sign's own window before it.
   */
  arm(at: number, world: World, sign?: FirstSign): StepVerdict {
    if (this.#verdict.state !== 'pending') return this.verdict;
    this.#armedAt = at;
    const moment: ArmMoment = { at, world, bindings: this.#context.bindings };
    const signWindow = sign && predictionOf(this.#context.autoWithin(sign.expectation, moment)).window;
    const step = this.#step;
    for (const item of this.#items) {
      item.status.label = describeExpectation(item.expectation, this.#context.bindings);
      if (item.group === 'never') continue;
      const prediction = predictionOf(this.#context.autoWithin(item.expectation, moment));
      const within = item.expectation.within ?? step.within ?? 'auto';
      item.status.deadline = at + (within === 'auto' ? prediction.withinMs : parseDuration(within));
      if (prediction.window) item.status.window = signWindow && sign ? fromSign(prediction.window, signWindow, sign.what) : prediction.window;
    }
    const finite = this.#items.map((item) => item.status.deadline).filter(Number.isFinite);
    const stepWithin = step.within && step.within !== 'auto' ? at + parseDuration(step.within) : undefined;
    const deadline = finite.length > 0 ? Math.max(...finite) : (stepWithin ?? at + predictionOf(this.#context.autoWithin(undefined, moment)).withinMs);
    this.#verdict = { ...this.#verdict, startedAt: at, deadline: deadline + (this.#context.holdMs ?? 0) };
    this.observe(world, 'actions done');
    return this.verdict;
  }

  /** A snapshot: items keep changing while the step is pending, a verdict handed out does not. */
  get verdict(): StepVerdict {
    return this.#verdict.state === 'pending' ? { ...this.#verdict, items: this.#statuses() } : this.#verdict;
  }

  /**
   * Re-judges after an observation. With `touched` (what the observation changed) only the items
   * that read a touched object are checked again; without it (step start, actions done, bindings
   * changed, or the plain judge) every item is. `cause` says what happened (made only when an
   * item latches: most observations latch nothing). Read the result from `verdict`.
   */
  observe(world: World, cause: Cause, touched?: Touched): void {
    if (this.#verdict.state !== 'pending') return;
    const at = Math.max(world.now, this.#context.startedAt);
    this.#count(world, touched);
    for (const item of this.#items) {
      if (item.group === 'sequence' || item.status.state !== 'pending') continue;
      const result = this.#check(item, world, touched);
      if (!result) continue;
      item.status.seen = result.seen;
      item.status.pod = result.pod;
      if (!result.holds) continue;
      item.status.state = item.group === 'never' ? 'violated' : 'met';
      item.status.at = at;
      item.status.cause = said(cause);
      if (item.group === 'never') {
        this.#fail(at, said(cause), `${item.status.label} happened, which this step does not allow (${result.seen}).`, world, item);
        return;
      }
    }
    this.#advanceSequence(world, at, cause, touched);
    this.#settleIfMet(at, cause);
  }

  /** Keeps every pending event item's occurrences current, reached or not (sequence items count from the step start too). */
  #count(world: World, touched: Touched | undefined): void {
    const bindings = this.#context.bindings;
    for (const item of this.#items) {
      if (!item.tally || item.status.state !== 'pending') continue;
      if (touched === undefined) item.tally.recount(world, bindings);
      else for (const { key, view } of touched.events) item.tally.update(key, view, bindings);
    }
  }

  /** The item judged again, or undefined when nothing it reads was touched (its last check stands). */
  #check(item: Item, world: World, touched: Touched | undefined): Check | undefined {
    const bindings = this.#context.bindings;
    if (touched !== undefined && !reads(item.expectation, touched, bindings)) return undefined;
    return item.tally ? item.tally.check(bindings) : check(item.expectation, world, bindings, this.#baseline);
  }

  /** Applies the clock: fails the step when a pending item's deadline has passed. */
  expire(now: number, world: World): void {
    if (this.#verdict.state !== 'pending' || this.#armedAt === undefined) return;
    this.#settleIfMet(now, 'hold period over');
    if (this.#verdict.state !== 'pending') return;
    const late = this.#items.find((item) => item.group !== 'never' && item.status.state === 'pending' && now > item.status.deadline);
    if (late) {
      const within = formatDuration(late.status.deadline - this.#armedAt);
      const order = late.group === 'sequence' ? ` (sequence item ${late.index + 1} of ${this.#step.sequence?.length ?? 0})` : '';
      const spam = this.#spamNote(late, world);
      this.#fail(now, 'deadline', `${late.status.label}${order} was not seen within ${within}; instead: ${late.status.seen || 'nothing observed'}.${spam}`, world, late);
    }
  }

  /**
   * Latches the sequence's next items that hold, in order, skipping optional states the watch
   * never showed. Items reached through a latch are checked in full: nothing was judged of them
   * before, so "not touched" says nothing. A sequence orders states; an event item counts its
   * occurrences from the step start, because events and pods come on separate watches whose
   * order is not the cluster's.
   */
  #advanceSequence(world: World, at: number, cause: Cause, touched: Touched | undefined): void {
    const sequence = this.#items.filter((item) => item.group === 'sequence');
    let since = touched;
    for (let next = this.#sequenceNext; next < sequence.length; next++) {
      const item = sequence[next]!;
      const result = this.#check(item, world, since);
      if (!result) {
        if (!item.expectation.optional) return;
        continue;
      }
      item.status.seen = result.seen;
      item.status.pod = result.pod;
      if (result.holds) {
        for (const skipped of sequence.slice(this.#sequenceNext, next)) skipped.status.state = 'skipped';
        item.status.state = 'met';
        item.status.at = at;
        item.status.cause = said(cause);
        this.#sequenceNext = next + 1;
        since = undefined;
        continue;
      }
      if (!item.expectation.optional) return;
    }
  }

  #settleIfMet(at: number, cause: Cause): void {
    const open = this.#items.some((item) => item.group !== 'never' && item.status.state === 'pending');
    if (open || this.#armedAt === undefined) return;
    this.#metAt = Math.max(this.#metAt ?? at, this.#armedAt);
    const hold = this.#context.holdMs ?? 0;
    if (at < this.#metAt + hold) return;
    this.#verdict = { ...this.#verdict, state: 'passed', at: this.#metAt + hold, cause: said(cause), items: this.#statuses() };
  }

  #fail(at: number, cause: string, reason: string, world: World, item: Item): void {
    this.#verdict = { ...this.#verdict, state: 'failed', at, cause, reason, evidence: evidenceFor(item.status.pod, world), items: this.#statuses() };
  }

  #statuses(): ItemStatus[] {
    return this.#items.map((item) => ({ ...item.status }));
  }

  /**
   * An event count that stalled may be the kubelet's spam filter, not the cluster: after 25
   * events from one source about one object it lets one more through per 5 minutes.
   */
  #spamNote(item: Item, world: World): string {
    if (!('event' in item.expectation)) return '';
    const expectation = item.expectation;
    const all = matchingEvents({ ...expectation, event: { ...expectation.event, count: undefined } }, world, this.#context.bindings, { restarts: new Map(), eventCounts: new Map() });
    const limited = all.map((match) => world.spamBudget(match.view)).find((budget) => budget?.limited);
    return limited
      ? ` The kubelet's event spam filter has used up its burst of 25 events for this object (${limited.recorded} recorded), so the count rises by at most one per 5 minutes: the condition may still be happening.`
      : '';
  }
}

/** What started a step's clock when no action of probelab's did: an awaited state, first seen. */
export interface FirstSign {
  /** The expectation that held first (an event counted once). */
  expectation: Expectation;
  /** In kubectl's words, e.g. `Unhealthy`. */
  what: string;
}

// A window after the fault, seen from its first sign, which itself came `sign` after the fault.
function fromSign(window: PredictedWindow, sign: PredictedWindow, what: string): PredictedWindow {
  if (window.from !== 'actions' || sign.from !== 'actions') return window;
  return {
    ...window,
    earliestMs: Math.max(0, window.earliestMs - sign.latestMs),
    latestMs: Math.max(0, window.latestMs - sign.earliestMs),
    explanation: `${window.explanation}; from the first sign (${what}), itself ${formatSeconds(sign.earliestMs)} – ${formatSeconds(sign.latestMs)} after the move`,
  };
}

function predictionOf(value: number | Prediction): Prediction {
  return typeof value === 'number' ? { withinMs: value } : value;
}

/** The pod's kubectl row and its last events: what a learner would look at with kubectl. */
export function evidenceFor(podName: string | undefined, world: World): string[] {
  if (podName === undefined) return [];
  const pod = world.pod(podName);
  const lines: string[] = [];
  if (pod) {
    const c = podColumns(pod, world.now);
    lines.push(`pod ${c.name}: READY ${c.ready}, STATUS ${c.status}, RESTARTS ${c.restarts}`);
  } else {
    lines.push(`pod ${podName}: not found`);
  }
  const events = world.events(podName).slice(-3);
  for (const view of events) lines.push(`event ${view.type} ${view.reason} (x${view.count}): ${view.message}`);
  return lines;
}
