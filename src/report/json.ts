// The JSON report (apiVersion probelab.dev/report/v1): everything a LabResult says, in plain JSON.
// Conversions from the in-memory values, so that every field survives JSON.parse:
//   - times are ISO 8601 strings (UTC); durations are `…Ms` numbers; Kubernetes' own timestamps
//     (a container's startedAt / finishedAt) stay as the API server wrote them (RFC 3339);
//   - a `never` expectation's deadline (Infinity: it watches until the step ends) is null;
//   - a pod transition's `columns` keeps READY / STATUS / RESTARTS only (the kubectl columns the
//     line log shows); AGE and the -o wide columns are omitted, they change with the clock;
//   - an event transition's `event` is the EventView without the raw Kubernetes object;
//   - the raw observations (whole pod objects) are left out: `probelab run --record` keeps them;
//   - an action in the timeline carries `kubectl`, the command that does the same (src/report/kubectl.ts);
//   - an item the probe-timing oracle predicted carries its `window`: what it counts from and,
//     once met, where that fell in it (src/report/windows.ts).
//   - watch outages are timeline entries of their own (kind watchLost / watchResumed), placed
//     among the transitions by time.
//   - a hands-on step carries `handsOn`: the commands the learner was shown, what started the
//     step's clock (the first sign of the move, with the pod it bound), and the hint in words. The
//     learner's move itself is no action in the timeline: probelab did not make it.
// Steps that never ran appear with result "skipped" and no verdict fields.

import type { ItemStatus, PredictedWindow, StepVerdict } from '../expect/step.js';
import { messagesFor } from '../i18n/messages.js';
import type { ActionObservation } from '../model/observation.js';
import type { LabCleanup, LabOutcome, LabResult } from '../runner/events.js';
import type { ArmedBy, HandsOnTurn, LearnerBinding } from '../runner/hands-on.js';
import type { WatchGap } from '../runner/watch-gaps.js';
import type { EventView } from '../timeline/events.js';
import type { ActionSeen, EventSeen, Transition } from '../timeline/transitions.js';
import type { PodColumns } from '../timeline/pod-columns.js';
import { actionCommand, commandLine, type CommandPlace } from './kubectl.js';
import { hintText } from './turn-text.js';
import { labOutcomes, labTally, type StepResult } from './outcomes.js';
import { actionsBySteps, learnerArms, windowOutcome, windowReference, type LearnerArm, type StepActionRef, type WindowRelation } from './windows.js';

export const REPORT_API_VERSION = 'probelab.dev/report/v1';

export interface JsonReport {
  apiVersion: typeof REPORT_API_VERSION;
  kind: 'Report';
  summary: { labs: number; passed: number; failed: number; steps: Record<StepResult, number> };
  labs: ReportLab[];
}

export interface ReportLab {
  lab: string;
  title: string;
  file: string;
  namespace?: string;
  outcome: LabOutcome;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Why the run stopped outside the steps' own judgement (apply failed, cluster error, interrupt). */
  error?: string;
  steps: ReportStep[];
  timeline: (ReportTransition | ReportWatchGap)[];
  cleanup?: LabCleanup;
  /** The headless log of the lab, when it was kept. */
  log?: string[];
}

export interface ReportStep {
  /** 1-based, as the line log numbers steps. */
  number: number;
  name: string;
  result: StepResult;
  /** Why it failed, errored or was skipped; for a passed step, what qualifies it (a watch outage). */
  message?: string;
  startedAt?: string;
  /** When it passed or failed. */
  finishedAt?: string;
  deadline?: string;
  durationMs?: number;
  cause?: string;
  evidence: string[];
  items: ReportItem[];
  handsOn?: ReportHandsOn;
}

