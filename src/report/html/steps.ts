// Each lab step as the picture shows it: when it started (its actions done: deadlines count from
// there, see StepEvaluator.arm), its deadline, its verdict, and beside the observed times the
// windows the probe-timing oracle predicted for what the step waits for: the judge's, predicted
// for the pod as it was when the step's actions were done, where the run has them, else
// predicted here from the lab's manifests.

import type { LoadedLab } from '../../lab/load.js';
import type { Expectation, Step } from '../../lab/schema.js';
import type { ItemStatus, StepVerdict } from '../../expect/step.js';
import { consequenceFor, templates, type Template } from '../../expect/auto-within.js';
import { OracleError, predict } from '../../probes/oracle.js';
import { windowRelation, type WindowRelation } from '../windows.js';
import type { Fault, PodGroup } from './lanes.js';
import { formatOffset } from './scale.js';

export type BandState = StepVerdict['state'] | 'not run';

export interface PredictedWindow {
  step: number;
  /** Epoch ms. */
  from: number;
  to: number;
  /** The consequence the oracle was asked about, e.g. `not-ready-after-fault`. */
  consequence: string;
  /** What the window counts from: `step start`, `container start`, or the earlier action, e.g. `delete at +4.3s`. */
  reference: string;
  explanation: string;
  /** The expectation it stands for. */
  label: string;
  /** The pod whose lane it is drawn on; undefined: on the step's own row. */
  pod?: string;
  /** When the expectation was met (the observed time), if it was. */
  observedAt?: number;
  /** Where the observed time fell in the window. */
  relation?: WindowRelation;
}

export interface StepBand {
  index: number;
  name: string;
  state: BandState;
  startedAt?: number;
  deadline?: number;
  at?: number;
  cause?: string;
  reason?: string;
  evidence: string[];
  items: ItemStatus[];
  windows: PredictedWindow[];
}

export interface StepContext {
  groups: readonly PodGroup[];
  faults: readonly Fault[];
  originMs: number;
}

export function stepBands(stepNames: readonly string[], verdicts: readonly (StepVerdict | undefined)[], context: StepContext, loaded?: LoadedLab): StepBand[] {
  const all = loaded ? templates(loaded) : [];
  return stepNames.map((name, index): StepBand => {
    const verdict = verdicts[index];
    if (!verdict) return { index, name, state: 'not run', evidence: [], items: [], windows: [] };
    const step = loaded?.lab.spec.steps[index];
    return {
      index,
      name,
      state: verdict.state,
      startedAt: verdict.startedAt,
      deadline: Number.isFinite(verdict.deadline) ? verdict.deadline : undefined,
      at: verdict.at,
      cause: verdict.cause,
      reason: verdict.reason,
      evidence: verdict.evidence,
      items: verdict.items,
      windows: step && loaded ? predictedWindows(index, step, loaded.lab.spec.steps, all, verdict, context) : [],
    };
  });
}

function predictedWindows(index: number, step: Step, steps: Step[], all: Template[], verdict: StepVerdict, context: StepContext): PredictedWindow[] {
  const { groups } = context;
  const windows = new Map<string, PredictedWindow>();
  for (const item of verdict.items) {
    if (item.group === 'never') continue;
    const expectation: Expectation | undefined = (item.group === 'expect' ? step.expect : step.sequence)?.[item.index];
    const found = consequenceFor(expectation, step, steps, all);
    const window = item.window ?? (found && staticWindow(found.consequence));
    // The oracle cannot say (e.g. the container has no such probe): nothing to shade.
    if (!window) continue;
    const fromStart = item.window ? item.window.from === 'start' : found!.fromStart;
    const observedAt = item.state === 'met' ? item.at : undefined;
    const base = { step: index, consequence: found?.consequence.kind ?? 'predicted by the judge', explanation: window.explanation, label: item.label, observedAt };
    // "after start" windows count from each container's start, not from the step's.
    const references = fromStart
      ? startsDuringStep(verdict, groups, item.pod, found && all.find((t) => t.spec === found.consequence.spec)).map((s) => ({ ...s, reference: 'container start' }))
      : [{ pod: item.pod, ...faultReference(step, verdict, context) }];
    for (const { pod, at, reference } of references) {
      const relation = observedAt === undefined ? undefined : windowRelation(observedAt - at, window);
      const shaded: PredictedWindow = { ...base, from: at + window.earliestMs, to: at + window.latestMs, reference, relation, pod: groups.some((g) => g.name === pod) ? pod : undefined };
      const key = `${shaded.pod ?? ''}|${shaded.from}|${shaded.to}`;
      const held = windows.get(key);
      if (held) held.label = `${held.label}; ${shaded.label}`;
      else windows.set(key, shaded);
    }
  }
  // An expectation about no pod in particular (endpoints, a Deployment) often waits for the very
  // window already shaded on the pod's lane: say so there rather than shading it twice.
  const shaded = [...windows.values()];
  return shaded.filter((window) => {
    if (window.pod !== undefined) return true;
    const onLane = shaded.find((other) => other.pod !== undefined && other.from === window.from && other.to === window.to);
    if (onLane) onLane.label = `${onLane.label}; ${window.label}`;
    return onLane === undefined;
  });
}

function staticWindow(consequence: Parameters<typeof predict>[0]): ReturnType<typeof predict> | undefined {
  try {
    return predict(consequence);
  } catch (error) {
    if (error instanceof OracleError) return undefined;
    throw error;
  }
}

// A step's deadlines count from its own actions; a step without any waits for the consequence of
// an earlier one (a delete, then "the pod is gone"), which is what the oracle's window counts from.
function faultReference(step: Step, verdict: StepVerdict, context: StepContext): { at: number; reference: string } {
  if ((step.do ?? []).some((action) => !('sleep' in action))) return { at: verdict.startedAt, reference: 'step start' };
  const earlier = context.faults.filter((fault) => fault.at <= verdict.startedAt).at(-1);
  if (!earlier) return { at: verdict.startedAt, reference: 'step start' };
  return { at: earlier.at, reference: `${earlier.action} at +${formatOffset(earlier.at - context.originMs)}` };
}

/**
 * The first container start of each pod (the expectation's pod, else the template's pods) while
 * the step was open: a pod started after the step settled says nothing about it.
 */
function startsDuringStep(verdict: StepVerdict, groups: readonly PodGroup[], pod: string | undefined, template: Template | undefined): { pod: string; at: number }[] {
  const candidates = groups.filter((group) => (pod !== undefined ? group.name === pod : template !== undefined && Object.entries(template.labels).every(([k, v]) => group.labels[k] === v)));
  return candidates.flatMap((group) => {
    const start = group.containers
      .filter((lane) => !lane.init)
      .flatMap((lane) => lane.running.filter((span) => span.from >= verdict.startedAt && span.from <= (verdict.at ?? Number.POSITIVE_INFINITY)).map((span) => span.reportedStart ?? span.from))
      .sort((a, b) => a - b)[0];
    return start === undefined ? [] : [{ pod: group.name, at: start }];
  });
}
