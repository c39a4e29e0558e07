// A learner's turn in a hands-on run: the step has begun (its `never` guards watch, its baseline
// is taken), the commands are shown, and probelab watches for the first sign of the learner's move.
// The step's clock starts (armStep, as after the runner's own actions) at that sign, or when the
// wait runs out; a step whose items all hold already has nothing to wait for and starts at once.
// Meanwhile a sign on a pod the step does not act on, or nothing at all, becomes a hint.

import type { Step } from '../lab/schema.js';
import type { LabJudge } from '../expect/lab-judge.js';
import type { StepVerdict } from '../expect/step.js';
import { messagesFor } from '../i18n/messages.js';
import { hintText } from '../report/turn-text.js';
import type { Observation } from '../model/observation.js';
import type { CommandPlace } from '../report/kubectl.js';
import { untilProbesSettled } from './actions.js';
import type { Clock } from './clock.js';
import type { RunListener } from './events.js';
import {
  awaitsSign,
  bindingsOfSign,
  elsewhereHint,
  learnerActions,
  learnerCommands,
  learnerTargets,
  provisionalBindings,
  signOf,
  unchangedHint,
  watchTurn,
  type ArmedBy,
  type HandsOnTurn,
  type LearnerBinding,
  type Sign,
} from './hands-on.js';
import type { ObservationQueue } from './observation-queue.js';

/** What the learner asks of a waiting turn from the view: more time. */
export class LearnerControls {
  #extensions = 0;

  extend(): void {
    this.#extensions++;
  }

  /** The extensions asked for since the last call. */
  take(): number {
    const extensions = this.#extensions;
    this.#extensions = 0;
    return extensions;
  }
}

export interface HandsOnOptions {
  /** How long to wait for the first sign before starting the step's clock anyway. */
  waitMs: number;
  /** What one extension adds (default a minute). */
  extendMs?: number;
  controls?: LearnerControls;
}

/** A wait without a sign this long (or half the wait, if shorter) gets a hint: the learner may be stuck. */
export const HINT_AFTER_MS = 60_000;
export const EXTEND_MS = 60_000;

export interface TurnContext {
  index: number;
  step: Step;
  /** The lab's steps: an alias is chosen again from the selector an earlier step picked it with. */
  steps: readonly Step[];
  judge: LabJudge;
  queue: ObservationQueue;
  clock: Clock;
  signal: AbortSignal;
  place: CommandPlace;
  options: HandsOnOptions;
  tickMs: number;
  /** Applies one observation as the runner does (judge, result, listeners). */
  apply(observation: Observation): void;
  /** Applies what the watch delivered so far. */
  drain(): Promise<void>;
  emit: RunListener;
  /** Aliases bound to the pod a command named without a sign: a later sign may move them. */
  provisional: Set<string>;
  note(text: string): void;
}

export interface TurnResult {
  turn: HandsOnTurn;
  /** How long probelab waited for the learner (not counted against the lab's timeout). */
  waitedMs: number;
}