/** A hands-on step: what the learner was asked to run, and what probelab noticed of it. */
export interface ReportHandsOn {
  /** When the commands were shown (the step began). */
  shownAt: string;
  /** Each command as the learner types it; `choice`: the pods a selector let the learner pick from. */
  commands: { kubectl: string; choice?: { selector: string; pods: string[] } }[];
  /** What started the step's clock: the first sign of the move, the end of the wait, or nothing to watch (at once). */
  armedBy?: ArmedBy;
  armedAt?: string;
  firstSignAt?: string;
  /** What the first sign was, in kubectl's words (`Unhealthy`, `READY 1/1`), and where. */
  firstSign?: { what: string; pod?: string };
  /** The pod each alias was bound to; provisional: the one the command named, no sign chose it. */
  picked?: LearnerBinding[];
  /** What probelab told the learner about the move, in English. */
  hint?: string;
}

export interface ReportItem {
  group: ItemStatus['group'];
  index: number;
  label: string;
  state: ItemStatus['state'];
  deadline: string | null;
  at?: string;
  cause?: string;
  seen: string;
  pod?: string;
  window?: ReportWindow;
}

/** The oracle's window for an item (earliest and latest ms after what it counts from). */
export interface ReportWindow extends PredictedWindow {
  /** What it counts from, e.g. "`rm /tmp/healthy`", "the delete in step 2", "the container starts". */
  after: string;
  /** When that was; absent for a container start, which probelab does not time. */
  reference?: string;
  /** Once met: from the reference to the item being met, and where that fell in the window. */
  seenMs?: number;
  relation?: WindowRelation;
}

export type ReportColumns = Pick<PodColumns, 'ready' | 'status' | 'restarts'>;
export type ReportEvent = Omit<EventView, 'event' | 'firstSeen' | 'lastSeen'> & { firstSeen?: string; lastSeen?: string };
export type ReportAction = Omit<ActionObservation, 'at'> & { at: string; kubectl?: string };

type Serialised<T extends Transition> = T extends EventSeen
  ? Omit<T, 'at' | 'event'> & { at: string; event: ReportEvent }
  : T extends ActionSeen
    ? Omit<T, 'at' | 'action'> & { at: string; action: ReportAction }
    : T extends { columns: PodColumns }
      ? Omit<T, 'at' | 'columns'> & { at: string; columns: ReportColumns }
      : Omit<T, 'at'> & { at: string };

/** A timeline transition as the report stores it (see the conversions at the top of this file). */
export type ReportTransition = Serialised<Transition>;

/** A watch cut or resumed, with its time as ISO 8601. */
export type ReportWatchGap = Omit<WatchGap, 'at'> & { at: string };

export function jsonReport(results: LabResult[], logs: Map<string, string[]> = new Map()): JsonReport {
  const labs = results.map((result) => reportLab(result, logs.get(result.lab)));
  const steps: Record<StepResult, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const lab of labs) for (const step of lab.steps) steps[step.result]++;
  return { apiVersion: REPORT_API_VERSION, kind: 'Report', summary: { labs: labs.length, ...labTally(results), steps }, labs };
}

export function renderJson(results: LabResult[], logs?: Map<string, string[]>): string {
  return `${JSON.stringify(jsonReport(results, logs), null, 2)}\n`;
}

function reportLab(result: LabResult, log: string[] | undefined): ReportLab {
  const place = result.namespace === undefined ? undefined : { namespace: result.namespace, labFile: result.file };
  const actions = actionsBySteps(result.observations, result.verdicts.map((verdict) => verdict?.startedAt));
  const turns = learnerArms(result.handsOn);
  const steps = labOutcomes(result).steps.map((step): ReportStep => {
    const verdict = step.verdict;
    const message = step.message ?? (step.result === 'passed' ? verdict?.reason : undefined);
    const turn = result.handsOn?.[step.index];
    const base = { number: step.index + 1, name: step.name, result: step.result, message, ...(turn ? { handsOn: reportHandsOn(turn) } : {}) };
    if (!verdict) return { ...base, evidence: [], items: [] };
    return {
      ...base,
      startedAt: iso(verdict.startedAt),
      finishedAt: verdict.at === undefined ? undefined : iso(verdict.at),
      deadline: iso(verdict.deadline),
      durationMs: step.durationMs,
      cause: verdict.cause,
      evidence: [...verdict.evidence],
      items: verdict.items.map((item) => reportItem(item, step.index, verdict, actions, turns)),
    };
  });
  return {
    lab: result.lab,
    title: result.title,
    file: result.file,
    namespace: result.namespace,
    outcome: result.outcome,
    startedAt: iso(result.startedAt),
    finishedAt: iso(result.finishedAt),
    durationMs: result.finishedAt - result.startedAt,
    error: result.error,
    steps,
    timeline: withWatchGaps(result.transitions.map((t) => reportTransition(t, place)), result.watchGaps ?? []),
    cleanup: result.cleanup && { ...result.cleanup },
    log: log && [...log],
  };
}

