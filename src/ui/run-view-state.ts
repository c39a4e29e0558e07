// Everything the run view shows, as one immutable value built by a pure reducer from the
// runner's RunEvents (plus clock ticks, so highlights fade and ages advance between events).
// The UI never asks the cluster anything: what is not in an event is not on screen.

import type { AppliedObject, ConnectionInfo, WatchHealth } from '../cluster/port.js';
import type { StepVerdict } from '../expect/step.js';
import type { Lang } from '../i18n/lang.js';
import type { LoadedLab } from '../lab/load.js';
import type { Action, Step } from '../lab/schema.js';
import { textsIn } from '../lab/texts.js';
import type { KubeObject } from '../model/kube.js';
import type { ActionObservation } from '../model/observation.js';
import type { ProbeLine } from '../probes/describe.js';
import type { LabCleanup, LabOutcome, RunEvent } from '../runner/events.js';
import type { HandsOnTurn } from '../runner/hands-on.js';
import type { EventView } from '../timeline/events.js';
import type { Transition } from '../timeline/transitions.js';
import { actionArgv } from '../report/kubectl.js';
import { actionPod } from '../expect/auto-within.js';
import { podSpecsOf, probeLinesOf } from './probe-lines.js';
import { applyEndpointTransitions, withServices, type ServiceView } from './view-endpoints.js';
import { applyPodTransitions, type PodRow } from './view-pods.js';

export type { PodRow, PodCell } from './view-pods.js';
export type { ServiceView, EndpointEntry, EndpointGroups } from './view-endpoints.js';

/** `acting`: the step's actions are running; `skipped`: the run ended before the step. */
export type StepRowState = 'waiting' | 'acting' | 'pending' | 'passed' | 'failed' | 'skipped';

export interface StepRow {
  /** In the reader's language. */
  name: string;
  /** Why the step turns out as it does, in the reader's language (markdown). */
  explain?: string;
  /** The lab's step: its expectations give the items' labels in the reader's language. */
  spec?: Step;
  state: StepRowState;
  /** The latest verdict: its deadline while pending, its reason and evidence once failed. */
  verdict?: StepVerdict;
  /** What probelab did in this step: a line each, and the kubectl command that does the same. */
  actions: readonly StepAction[];
  /** Hands-on mode: what the learner runs in this step, and what probelab noticed of it. */
  handsOn?: HandsOnTurn;
}

export interface StepAction {
  /** What was done, as the runner reported it (described in the reader's language by the view). */
  observation: ActionObservation;
  /** The kubectl command's arguments (src/report/kubectl.ts). */
  argv?: readonly string[];
}

export interface RunFinished {
  outcome: LabOutcome;
  at: number;
  error?: string;
}

/** Clock ticks are not RunEvents: they only move `now`. */
export type RunViewAction = RunEvent | { kind: 'tick'; at: number };

export interface RunViewState {
  /** title, learn and explain in the reader's language. */
  lab: { name: string; title: string; file: string; learn: string; explain?: string };
  connection: ConnectionInfo;
  namespace?: string;
  startedAt?: number;
  /** The latest time seen in an event or tick (epoch ms): what ages and countdowns use. */
  now: number;
  steps: readonly StepRow[];
  /** `$picked` and `$alias` → the pod an action picked or named, as the judge binds them. */
  bindings: ReadonlyMap<string, string>;
  pods: readonly PodRow[];
  services: readonly ServiceView[];
  /** One entry per event object (repeats folded into count, as kubectl describe shows them), oldest first. */
  events: readonly EventView[];
  /** Per watched resource. */
  watch: Readonly<Record<string, WatchHealth>>;
  /** Probe lines from the lab's manifests, until live pods report theirs. */
  manifestProbes: readonly ProbeLine[];
  applied: readonly AppliedObject[];
  cleanup?: LabCleanup;
  finished?: RunFinished;
}

/** Events kept for the events pane; a lab produces far fewer, this only bounds a runaway one. */
const MAX_EVENTS = 500;

export function initialRunViewState(loaded: LoadedLab, connection: ConnectionInfo, lang: Lang): RunViewState {
  const { lab } = loaded;
  const texts = textsIn(loaded.texts, lang);
  const objects = loaded.manifests.flatMap((manifest) => manifest.objects);
  return {
    ...initialViewState({ name: lab.metadata.name, title: texts.title, file: loaded.file, learn: texts.learn, explain: texts.explain }, connection, objects),
    steps: texts.steps.map((step, index) => ({ name: step.name, explain: step.explain, spec: lab.spec.steps[index], state: 'waiting', actions: [] })),
  };
}

/**
 * The view without a lab (`watch`, or a replay no lab judges): no steps. `objects` (manifests,
 * when known) give the Services and probe lines shown before the cluster reports its own.
 */
export function initialViewState(subject: RunViewState['lab'], connection: ConnectionInfo, objects: readonly KubeObject[] = []): RunViewState {
  return {
    lab: subject,
    connection,
    now: 0,
    steps: [],
    bindings: new Map(),
    pods: [],
    services: withServices([], objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)),
    events: [],
    watch: {},
    manifestProbes: probeLinesOf(podSpecsOf(objects)),
    applied: [],
  };
}

