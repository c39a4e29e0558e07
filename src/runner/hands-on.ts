// Hands-on mode, the pure part: what a learner is asked to run for a step, and what the cluster
// shows of it. probelab cannot see a learner's exec, so it reads the learner's move from its
// consequences: the first observation after which an item the step awaits holds where it did not
// when the commands were shown (the "first sign"). Items about the pod the learner acts on are
// tried with every pod in its place: the candidate that shows the sign is the pod the learner
// broke, and binds `$picked` / `as:`; a pod that is not a candidate showing it is a wrong move.
// Everything here is a function of the step, the world and the bindings; the runner's loop is in
// hands-on-turn.ts.

import type { Action, Expectation, PodRef, Step } from '../lab/schema.js';
import { actionPod } from '../expect/auto-within.js';
import { captureBaseline, check, type Baseline } from '../expect/predicates.js';
import type { Bindings, World } from '../expect/world.js';
import { commandLine, learnerArgv, type CommandPlace } from '../report/kubectl.js';
import { podsToPick } from './selector.js';

/** A pod the learner's commands act on. */
export interface LearnerTarget {
  /** What the step's items call it: `$picked`, `$victim`, or the pod's name. */
  refs: string[];
  /** The aliases the learner's choice binds (none when the pod is fixed). */
  binds: string[];
  /** Where the learner chooses from, when they do. */
  selector?: string;
  /** The pods the learner may act on; the shown command names the first. */
  candidates: string[];
}

/** One line the learner runs. */
export interface LearnerCommand {
  argv: string[];
  /** The pods it may be run on, when the learner chooses one (the command names the first). */
  choice?: { selector: string; pods: string[] };
}

/** How the step's clock was started. */
export type ArmedBy = 'sign' | 'timeout' | 'nothing';

/** The first sign of the learner's move: what changed, and on which pod. */
export interface Sign {
  at: number;
  /** In kubectl's words: an event's reason (`Unhealthy`), or the value seen (`READY 0/1`). */
  what: string;
  pod?: string;
  /** The pod is one the learner was asked to act on (false: a wrong move). */
  candidate: boolean;
  /** The target whose item showed it, when the item is about the learner's pod. */
  target?: LearnerTarget;
  /** The step's item that held, as the sign counts it (an event once): its window places the move. */
  expectation: Expectation;
}

/** A binding the learner's move decided; `provisional` when no sign chose the pod (the command's). */
export interface LearnerBinding {
  alias: string;
  pod: string;
  provisional: boolean;
}

/** Nothing the step awaits has changed: what each candidate shows now, and the move that changes it. */
export interface UnchangedHint {
  kind: 'unchanged';
  seen: { pod?: string; seen: string }[];
  selector?: string;
  /** The learner's move in a few words: `rm /tmp/healthy`, `kill -s SIGUSR1 1`. */
  action: string;
  command: string;
}

/** The sign appeared on a pod the step does not act on. */
export interface ElsewhereHint {
  kind: 'elsewhere';
  what: string;
  pod: string;
  candidates: string[];
  selector?: string;
  action: string;
  command: string;
}

/** Something to tell the learner, as data: the view and the reports put it in words. */
export type Hint = UnchangedHint | ElsewhereHint;

/** A step's turn as the view and the reports show it. */
export interface HandsOnTurn {
  /** When the commands were shown (the step began: its `never` guards and baseline count from here). */
  shownAt: number;
  commands: LearnerCommand[];
  /** probelab starts the step's clock anyway at this time when no sign came. */
  waitUntil: number;
  /** Set once the step's clock runs. */
  armed?: { at: number; by: ArmedBy };
  firstSign?: Pick<Sign, 'at' | 'what' | 'pod'>;
  bound?: LearnerBinding[];
  hint?: Hint;
}

/** The step's actions from its first one the learner runs: sleeps before it are probelab's to time. */
export function learnerActions(step: Step): Action[] {
  const actions = step.do ?? [];
  const first = actions.findIndex((action) => !('sleep' in action));
  return first === -1 ? [] : actions.slice(first);
}