function reportHandsOn(turn: HandsOnTurn): ReportHandsOn {
  return {
    shownAt: iso(turn.shownAt),
    commands: turn.commands.map((command) => ({ kubectl: commandLine(command.argv), ...(command.choice ? { choice: command.choice } : {}) })),
    armedBy: turn.armed?.by,
    armedAt: turn.armed && iso(turn.armed.at),
    firstSignAt: turn.firstSign && iso(turn.firstSign.at),
    firstSign: turn.firstSign && { what: turn.firstSign.what, pod: turn.firstSign.pod },
    picked: turn.bound,
    hint: turn.hint && hintText(turn.hint, messagesFor('en').handsOn),
  };
}

function reportItem(item: ItemStatus, index: number, verdict: StepVerdict, actions: readonly StepActionRef[], turns: readonly LearnerArm[]): ReportItem {
  return {
    group: item.group,
    index: item.index,
    label: item.label,
    state: item.state,
    deadline: Number.isFinite(item.deadline) ? iso(item.deadline) : null,
    at: item.at === undefined ? undefined : iso(item.at),
    cause: item.cause,
    seen: item.seen,
    pod: item.pod,
    window: item.window && reportWindow(item, item.window, index, verdict, actions, turns),
  };
}

function reportWindow(item: ItemStatus, window: PredictedWindow, index: number, verdict: StepVerdict, actions: readonly StepActionRef[], turns: readonly LearnerArm[]): ReportWindow {
  const reference = windowReference(window, index, verdict.startedAt, actions, turns);
  const outcome = windowOutcome(item, reference);
  return {
    ...window,
    after: messagesFor('en').window.anchor(reference.anchor),
    reference: reference.at === undefined ? undefined : iso(reference.at),
    seenMs: outcome?.seenMs,
    relation: outcome?.relation,
  };
}

export function reportTransition(t: Transition, place?: CommandPlace): ReportTransition {
  const at = iso(t.at);
  switch (t.kind) {
    case 'eventSeen': {
      const { event: _raw, firstSeen, lastSeen, ...view } = t.event;
      const event: ReportEvent = { ...view, firstSeen: firstSeen === undefined ? undefined : iso(firstSeen), lastSeen: lastSeen === undefined ? undefined : iso(lastSeen) };
      return { ...t, at, event };
    }
    case 'action':
      return { ...t, at, action: { ...t.action, at: iso(t.action.at), kubectl: place && actionCommand(t.action, place) } };
    case 'endpointChanged':
    case 'deploymentChanged':
    case 'note':
      return { ...t, at };
    default: {
      const { columns, ...rest } = t;
      return { ...rest, at, columns: { ready: columns.ready, status: columns.status, restarts: columns.restarts } };
    }
  }
}

/** Each gap goes before the first transition seen after it; the transitions keep their order. */
function withWatchGaps(timeline: ReportTransition[], gaps: readonly WatchGap[]): (ReportTransition | ReportWatchGap)[] {
  const pending = gaps.map((gap): ReportWatchGap => ({ ...gap, at: iso(gap.at) }));
  const merged: (ReportTransition | ReportWatchGap)[] = [];
  for (const entry of timeline) {
    while (pending.length > 0 && pending[0]!.at < entry.at) merged.push(pending.shift()!);
    merged.push(entry);
  }
  return [...merged, ...pending];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
