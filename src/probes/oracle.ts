// The probe-timing oracle: for a consequence of a fault (or of a container start, or of a delete)
// the earliest and latest milliseconds after the reference time at which the kubelet produces it,
// with the explanation built from the terms. Pure: no clock, no I/O. The kubelet rules behind each
// term are cited where the term is made (probe-runs.ts, stop.ts, backoff.ts, kubelet.ts).
//
// Reference times:
// - "after start": the container's state.running.startedAt as the API reports it (whole seconds);
// - "after fault" / "after repair": the moment the probed thing broke or was fixed;
// - "after kill": the kubelet's Killing event;
// - "after delete": the delete call.
// Windows are kubelet-side times; a watcher sees them later by the API and watch latency, which is
// what AUTO_SLACK covers.

import type { Container, PodSpec } from '../model/kube.js';
import { backOffTerm } from './backoff.js';
import { effectiveProbe } from './defaults.js';
import { PLEG_RELIST_MS, POD_TEARDOWN_ALLOWANCE_MS, POD_WORKER_CACHE_WAIT_MAX_MS, STARTED_AT_RESOLUTION_MS } from './kubelet.js';
import type { ProbeKind } from './describe.js';
import { probeRunTerms } from './probe-runs.js';
import { stopTerms, type KillReason, type SigtermBehaviour } from './stop.js';
import { afterProbeKill } from './restart-policy.js';
import { formatSeconds, summarise, term, windowOf, type Term, type Window } from './window.js';
import { sidecarsOf } from './sidecars.js';

/**
 * What the fault does to the probed endpoint: `fails` answers with an error at once (file removed,
 * HTTP 500, connection refused); `hangs` stops answering, so each probe runs until timeoutSeconds;
 * `freezes` is a hang caused by SIGSTOP, which also leaves PID 1 unable to act on SIGTERM.
 */
export type FaultKind = 'fails' | 'hangs' | 'freezes';

interface ContainerRef {
  spec: PodSpec;
  container: string;
}

export type Consequence =
  /** The container (or, without `container`, the whole pod) first becomes ready after it started. */
  | { kind: 'ready-after-start'; spec: PodSpec; container?: string }
  /** The kubelet's N-th failed probe (an Unhealthy event, or its count reaching N) after the fault. */
  | ({ kind: 'probe-failures-after-fault'; probe: ProbeKind; failures: number; fault?: FaultKind } & ContainerRef & SinceStart)
  /** READY 0/1 after the readiness probe's target breaks. */
  | ({ kind: 'not-ready-after-fault'; fault?: FaultKind } & ContainerRef & SinceStart)
  /** READY 1/1 again after the readiness probe's target is repaired. */
  | ({ kind: 'ready-after-repair' } & ContainerRef & SinceStart)
  /** The kubelet kills the container (Killing event) after its liveness target breaks. */
  | ({ kind: 'liveness-kill-after-fault'; fault?: FaultKind } & ContainerRef & SinceStart)
  /** The new container shows in the pod status (RESTARTS +1) after the kill. */
  | ({ kind: 'restart-after-kill' } & ContainerRef & RestartOptions)
  /** Kill and restart together, from the liveness fault. */
  | ({ kind: 'restart-after-liveness-fault' } & ContainerRef & RestartOptions & SinceStart)
  /**
   * restartPolicy Never: the killed container is reported terminated (STATUS Error or Completed)
   * and stays so.
   */
  | ({ kind: 'ended-after-liveness-fault'; fault?: FaultKind; sigterm?: SigtermBehaviour } & ContainerRef & SinceStart)
  /** restartPolicy Never, the pod's only container: the pod's phase turns Failed or Succeeded. */
  | ({ kind: 'pod-ended-after-liveness-fault'; fault?: FaultKind; sigterm?: SigtermBehaviour } & ContainerRef & SinceStart)
  /** containerStatuses[].started turns true after the startup probe's target is fixed. */
  | ({ kind: 'started-after-repair' } & ContainerRef & SinceStart)
  /** The startup probe's budget runs out (failureThreshold × period) and the container is killed. */
  | ({ kind: 'startup-kill' } & ContainerRef)
  /** A startup probe that never passes: the kill after its budget, then the new container. */
  | ({ kind: 'restart-after-startup-kill' } & ContainerRef & RestartOptions)
  /** The pod object disappears after a delete (it shows Terminating until then). */
  | { kind: 'terminating-after-delete'; spec: PodSpec; graceSeconds?: number; sigterm?: SigtermBehaviour };

