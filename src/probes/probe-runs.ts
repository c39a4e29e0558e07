// How long until a probe worker has seen N consecutive results of the same kind. Source:
// kubernetes pkg/kubelet/prober/worker.go (v1.32).
//
// - One worker per container and probe kind ticks every periodSeconds from the moment the kubelet
//   first synced the pod (AddPod), not from the fault: the tick phase is unknown, so the first probe
//   that sees a change comes within one period, and the N-th N−1 periods after that. The worker
//   outlives container restarts, so the phase carries over to the next container.
// - The random initial sleep in run() only happens while the kubelet itself is younger than one
//   period (kubelet restart), so it adds nothing here.
// - doProbe skips probes while int32(seconds since state.running.startedAt) < initialDelaySeconds.
//   startedAt is the second-truncated value (see STARTED_AT_RESOLUTION_MS), so the delay counts
//   from the API's startedAt, and it counts again for every new container.
// - A probe runs synchronously in the worker and is cut off at timeoutSeconds; its result is known
//   only when it returns, so the last probe adds up to timeoutSeconds (exactly that when the fault
//   makes the probe hang), and hanging probes cannot come faster than one per timeout.
// - resultRun counts consecutive equal results; the result flips at failureThreshold failures or
//   successThreshold successes.
// - prober_manager.go UpdatePodStatus: whenever the kubelet syncs the pod and a started container
//   is not ready, it triggers an immediate readiness probe and (worker.go run, since v1.29)
//   restarts the ticker from that probe. Pod syncs come at moments the oracle cannot know (PLEG
//   events, probe results of other workers, periodic resyncs), so a not-ready container can see
//   its successes back to back: the earliest bound of a readiness success window is not
//   (N−1) periods but zero. The latest bound stays N periods, since the ticker never waits longer.

import { PLEG_RELIST_MS, STARTED_AT_RESOLUTION_MS } from './kubelet.js';
import type { EffectiveProbe } from './defaults.js';
import type { ProbeKind } from './describe.js';
import { formatSeconds, term, type Term } from './window.js';

export interface ProbeRun {
  kind: ProbeKind;
  probe: EffectiveProbe;
  outcome: 'failure' | 'success';
  /** The change makes every probe run until timeoutSeconds (a server that stops answering). */
  hangs?: boolean;
  /** How many results in a row to wait for, when not the probe's threshold (e.g. the first failure's event). */
  count?: number;
  /**
   * Milliseconds between the container's start (the API's state.running.startedAt) and the
   * reference time; omit when the container has been running longer than its initial delay.
   */
  sinceStartMs?: number;
}

export function probeRunTerms(run: ProbeRun): Term[] {
  const { probe, outcome } = run;
  const count = run.count ?? (outcome === 'failure' ? probe.failureThreshold : probe.successThreshold);
  const periodMs = probe.periodSeconds * 1000;
  const timeoutMs = probe.timeoutSeconds * 1000;
  const spacingMs = run.hangs ? Math.max(periodMs, timeoutMs) : periodMs;
  const terms: Term[] = [];

  if (run.sinceStartMs !== undefined) terms.push(...eligibilityTerms(probe, run.sinceStartMs));

  const noun = outcome === 'failure' ? (count === 1 ? 'failure' : 'failures') : count === 1 ? 'success' : 'successes';
  terms.push(term(`${count} ${noun} × ${formatSeconds(spacingMs)} period`, (count - 1) * spacingMs, count * spacingMs));
  terms.push(term(`+${formatSeconds(timeoutMs)} timeout`, run.hangs ? timeoutMs : 0, timeoutMs));

  if (run.kind === 'readiness' && outcome === 'success' && count > 1) {
    terms.push(term('sooner when a pod sync runs the readiness probe at once (UpdatePodStatus)', -(count - 1) * spacingMs, 0));
  }
  return terms;
}

// Before the first probe can count: the initial delay (from the truncated startedAt), and the
// kubelet must have seen the container running (next PLEG relist after the real start, which is
// up to one second after the truncated startedAt).
function eligibilityTerms(probe: EffectiveProbe, sinceStartMs: number): Term[] {
  const delayMs = probe.initialDelaySeconds * 1000;
  const visibleMs = STARTED_AT_RESOLUTION_MS + PLEG_RELIST_MS;
  const earliest = Math.max(0, delayMs - sinceStartMs);
  const latest = Math.max(0, delayMs - sinceStartMs, visibleMs - sinceStartMs);
  if (latest === 0) return [];
  const text = earliest > 0 ? `initialDelaySeconds ${formatSeconds(delayMs)}` : 'kubelet sees the container running (PLEG relist, startedAt cut to the second)';
  return [term(text, earliest, latest)];
}
