// `within: auto`: which consequence an expectation waits for, asked of the probe-timing oracle.
// The step's actions are the fault (or the repair); the expectation says which consequence; the
// lab's manifests give the pod spec. Where the oracle has nothing to say (a step without a fault
// whose timing depends on the cluster: image pulls, scheduling) a documented fallback applies.

import type { Action, Expectation, PodRef, Step } from '../lab/schema.js';
import type { LoadedLab } from '../lab/load.js';
import type { Container, PodSpec } from '../model/kube.js';
import { podTemplateOf } from '../model/pod-template.js';
import { autoDeadlineMs, OracleError, predict, type Consequence, type FaultKind } from '../probes/oracle.js';
import { afterProbeKill } from '../probes/restart-policy.js';
import { effectiveProbe } from '../probes/defaults.js';
import { sidecarsOf } from '../probes/sidecars.js';
import type { AutoWithin } from './lab-judge.js';
import type { ArmMoment, Prediction } from './step.js';
import type { Bindings } from './world.js';
import { matchesSelector } from '../runner/selector.js';

/** Without a probe-driven prediction: image pull, scheduling and container start on a laptop cluster. */
export const AUTO_FALLBACK_MS = 120_000;
/** Added to predictions that start from a container start (pull and create the container first). */
export const CONTAINER_START_ALLOWANCE_MS = 60_000;

export interface Template {
  name: string;
  kind: string;
  labels: Record<string, string>;
  spec: PodSpec;
}

/** Pod templates of what the lab applies (its manifests and `apply` actions, not an exercise's files). */
export function templates(loaded: LoadedLab): Template[] {
  const exercise = new Set([...(loaded.lab.spec.exercise?.start ?? []), ...(loaded.lab.spec.exercise?.solution ?? [])]);
  const applied = [...loaded.extraManifests].filter(([path]) => !exercise.has(path)).map(([, manifest]) => manifest);
  const all = [...loaded.manifests, ...applied].flatMap((m) => m.objects);
  return all.flatMap((object): Template[] => {
    const template = podTemplateOf(object);
    return template ? [{ name: object.metadata.name, kind: object.kind ?? '', ...template }] : [];
  });
}

function podRefOf(expectation: Expectation | undefined): PodRef | undefined {
  if (!expectation) return undefined;
  if ('pod' in expectation) return expectation.pod;
  if ('event' in expectation) return expectation.event.object;
  if ('endpoints' in expectation) {
    const members = [expectation.ready, expectation.notReady, expectation.terminating, expectation.absent].find(Array.isArray);
    return members?.[0];
  }
  return undefined;
}

/** Which pod template an action or expectation talks about. */
function templateFor(ref: PodRef | undefined, steps: Step[], all: Template[], deployment?: string): Template | undefined {
  if (deployment) return all.find((t) => t.name === deployment);
  if (typeof ref === 'object') return all.find((t) => matchesSelector(ref.selector, t.labels));
  if (typeof ref === 'string' && !ref.startsWith('$')) return all.find((t) => t.kind === 'Pod' && t.name === ref);
  if (typeof ref === 'string') {
    // An alias: the template of the (last) action that picked it.
    const picker = steps
      .flatMap((s) => s.do ?? [])
      .map(actionPod)
      .filter((p): p is { pod: PodRef; as?: string } => p !== undefined)
      .filter((p) => (ref === '$picked' ? typeof p.pod === 'object' : p.as === ref.slice(1)))
      .at(-1);
    return picker ? templateFor(picker.pod, [], all) : undefined;
  }
  return all.length === 1 ? all[0] : undefined;
}

/** The pod an action acts on, and the alias it remembers it as (`as:`); undefined for one that acts on no pod. */
export function actionPod(action: Action): { pod: PodRef; as?: string } | undefined {
  if ('exec' in action) return action.exec;
  if ('signal' in action) return action.signal;
  if ('patchStatus' in action) return { pod: action.patchStatus.pod };
  if ('delete' in action && 'pod' in action.delete) return action.delete;
  return undefined;
}

function faultOf(step: Step): FaultKind {
  const signal = (step.do ?? []).find((a): a is Extract<Action, { signal: unknown }> => 'signal' in a);
  if (signal?.signal.signal === 'SIGSTOP') return 'freezes';
  // A signal that makes the app stop answering (the SIGUSR1 lab) leaves the probe waiting for its timeout.
  if (signal) return 'hangs';
  return 'fails';
}

function containerWith(spec: PodSpec, probe: 'livenessProbe' | 'readinessProbe' | 'startupProbe', name?: string): Container | undefined {
  return [...sidecarsOf(spec), ...spec.containers].find((c) => (name === undefined || c.name === name) && c[probe] !== undefined);
}