export function reduceRunView(previous: RunViewState, event: RunViewAction): RunViewState {
  const state = { ...previous, now: Math.max(previous.now, event.at) };
  switch (event.kind) {
    case 'tick':
      return state;
    case 'started':
      return { ...state, namespace: event.namespace, startedAt: event.at };
    case 'applied':
      return {
        ...state,
        applied: [...state.applied, ...event.objects],
        services: withServices(state.services, event.objects.filter((o) => o.kind === 'Service').map((o) => o.name)),
      };
    case 'observation':
      return {
        ...state,
        pods: applyPodTransitions(state.pods, event.observation, event.transitions),
        services: applyEndpointTransitions(state.services, event.transitions),
        events: applyEventTransitions(state.events, event.transitions),
      };
    case 'watchHealth':
      return { ...state, watch: { ...state.watch, [event.health.resource]: event.health } };
    case 'action':
      return updateStep({ ...state, bindings: bindingsAfter(state.bindings, event.action, event.result) }, event.index, (step) => ({
        ...step,
        state: step.state === 'waiting' ? 'acting' : step.state,
        actions: [...step.actions, { observation: event.result, argv: argvOf(state, event.result) }],
      }));
    case 'handsOn': {
      const bound = event.turn.bound ?? [];
      const bindings = bound.length === 0 ? state.bindings : new Map([...state.bindings, ...bound.map((b) => [b.alias, b.pod] as const)]);
      return updateStep({ ...state, bindings }, event.index, (step) => ({ ...step, state: step.state === 'waiting' ? 'acting' : step.state, handsOn: event.turn }));
    }
    case 'stepStarted':
    case 'verdict':
      return updateStep(state, event.index, (step) => ({ ...step, state: event.verdict.state, verdict: frozen(event.verdict) }));
    case 'cleanup':
      return { ...state, cleanup: event.cleanup };
    case 'finished': {
      const { result } = event;
      const steps = state.steps.map((step, index): StepRow => {
        const verdict = result.verdicts[index];
        if (verdict) return { ...step, state: verdict.state, verdict: frozen(verdict) };
        return step.state === 'passed' || step.state === 'failed' ? step : { ...step, state: 'skipped' };
      });
      return { ...state, steps, finished: { outcome: result.outcome, at: event.at, error: result.error } };
    }
  }
}

/**
 * The judge updates a pending verdict's item statuses in place (StepEvaluator keeps the same
 * ItemStatus objects), so an event's verdict is copied as it was when the event was emitted.
 */
function frozen(verdict: StepVerdict): StepVerdict {
  return { ...verdict, evidence: [...verdict.evidence], items: verdict.items.map((item) => ({ ...item })) };
}

function argvOf(state: RunViewState, action: ActionObservation): string[] | undefined {
  return state.namespace === undefined ? undefined : actionArgv(action, { namespace: state.namespace, labFile: state.lab.file });
}

/** A selector's pick is `$picked`, `as: name` is `$name`: the pod the action acted on. */
function bindingsAfter(bindings: ReadonlyMap<string, string>, action: Action, result: ActionObservation): ReadonlyMap<string, string> {
  const target = actionPod(action);
  if (!target || result.pod === undefined) return bindings;
  const next = new Map(bindings);
  if (typeof target.pod === 'object') next.set('$picked', result.pod);
  if (target.as) next.set(`$${target.as}`, result.pod);
  return next;
}

function updateStep(state: RunViewState, index: number, update: (step: StepRow) => StepRow): RunViewState {
  return { ...state, steps: state.steps.map((step, i) => (i === index ? update(step) : step)) };
}

function applyEventTransitions(events: readonly EventView[], transitions: readonly Transition[]): readonly EventView[] {
  const seen = transitions.flatMap((t) => (t.kind === 'eventSeen' ? [t.event] : []));
  if (seen.length === 0) return events;
  const byKey = new Map(events.map((view) => [view.key, view]));
  for (const view of seen) byKey.set(view.key, view);
  // kubectl describe's order: by last occurrence (SortableEvents), oldest first.
  return [...byKey.values()].sort((a, b) => (a.lastSeen ?? 0) - (b.lastSeen ?? 0)).slice(-MAX_EVENTS);
}

/** The step the view follows: the one acting or pending, if any. */
export function activeStepIndex(state: Pick<RunViewState, 'steps'>): number | undefined {
  const index = state.steps.findIndex((step) => step.state === 'acting' || step.state === 'pending');
  return index === -1 ? undefined : index;
}

/**
 * The step shown in full: the active one, else, until the run is over, the one that just settled
 * (its outcomes and explanation stay until the next step acts).
 */
export function focusStepIndex(state: Pick<RunViewState, 'steps' | 'finished'>): number | undefined {
  const active = activeStepIndex(state);
  if (active !== undefined || state.finished) return active;
  const settled = state.steps.findLastIndex((step) => step.state === 'passed' || step.state === 'failed');
  return settled === -1 ? undefined : settled;
}
