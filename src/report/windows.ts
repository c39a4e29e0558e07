// An awaited item's predicted window set against what happened: what the window counts from, and
// where the item's latch fell in it. The view, the line log, the JSON report and the HTML timeline
// all place windows with these functions, so they never disagree about an item.
//
// A window counts from the moment the step's actions were done (the verdict's startedAt), named
// after the step's last action. A step without actions of its own waits for the consequence of an
// earlier one (a delete, then "the pod is gone"): its window counts from that action. A window
// from a container start counts from a moment the client does not time (image pull, scheduling),
// so nothing is measured against it. In hands-on mode the learner's move is no action probelab
// made: the window counts from what started the step's clock, the first sign of the move (or the
// end of the wait for it).

import type { ItemStatus, PredictedWindow } from '../expect/step.js';
import type { WindowWords } from '../i18n/messages.js';
import type { ActionObservation, Observation } from '../model/observation.js';
import type { ArmedBy, HandsOnTurn } from '../runner/hands-on.js';

/** What a window counts from. `step` (0-based) is set for an earlier step's action or turn. */
export type WindowAnchor =
  | { kind: 'action'; action: ActionObservation; step?: number }
  | { kind: 'learner'; by: ArmedBy; step?: number }
  | { kind: 'stepStart' }
  | { kind: 'containerStart' };

export interface WindowReference {
  anchor: WindowAnchor;
  /** Epoch ms the window counts from; undefined for a container start. */
  at?: number;
}

/** An action and the step (0-based) it belongs to. */
export interface StepActionRef {
  step: number;
  action: ActionObservation;
}

/** A hands-on step's clock: when the learner's turn started it, and by what. */
export interface LearnerArm {
  step: number;
  at: number;
  by: ArmedBy;
}

/** The turns of a hands-on run that started a step's clock. */
export function learnerArms(turns: readonly (Pick<HandsOnTurn, 'armed'> | undefined)[] | undefined): LearnerArm[] {
  return (turns ?? []).flatMap((turn, step) => (turn?.armed ? [{ step, ...turn.armed }] : []));
}

export type WindowRelation = 'early' | 'within' | 'late';

export interface WindowOutcome {
  /** From the reference to the latch; negative when it latched while the actions ran. */
  seenMs: number;
  relation: WindowRelation;
}

/**
 * What the windows of step `step` count from, given every action so far. Sleeps are left out: they
 * are waiting, not a cause, and a recording does not keep them.
 */
export function windowReference(window: PredictedWindow, step: number, startedAt: number, actions: readonly StepActionRef[], turns: readonly LearnerArm[] = []): WindowReference {
  if (window.from === 'start') return { anchor: { kind: 'containerStart' } };
  const causes = [
    ...actions.filter((ref) => ref.action.action !== 'sleep' && ref.step <= step).map((ref) => ({ step: ref.step, at: ref.action.at, anchor: { kind: 'action', action: ref.action } as const })),
    ...turns.filter((turn) => turn.step <= step).map((turn) => ({ step: turn.step, at: turn.at, anchor: { kind: 'learner', by: turn.by } as const })),
  ].sort((a, b) => a.step - b.step || a.at - b.at);
  const last = causes.at(-1);
  if (last?.step === step) return { anchor: last.anchor, at: startedAt };
  if (last) return { anchor: { ...last.anchor, step: last.step }, at: last.at };
  return { anchor: { kind: 'stepStart' }, at: startedAt };
}

/** Where a met item's latch fell in its window, when both the window and its reference are known. */
export function windowOutcome(item: ItemStatus, reference: WindowReference): WindowOutcome | undefined {
  if (!item.window || item.state !== 'met' || item.at === undefined || reference.at === undefined) return undefined;
  const seenMs = item.at - reference.at;
  return { seenMs, relation: windowRelation(seenMs, item.window) };
}

/**
 * Compared in tenths of a second, as the times are shown: closer than that is below what the watch
 * and the kubelet's second-truncated timestamps can tell apart, and "seen at 6.0 s, sooner than the
 * predicted 6–10 s" would only confuse.
 */
export function windowRelation(seenMs: number, window: Pick<PredictedWindow, 'earliestMs' | 'latestMs'>): WindowRelation {
  const tenths = (ms: number) => Math.round(ms / 100);
  if (tenths(seenMs) < tenths(window.earliestMs)) return 'early';
  return tenths(seenMs) > tenths(window.latestMs) ? 'late' : 'within';
}

/** 8705 → "8.7", 6000 → "6": seconds with at most one decimal. */
export function windowSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(1)));
}

/**
 * The actions of a finished run by step, from its observations: a step's own actions come after
 * the earlier steps were armed and before its own verdict's startedAt (when its actions were done).
 */
export function actionsBySteps(observations: readonly Observation[], startedAts: readonly (number | undefined)[]): StepActionRef[] {
  return observations.flatMap((action) => {
    if (action.kind !== 'action') return [];
    const step = startedAts.findIndex((at) => at !== undefined && action.at <= at);
    return step === -1 ? [] : [{ step, action }];
  });
}

/** "6–10 s" in the words' language. */
function rangeText(window: PredictedWindow, words: WindowWords): string {
  return words.range(windowSeconds(window.earliestMs), windowSeconds(window.latestMs));
}

/** While awaited: "expected 6–10 s after `rm /tmp/healthy`: 3 failures × 3s period, +1s timeout". */
export function expectedText(window: PredictedWindow, reference: WindowReference, words: WindowWords): string {
  return words.expected(rangeText(window, words), words.anchor(reference.anchor), words.explanation(window.explanation));
}

export interface SeenText {
  text: string;
  /** Seen outside its window: worth a learner's attention (not a failure). */
  outside: boolean;
}

/**
 * Once met: "seen at 8.7 s, predicted 6–10 s". `named` says what the window counts from too, for
 * a reader who did not see the window while it was awaited (the line log).
 */
export function seenText(item: ItemStatus, reference: WindowReference, startedAt: number, words: WindowWords, named = false): SeenText | undefined {
  const { window } = item;
  if (!window || item.state !== 'met' || item.at === undefined) return undefined;
  const range = rangeText(window, words);
  const outcome = windowOutcome(item, reference);
  if (!outcome) {
    const into = item.at - startedAt;
    return { text: words.seenFromStart(into >= 0 ? windowSeconds(into) : undefined, range), outside: false };
  }
  if (outcome.seenMs < 0) return { text: words.seenDuringActions(range), outside: true };
  return { text: words.seen(windowSeconds(outcome.seenMs), range, outcome.relation, named ? words.anchor(reference.anchor) : undefined), outside: outcome.relation !== 'within' };
}