/** The pod an expectation is about, else the pod the step's actions acted on, once bound. */
function targetPod(expectation: Expectation, step: Step, bindings: Bindings): string | undefined {
  const resolve = (ref: PodRef, as?: string) => (typeof ref === 'string' ? (ref.startsWith('$') ? bindings.get(ref) : ref) : bindings.get(as ? `$${as}` : '$picked'));
  const ref = podRefOf(expectation);
  const named = ref === undefined || typeof ref === 'object' ? undefined : resolve(ref);
  if (named !== undefined) return named;
  for (const action of [...(step.do ?? [])].reverse()) {
    const target = actionPod(action);
    const name = target && resolve(target.pod, target.as);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The live pod behind an expectation when its actions are done: its spec carries the API's
 * defaults, and its container start says whether a probe's initial delay still holds the fault back.
 */
function live(expectation: Expectation, step: Step, moment: ArmMoment | undefined, template: Template): { spec: PodSpec; sinceStartMs: (container: string) => number | undefined } {
  const name = moment && targetPod(expectation, step, moment.bindings);
  const pod = name === undefined ? undefined : moment!.world.pod(name);
  const known = new Set([...(template.spec.initContainers ?? []), ...template.spec.containers].map((c) => c.name));
  const spec = pod?.spec && [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => known.has(c.name)) ? pod.spec : template.spec;
  return {
    spec,
    sinceStartMs: (container) => {
      if (!pod || !moment) return undefined;
      const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === container);
      const startedAt = status?.state?.running?.startedAt;
      // Not running yet (or again): its initial delay counts from a start still to come, at the earliest now.
      return startedAt === undefined ? 0 : Math.max(0, moment.at - Date.parse(startedAt));
    },
  };
}

/** How many Unhealthy occurrences an event expectation waits for; undefined for anything else. */
function unhealthyCount(expectation: Expectation): number | undefined {
  if (!('event' in expectation) || expectation.event.reason !== 'Unhealthy') return undefined;
  const count = expectation.event.count;
  return count === undefined ? 1 : typeof count === 'number' ? count : count.atLeast;
}

/** Which probe an Unhealthy event's message names, when it names one. */
function probeNamed(expectation: Expectation): 'liveness' | 'readiness' | 'startup' | undefined {
  if (!('event' in expectation) || expectation.event.reason !== 'Unhealthy') return undefined;
  const message = expectation.event.message ?? '';
  return /liveness/i.test(message) ? 'liveness' : /readiness/i.test(message) ? 'readiness' : /startup/i.test(message) ? 'startup' : undefined;
}

/**
 * The consequence an expectation waits for, given the step that precedes it. With `moment` (the
 * step's actions are done) it is predicted for the live pod: its spec and how long the target
 * container had been running; without it, from the lab's manifests alone (listings, estimates).
 */
export function consequenceFor(
  expectation: Expectation | undefined,
  step: Step,
  steps: Step[],
  all: Template[],
  moment?: ArmMoment,
): { consequence: Consequence; fromStart: boolean } | undefined {
  if (!expectation) return undefined;
  const template = templateFor(podRefOf(expectation), steps, all, 'deployment' in expectation ? expectation.deployment : undefined);
  if (!template) return undefined;
  const { spec, sinceStartMs } = live(expectation, step, moment, template);
  const hasFault = (step.do ?? []).some((a) => !('sleep' in a) && !('apply' in a) && !('scale' in a));
  const fault = faultOf(step);
  const name = 'pod' in expectation ? expectation.container : undefined;
  const deleting = (step.do ?? []).some((a) => 'delete' in a);
  const since = (container: Container) => {
    const ms = sinceStartMs(container.name);
    return ms === undefined ? {} : { sinceStartMs: ms };
  };

  if ('pod' in expectation && expectation.gone) return { consequence: { kind: 'terminating-after-delete', spec }, fromStart: false };
  const named = probeNamed(expectation);
  const liveness = named === undefined || named === 'liveness' ? containerWith(spec, 'livenessProbe', name) : undefined;
  const readiness = named === undefined || named === 'readiness' ? containerWith(spec, 'readinessProbe', name) : undefined;
  const startup = named === undefined || named === 'startup' ? containerWith(spec, 'startupProbe', name) : undefined;

  // An Unhealthy event comes with each failed probe: its N-th occurrence with the N-th failure
  // (a liveness probe's run ends at its threshold, with the kill).
  const failures = unhealthyCount(expectation);
  const failing = readiness ?? liveness;
  if (failures !== undefined && failing && hasFault && !deleting && (failing !== liveness || failures <= effectiveProbe(liveness.livenessProbe!).failureThreshold)) {
    const probe = failing === readiness ? 'readiness' : 'liveness';
    return { consequence: { kind: 'probe-failures-after-fault', probe, failures, spec, container: failing.name, fault, ...since(failing) }, fromStart: false };
  }
  if (liveness && hasFault && !deleting) {
    const ref = { spec, container: liveness.name, fault, ...since(liveness) };
    const after = afterProbeKill(spec, liveness).after;
    if ('event' in expectation && expectation.event.reason === 'Killing') return { consequence: { kind: 'liveness-kill-after-fault', ...ref }, fromStart: false };
    const wantsRestart =
      ('pod' in expectation && (expectation.restarts !== undefined || expectation.lastState !== undefined)) || ('event' in expectation && expectation.event.reason === 'BackOff');
    // Without a restart to come, the step can tell once the container has ended.
    if (wantsRestart) return { consequence: after === 'restarts' ? { kind: 'restart-after-liveness-fault', ...ref } : { kind: 'ended-after-liveness-fault', ...ref }, fromStart: false };
    const wantsEnd = 'pod' in expectation && (expectation.terminated !== undefined || expectation.phase === 'Failed' || expectation.phase === 'Succeeded' || /^(Error|Completed)$/.test(expectation.status ?? ''));
    if (wantsEnd && after !== 'restarts') {
      const phase = 'pod' in expectation && expectation.phase !== undefined;
      return { consequence: { kind: phase && after === 'pod-ends' ? 'pod-ended-after-liveness-fault' : 'ended-after-liveness-fault', ...ref }, fromStart: false };
    }
  }
  const wantsRestart = ('pod' in expectation && (expectation.restarts !== undefined || expectation.lastState !== undefined)) || ('event' in expectation && /Killing|BackOff/.test(expectation.event.reason));
  if (wantsRestart && startup && !hasFault && afterProbeKill(spec, startup, 'startup').after === 'restarts') {
    return { consequence: { kind: 'restart-after-startup-kill', spec, container: startup.name }, fromStart: true };
  }
  if ('pod' in expectation && expectation.started === true && startup && hasFault) {
    return { consequence: { kind: 'started-after-repair', spec, container: startup.name, ...since(startup) }, fromStart: false };
  }
  const deploymentShort = 'deployment' in expectation && (expectation.unavailable ?? 0) > 0;
  const wantsReady =
    ('pod' in expectation && expectation.ready !== undefined && isFull(expectation.ready)) ||
    ('deployment' in expectation && !deploymentShort) ||
    ('endpoints' in expectation && expectation.ready !== undefined);
  const wantsNotReady =
    deploymentShort ||
    ('pod' in expectation && expectation.ready !== undefined && !isFull(expectation.ready)) ||
    ('endpoints' in expectation && expectation.notReady !== undefined) ||
    ('event' in expectation && expectation.event.reason === 'Unhealthy');
  if (wantsNotReady && readiness && hasFault && !deleting) {
    return { consequence: { kind: 'not-ready-after-fault', spec, container: readiness.name, fault, ...since(readiness) }, fromStart: false };
  }
  if (wantsNotReady && liveness && hasFault && !deleting) {
    return { consequence: { kind: 'liveness-kill-after-fault', spec, container: liveness.name, fault, ...since(liveness) }, fromStart: false };
  }
  if (wantsReady && readiness && hasFault && !deleting) {
    return { consequence: { kind: 'ready-after-repair', spec, container: readiness.name, ...since(readiness) }, fromStart: false };
  }
  // Without a fault only first readiness is probe-driven; anything else waits on the app's own
  // clock (a file removed after 30 s, a timer), and init containers take as long as their commands.
  if (wantsReady && !hasFault && !spec.initContainers?.length) return { consequence: { kind: 'ready-after-start', spec }, fromStart: true };
  return undefined;
}

function isFull(ratio: string): boolean {
  const [ready, total] = ratio.split('/');
  return ready === total;
}

export function autoWithinFor(loaded: LoadedLab): (...args: Parameters<AutoWithin>) => Prediction {
  const all = templates(loaded);
  const steps = loaded.lab.spec.steps;
  return (expectation, step, _index, moment): Prediction => {
    const found = consequenceFor(expectation, step, steps, all, moment);
    if (!found) return { withinMs: AUTO_FALLBACK_MS };
    try {
      const { earliestMs, latestMs, explanation } = predict(found.consequence);
      return {
        withinMs: autoDeadlineMs(found.consequence) + (found.fromStart ? CONTAINER_START_ALLOWANCE_MS : 0),
        window: { earliestMs, latestMs, explanation, from: found.fromStart ? 'start' : 'actions' },
      };
    } catch (error) {
      if (error instanceof OracleError) return { withinMs: AUTO_FALLBACK_MS };
      throw error;
    }
  };
}