/** The selector an alias was picked with: the lab's last action that binds it from a selector. */
function selectorOf(alias: string, steps: readonly Step[]): { selector: string; pick?: string } | undefined {
  for (const action of steps.flatMap((step) => step.do ?? []).reverse()) {
    const target = actionPod(action);
    if (target && typeof target.pod === 'object' && (alias === '$picked' || `$${target.as ?? ''}` === alias)) return target.pod;
  }
  return undefined;
}

/** Running pods of the selector, the one the lab's `pick` names first (Ready pods before the rest). */
function candidatesOf(selector: { selector: string; pick?: string }, world: World, first?: string): string[] {
  const { running, ready } = podsToPick(world.pods(), selector.selector);
  const ordered = [...ready, ...running.filter((pod) => !ready.includes(pod))];
  if (selector.pick === 'last' && ready.length > 0) ordered.unshift(...ordered.splice(ready.length - 1, 1));
  if (first !== undefined && ordered.includes(first)) ordered.unshift(...ordered.splice(ordered.indexOf(first), 1));
  return ordered;
}

/**
 * Where each of the learner's actions acts. A selector lets the learner choose; so does an alias
 * no sign has decided yet (unbound, or bound provisionally to the pod a command named), from the
 * selector it was picked with. A pod name, or an alias a sign decided, is fixed.
 */
export function learnerTargets(actions: readonly Action[], world: World, bindings: Bindings, provisional: ReadonlySet<string>, steps: readonly Step[]): (LearnerTarget | undefined)[] {
  return actions.map((action) => {
    const target = actionPod(action);
    if (!target) return undefined;
    const { pod, as } = target;
    const aliases = [...(typeof pod === 'object' ? ['$picked'] : []), ...(as ? [`$${as}`] : [])];
    if (typeof pod === 'object') return { refs: aliases, binds: aliases, selector: pod.selector, candidates: candidatesOf(pod, world) };
    const bound = pod.startsWith('$') ? bindings.get(pod) : pod;
    const open = pod.startsWith('$') && (bound === undefined || provisional.has(pod)) ? selectorOf(pod, steps) : undefined;
    if (open) return { refs: [pod], binds: [pod, ...aliases], selector: open.selector, candidates: candidatesOf(open, world, bound) };
    return { refs: [pod], binds: aliases, candidates: bound === undefined ? [] : [bound] };
  });
}

/** What the learner runs, in order: each action on its target's first candidate. */
export function learnerCommands(actions: readonly Action[], targets: readonly (LearnerTarget | undefined)[], place: CommandPlace): LearnerCommand[] {
  return actions.flatMap((action, i) => {
    const target = targets[i];
    const argv = learnerArgv(action, target ? (target.candidates[0] ?? '<pod>') : undefined, place);
    if (!argv) return [];
    const choice = target?.selector !== undefined && target.candidates.length > 1 ? { selector: target.selector, pods: target.candidates } : undefined;
    return [choice ? { argv, choice } : { argv }];
  });
}

/** The pod refs an expectation names. */
function refsOf(expectation: Expectation): PodRef[] {
  if ('pod' in expectation) return [expectation.pod];
  if ('event' in expectation) return expectation.event.object === undefined ? [] : [expectation.event.object];
  if ('endpoints' in expectation) return [expectation.ready, expectation.notReady, expectation.terminating, expectation.absent].flatMap((v) => (Array.isArray(v) ? v : []));
  return [];
}

const TARGET = '$hands-on-target';