export async function learnerTurn(context: TurnContext): Promise<TurnResult> {
  const { judge, clock, index, step, queue, signal } = context;
  const actions = learnerActions(step);
  const world = () => judge.world(clock.now());
  const pods = async () => {
    await context.drain();
    return judge.timeline.podObjects();
  };
  // Commands shown before the target's probes first ran would ask for a fault that races them.
  for (const target of learnerTargets(actions, world(), judge.bindings, context.provisional, context.steps)) {
    for (const pod of target?.candidates ?? []) await untilProbesSettled(pod, { pods, clock, signal, note: context.note }, `the learner's turn on ${pod}`);
  }
  await context.drain();
  const targets = learnerTargets(actions, world(), judge.bindings, context.provisional, context.steps);
  const commands = learnerCommands(actions, targets, context.place);
  const shownAt = clock.now();
  const watch = watchTurn(step, targets, world(), judge.bindings);
  let turn: HandsOnTurn = { shownAt, commands, waitUntil: shownAt + context.options.waitMs };
  const show = (change: Partial<HandsOnTurn>) => {
    turn = { ...turn, ...change };
    context.emit({ kind: 'handsOn', at: clock.now(), index, turn });
  };
  const bind = (bindings: LearnerBinding[]) => {
    for (const { alias, pod, provisional } of bindings) {
      judge.bindings.set(alias, pod);
      if (provisional) context.provisional.add(alias);
      else context.provisional.delete(alias);
    }
    return bindings.length > 0 ? { bound: bindings } : {};
  };
  const arm = (at: number, by: ArmedBy, change: Partial<HandsOnTurn>, sign?: Sign): TurnResult => {
    show({ ...change, armed: { at, by } });
    judge.armStep(at, sign && { expectation: sign.expectation, what: sign.what });
    return { turn, waitedMs: Math.max(0, at - shownAt) };
  };

  if (!awaitsSign(watch)) return arm(shownAt, 'nothing', bind(provisionalBindings(targets)));
  show({});
  const hintAt = shownAt + Math.min(HINT_AFTER_MS, context.options.waitMs / 2);
  for (;;) {
    if (signal.aborted || judge.activeStep !== index) return { turn, waitedMs: clock.now() - shownAt };
    const extensions = context.options.controls?.take() ?? 0;
    if (extensions > 0) show({ waitUntil: turn.waitUntil + extensions * (context.options.extendMs ?? EXTEND_MS) });
    const now = clock.now();
    if (now >= turn.waitUntil) {
      // A hint about a pod the step does not act on says more than "nothing changed".
      const hint = turn.hint?.kind === 'elsewhere' ? turn.hint : unchangedHint(watch, world(), commands, actions);
      return arm(now, 'timeout', { ...bind(provisionalBindings(targets)), ...(hint ? { hint } : {}) });
    }
    if (now >= hintAt && turn.hint === undefined) {
      const hint = unchangedHint(watch, world(), commands, actions);
      if (hint) show({ hint });
    }
    const until = now < hintAt && turn.hint === undefined ? hintAt : turn.waitUntil;
    const batch = await queue.take(Math.max(0, Math.min(context.tickMs, until - now)), clock, signal);
    for (const [position, observation] of batch.entries()) {
      context.apply(observation);
      if (judge.activeStep !== index) continue;
      const sign = signOf(watch, judge.world(observation.at));
      if (sign && !sign.candidate) {
        const hint = elsewhereHint(sign, commands, actions);
        if (hint && !(turn.hint?.kind === 'elsewhere' && turn.hint.pod === hint.pod)) show({ hint });
        continue;
      }
      if (!sign) continue;
      // "Nothing has changed" is no longer true; a pod broken by mistake still is.
      const hint = turn.hint?.kind === 'elsewhere' ? turn.hint : undefined;
      // A step acting on several pods: the sign decides its own; the others are the commands'.
      const others = provisionalBindings(targets.filter((target) => target !== sign.target));
      const result = arm(sign.at, 'sign', { firstSign: firstSignOf(sign), ...bind([...bindingsOfSign(sign), ...others]), hint }, sign);
      for (const rest of batch.slice(position + 1)) context.apply(rest);
      return result;
    }
  }
}

function firstSignOf({ at, what, pod }: Sign): HandsOnTurn['firstSign'] {
  return pod === undefined ? { at, what } : { at, what, pod };
}

/** A failed step's reason, followed by what probelab noticed of the learner's move (in the reports' English). */
export function handsOnReason(verdict: StepVerdict, turn: HandsOnTurn | undefined): StepVerdict {
  if (verdict.state !== 'failed' || !turn?.hint) return verdict;
  const hint = hintText(turn.hint, messagesFor('en').handsOn);
  return { ...verdict, reason: verdict.reason ? `${verdict.reason} ${hint}` : hint };
}