export interface SinceStart {
  /**
   * Milliseconds from the container's start (the API's state.running.startedAt) to the reference
   * time: a fault inside initialDelaySeconds waits for the delay. Omit when the container has
   * been running longer than its probe's initial delay.
   */
  sinceStartMs?: number;
}

export interface RestartOptions {
  /** The container's restartCount before this kill (0 for the first one). */
  restartCount?: number;
  /** Milliseconds from the previous container's exit to this kill, when known. */
  previousExitBeforeKillMs?: number;
  /** How long the previous container ran, when known. */
  previousRunMs?: number;
  sigterm?: SigtermBehaviour;
  fault?: FaultKind;
  reason?: Exclude<KillReason, 'delete'>;
}

/**
 * Slack added to the latest bound for `within: auto`: the watcher sees a change after the kubelet's
 * status write, the API server and the watch stream (usually tens of milliseconds, seconds on a
 * loaded cluster), and a lab's own steps take time to notice it. 2 s plus 10 % of the window.
 */
export const AUTO_SLACK = { fixedMs: 2_000, fraction: 0.1 } as const;

/** The deadline, in ms after the reference time, that `within: auto` gives this consequence. */
export function autoDeadlineMs(consequence: Consequence): number {
  const latest = predict(consequence).latestMs;
  return Math.ceil(latest * (1 + AUTO_SLACK.fraction) + AUTO_SLACK.fixedMs);
}

export class OracleError extends Error {}

export function predict(consequence: Consequence): Window {
  switch (consequence.kind) {
    case 'ready-after-start':
      return consequence.container === undefined
        ? podReadyAfterStart(consequence.spec)
        : readyAfterStart(containerOf({ spec: consequence.spec, container: consequence.container }));
    case 'probe-failures-after-fault':
      return windowOf(probeRunTerms({ kind: consequence.probe, probe: probeOf(containerOf(consequence), consequence.probe), outcome: 'failure', count: consequence.failures, hangs: hangs(consequence.fault), ...since(consequence) }));
    case 'not-ready-after-fault':
      return windowOf(probeRunTerms({ kind: 'readiness', probe: probeOf(containerOf(consequence), 'readiness'), outcome: 'failure', hangs: hangs(consequence.fault), ...since(consequence) }));
    case 'ready-after-repair':
      return windowOf(probeRunTerms({ kind: 'readiness', probe: probeOf(containerOf(consequence), 'readiness'), outcome: 'success', ...since(consequence) }));
    case 'liveness-kill-after-fault':
      return windowOf(livenessKillTerms(consequence));
    case 'restart-after-kill':
      mustRestart(consequence, 'liveness');
      return windowOf(restartTerms(consequence));
    case 'restart-after-liveness-fault': {
      mustRestart(consequence, 'liveness');
      const kill = windowOf(livenessKillTerms(consequence));
      return windowOf([summarise('killed after', kill), ...restartTerms(consequence)]);
    }
    case 'ended-after-liveness-fault':
    case 'pod-ended-after-liveness-fault':
      return endedAfterLivenessFault(consequence);
    case 'started-after-repair':
      return windowOf(probeRunTerms({ kind: 'startup', probe: probeOf(containerOf(consequence), 'startup'), outcome: 'success', ...since(consequence) }));
    case 'startup-kill':
      return windowOf(startupKillTerms(consequence));
    case 'restart-after-startup-kill':
      mustRestart(consequence, 'startup');
      return windowOf([summarise('killed after', windowOf(startupKillTerms(consequence))), ...restartTerms({ ...consequence, reason: 'startup' })]);
    case 'terminating-after-delete':
      return terminatingAfterDelete(consequence.spec, consequence.graceSeconds, consequence.sigterm);
  }
}