/** The expectation with every ref in `refs` replaced by one alias, so that any pod can be tried in its place. */
function retarget(expectation: Expectation, refs: readonly string[]): Expectation {
  const swap = (ref: PodRef): PodRef => (typeof ref === 'string' && refs.includes(ref) ? TARGET : ref);
  if ('pod' in expectation) return { ...expectation, pod: swap(expectation.pod) };
  if ('event' in expectation) return expectation.event.object === undefined ? expectation : { ...expectation, event: { ...expectation.event, object: swap(expectation.event.object) } };
  if ('endpoints' in expectation) {
    const lists = (['ready', 'notReady', 'terminating', 'absent'] as const).flatMap((key) => {
      const value = expectation[key];
      return Array.isArray(value) ? [[key, value.map(swap)]] : [];
    });
    return { ...expectation, ...Object.fromEntries(lists) };
  }
  return expectation;
}

/**
 * The first sign of a move is not the whole consequence: one new occurrence of an expected event
 * is a sign, whatever count the step waits for (the first of three Unhealthy events).
 */
function relaxed(expectation: Expectation): Expectation {
  return 'event' in expectation && expectation.event.count !== undefined ? { ...expectation, event: { ...expectation.event, count: undefined } } : expectation;
}

/** An awaited item, ready to be tried on a pod. */
interface Tried {
  /** The expectation with the target's refs replaced, relaxed. */
  expectation: Expectation;
  /** The target it is about; undefined for an item about something else. */
  target?: LearnerTarget;
  /** What the step calls it (for hints). */
  original: Expectation;
}

/** What the commands' moment fixes: the items to try, their baseline, and what already held. */
export interface TurnWatch {
  items: Tried[];
  bindings: Bindings;
  baseline: Baseline;
  /** `item index@pod` that held when the commands were shown: not a sign when they hold later. */
  heldAtShow: Set<string>;
  /** Pods there were then: only those can have been acted on. */
  podsAtShow: string[];
}

/**
 * The step's awaited items to try. When some are about the learner's pods, only those count: a
 * Deployment losing a ready replica says nothing about which pod the learner broke, or whether it
 * was one of the candidates.
 */
function itemsOf(step: Step, targets: readonly (LearnerTarget | undefined)[]): Tried[] {
  const awaited = [...(step.expect ?? []), ...(step.sequence ?? [])];
  const known = targets.filter((t): t is LearnerTarget => t !== undefined);
  const about = (expectation: Expectation) => known.find((target) => refsOf(expectation).some((ref) => typeof ref === 'string' && target.refs.includes(ref)));
  const targeted = awaited.filter((expectation) => about(expectation) !== undefined);
  return (targeted.length > 0 ? targeted : awaited).map((original) => {
    const target = about(original);
    return { original, target, expectation: relaxed(target ? retarget(original, target.refs) : original) };
  });
}

/** The item on `pod` (its target's refs bound to it), or as it is when it has no target. */
function tryOn(item: Tried, pod: string | undefined, world: World, watch: Pick<TurnWatch, 'bindings' | 'baseline'>) {
  const bindings = pod === undefined ? watch.bindings : new Map([...watch.bindings, [TARGET, pod]]);
  return check(item.expectation, world, bindings, watch.baseline);
}

/** The pods an item is tried on: its target's candidates, then every other pod there was. */
function podsFor(item: Tried, pods: readonly string[]): (string | undefined)[] {
  if (!item.target) return [undefined];
  return [...item.target.candidates, ...pods.filter((pod) => !item.target!.candidates.includes(pod))];
}

const key = (index: number, pod: string | undefined) => `${index}@${pod ?? ''}`;

/** Made when the commands are shown, from the world then. */
export function watchTurn(step: Step, targets: readonly (LearnerTarget | undefined)[], world: World, bindings: Bindings): TurnWatch {
  const items = itemsOf(step, targets);
  const podsAtShow = world.pods().map((pod) => pod.metadata.name);
  const watch = { items, bindings: new Map(bindings), baseline: captureBaseline(world), heldAtShow: new Set<string>(), podsAtShow };
  items.forEach((item, index) => {
    for (const pod of podsFor(item, podsAtShow)) if (tryOn(item, pod, world, watch).holds) watch.heldAtShow.add(key(index, pod));
  });
  return watch;
}

/**
 * Whether a sign can come at all: some item does not hold yet on some candidate. A step whose
 * items all hold already (its commands only look: `cat`, `wget`) has nothing to wait for.
 */
export function awaitsSign(watch: TurnWatch): boolean {
  return watch.items.some((item, index) => (item.target ? item.target.candidates : [undefined]).some((pod) => !watch.heldAtShow.has(key(index, pod))));
}

/** The first sign in `world`: on a candidate first, else on another pod (a wrong move), else none. */
export function signOf(watch: TurnWatch, world: World): Sign | undefined {
  let elsewhere: Sign | undefined;
  for (const [index, item] of watch.items.entries()) {
    for (const pod of podsFor(item, watch.podsAtShow)) {
      if (watch.heldAtShow.has(key(index, pod))) continue;
      const result = tryOn(item, pod, world, watch);
      if (!result.holds) continue;
      const candidate = !item.target || item.target.candidates.includes(pod!);
      const sign: Sign = { at: world.now, what: 'event' in item.original ? item.original.event.reason : result.seen, pod: pod ?? result.pod, candidate, target: item.target, expectation: relaxed(item.original) };
      if (candidate) return sign;
      elsewhere ??= sign;
    }
  }
  return elsewhere;
}

/** The bindings a sign on a candidate decides: the target's aliases, to the pod it appeared on. */
export function bindingsOfSign(sign: Sign): LearnerBinding[] {
  if (!sign.candidate || !sign.target || sign.pod === undefined) return [];
  return sign.target.binds.map((alias) => ({ alias, pod: sign.pod!, provisional: false }));
}

/**
 * Without a sign: each alias goes to the pod its command named. That is provisional (a later sign
 * may move it) only where the learner had a choice.
 */
export function provisionalBindings(targets: readonly (LearnerTarget | undefined)[]): LearnerBinding[] {
  return targets.flatMap((target) => {
    const pod = target?.candidates[0];
    if (!target || pod === undefined) return [];
    const provisional = target.selector !== undefined && target.candidates.length > 1;
    return target.binds.map((alias) => ({ alias, pod, provisional }));
  });
}

/**
 * Nothing the step awaits has changed: what the first item about the learner's pod (else the
 * first item) shows on each candidate now, and the move that should change it.
 */
export function unchangedHint(watch: TurnWatch, world: World, commands: readonly LearnerCommand[], actions: readonly Action[]): UnchangedHint | undefined {
  const item = watch.items.find((i) => i.target) ?? watch.items[0];
  const command = commands[0];
  if (!item || !command) return undefined;
  const original = { ...item, expectation: item.target ? retarget(item.original, item.target.refs) : item.original };
  const pods = item.target ? item.target.candidates : [undefined];
  const seen = pods.map((pod) => {
    const result = tryOn(original, pod, world, watch);
    const on = pod ?? result.pod;
    return { ...(on === undefined ? {} : { pod: on }), seen: result.seen };
  });
  return { kind: 'unchanged', seen, selector: item.target?.selector, action: actionWords(actions), command: commandLine(command.argv) };
}

/** A sign on a pod the step does not act on. */
export function elsewhereHint(sign: Sign, commands: readonly LearnerCommand[], actions: readonly Action[]): ElsewhereHint | undefined {
  if (sign.candidate || sign.pod === undefined || !sign.target || !commands[0]) return undefined;
  const { candidates, selector } = sign.target;
  return { kind: 'elsewhere', what: sign.what, pod: sign.pod, candidates, selector, action: actionWords(actions), command: commandLine(commands[0].argv) };
}

/** The learner's first move in a few words: `rm /tmp/healthy`, `kill -s SIGUSR1 1`, `delete pod`. */
function actionWords(actions: readonly Action[]): string {
  const action = actions.find((a) => !('sleep' in a));
  if (!action) return '';
  if ('exec' in action) return action.exec.command.join(' ');
  if ('signal' in action) return `kill -s ${action.signal.signal} 1`;
  return Object.keys(action)[0]!;
}