function since(c: SinceStart): SinceStart {
  return c.sinceStartMs === undefined ? {} : { sinceStartMs: c.sinceStartMs };
}

function mustRestart(ref: ContainerRef, probe: 'liveness' | 'startup'): void {
  const outcome = afterProbeKill(ref.spec, containerOf(ref), probe);
  if (outcome.after !== 'restarts') throw new OracleError(`container "${ref.container}" is not restarted after a ${probe} kill: ${outcome.why}`);
}

function startupKillTerms(ref: ContainerRef): Term[] {
  return probeRunTerms({ kind: 'startup', probe: probeOf(containerOf(ref), 'startup'), outcome: 'failure', sinceStartMs: 0 });
}

// restartPolicy Never: after the kill the container stops (the pod's grace period when the whole
// pod is stopped), the next PLEG relist reports it terminated; the phase waits for the pod worker
// to tear the pod down (two more PLEG cache refreshes and the teardown itself).
function endedAfterLivenessFault(c: Extract<Consequence, { kind: 'ended-after-liveness-fault' | 'pod-ended-after-liveness-fault' }>): Window {
  const container = containerOf(c);
  const outcome = afterProbeKill(c.spec, container);
  if (outcome.after === 'restarts') throw new OracleError(`container "${c.container}" does not stay terminated: ${outcome.why}`);
  if (c.kind === 'pod-ended-after-liveness-fault' && outcome.after !== 'pod-ends') throw new OracleError(`the pod does not end when "${c.container}" is killed: ${outcome.why}`);
  const kill = windowOf(livenessKillTerms(c));
  const stop = stopTerms({ spec: c.spec, container, reason: outcome.after === 'pod-ends' ? 'stop' : 'liveness', ...(c.sigterm ? { sigterm: c.sigterm } : {}), frozen: c.fault === 'freezes' });
  const terms = [summarise('killed after', kill), ...stop, term('+≤1s until the kubelet reports it terminated (PLEG relist)', 0, PLEG_RELIST_MS)];
  if (c.kind === 'pod-ended-after-liveness-fault') {
    terms.push(term(`+≤${formatSeconds(2 * POD_WORKER_CACHE_WAIT_MAX_MS + POD_TEARDOWN_ALLOWANCE_MS)} until the pod worker has torn the pod down and writes the phase`, 0, 2 * POD_WORKER_CACHE_WAIT_MAX_MS + POD_TEARDOWN_ALLOWANCE_MS));
  }
  return windowOf(terms);
}

function hangs(fault: FaultKind | undefined): boolean {
  return fault === 'hangs' || fault === 'freezes';
}

function containerOf(ref: ContainerRef): Container {
  const container = [...ref.spec.containers, ...(ref.spec.initContainers ?? [])].find((c) => c.name === ref.container);
  if (!container) throw new OracleError(`no container named "${ref.container}" in the pod spec`);
  return container;
}

function probeOf(container: Container, kind: ProbeKind) {
  const probe = kind === 'liveness' ? container.livenessProbe : kind === 'readiness' ? container.readinessProbe : container.startupProbe;
  if (!probe) throw new OracleError(`container "${container.name}" has no ${kind} probe`);
  return effectiveProbe(probe);
}

// A pod is Ready when every container is, sidecars included: the slowest container decides.
function podReadyAfterStart(spec: PodSpec): Window {
  const windows = [...sidecarsOf(spec), ...spec.containers].map((c) => ({ name: c.name, window: readyAfterStart(c) }));
  const slowest = windows.reduce((a, b) => (b.window.latestMs > a.window.latestMs ? b : a));
  const earliest = Math.max(...windows.map((w) => w.window.earliestMs));
  const notes = windows.length > 1 ? [`container ${slowest.name} is the slowest`] : [];
  if (spec.readinessGates?.length) notes.push('Ready also waits for the readiness gates, set from outside the kubelet');
  return { ...slowest.window, earliestMs: earliest, explanation: [slowest.window.explanation, ...notes].join('; ') };
}

// prober_manager.go UpdatePodStatus: a started container without a readiness probe is ready in the
// first status the kubelet writes after it saw the start; a startup probe holds both started and
// ready back (worker.go skips liveness/readiness until started), and the sync that records the
// startup success runs the readiness probe at once.
function readyAfterStart(container: Container): Window {
  const readiness = container.readinessProbe ? effectiveProbe(container.readinessProbe) : undefined;
  if (!container.startupProbe) {
    if (!readiness) return windowOf([term('no readiness probe: ready in the first status after the start (PLEG relist, startedAt cut to the second)', 0, STARTED_AT_RESOLUTION_MS + PLEG_RELIST_MS)]);
    return windowOf(probeRunTerms({ kind: 'readiness', probe: readiness, outcome: 'success', sinceStartMs: 0 }));
  }
  const started = windowOf(probeRunTerms({ kind: 'startup', probe: effectiveProbe(container.startupProbe), outcome: 'success', sinceStartMs: 0 }));
  if (!readiness) return windowOf([summarise('started (startup probe) after', started)]);
  const delayMs = readiness.initialDelaySeconds * 1000;
  const gate = { earliestMs: Math.max(started.earliestMs, delayMs), latestMs: Math.max(started.latestMs, delayMs) };
  return windowOf([summarise('readiness may run after', { ...started, ...gate }), ...probeRunTerms({ kind: 'readiness', probe: readiness, outcome: 'success' })]);
}

function livenessKillTerms(c: ContainerRef & SinceStart & { fault?: FaultKind }): Term[] {
  const run = { kind: 'liveness' as const, probe: probeOf(containerOf(c), 'liveness'), outcome: 'failure' as const, hangs: hangs(c.fault) };
  return probeRunTerms(c.sinceStartMs === undefined ? run : { ...run, sinceStartMs: c.sinceStartMs });
}

function restartTerms(c: ContainerRef & RestartOptions): Term[] {
  const container = containerOf(c);
  const stop = stopTerms({ spec: c.spec, container, reason: c.reason ?? 'liveness', ...(c.sigterm ? { sigterm: c.sigterm } : {}), frozen: c.fault === 'freezes' });
  const stopWindow = windowOf(stop);
  const backOff = backOffTerm({
    restartCount: c.restartCount ?? 0,
    stop: stopWindow,
    ...(c.previousExitBeforeKillMs !== undefined ? { previousExitBeforeKillMs: c.previousExitBeforeKillMs } : {}),
    ...(c.previousRunMs !== undefined ? { previousRunMs: c.previousRunMs } : {}),
  });
  return [...stop, backOff, term('+≤1s until the kubelet reports the new container (PLEG relist)', 0, PLEG_RELIST_MS)];
}

// killPod stops all containers in parallel with the deletion grace period; the pod object goes
// once the kubelet has reported them stopped.
function terminatingAfterDelete(spec: PodSpec, graceSeconds: number | undefined, sigterm: SigtermBehaviour | undefined): Window {
  const windows = spec.containers.map((container) =>
    windowOf(stopTerms({ spec, container, reason: 'delete', ...(graceSeconds !== undefined ? { deleteGraceSeconds: graceSeconds } : {}), ...(sigterm ? { sigterm } : {}) })),
  );
  const slowest = windows.reduce((a, b) => (b.latestMs > a.latestMs ? b : a));
  const earliest = Math.max(...windows.map((w) => w.earliestMs));
  return windowOf([term(slowest.explanation, earliest, slowest.latestMs), term('+≤1s until the kubelet reports the containers stopped', 0, PLEG_RELIST_MS)]);
}
