// Whether a killed container restarts at once or waits out a CrashLoopBackOff. Source:
// pkg/kubelet/kuberuntime/kuberuntime_manager.go (v1.32):
// - computePodActions puts a container that failed its liveness (or startup) probe into both
//   ContainersToKill and ContainersToStart, so SyncPod kills it and starts the new one in the same
//   sync, right after the stop;
// - before starting, doBackOff looks for an *exited* container of that name in podStatus, which
//   was read at the start of the sync, before the kill. The container being killed is still
//   running there, so the check is against the previous dead instance: on the first kill there is
//   none (no back-off, no entry), on the second there is one but no back-off entry yet (none
//   waited, Backoff.Next creates the 10 s entry), from the third on it waits when the previous
//   container died less than the current back-off ago. Each start then doubles the back-off
//   (flowcontrol Backoff.Next), up to 300 s. So not every restart waits: a container killed
//   again long enough after its predecessor died restarts at once even deep in a crash loop.
// - while in back-off the sync fails with ErrCrashLoopBackOff; the pod worker retries 10–15 s
//   later (pod_workers.go completeWork) on the next one-second sync-loop tick, so the start comes
//   at the first retry after the back-off expires.
// - an entry not touched for 2 × 300 s (hasExpired) is dropped: a container that ran 10 min starts
//   over at 10 s.

import {
  CRASH_LOOP_BACKOFF_INITIAL_MS,
  CRASH_LOOP_BACKOFF_MAX_MS,
  CRASH_LOOP_BACKOFF_RESET_MS,
  POD_WORKER_RETRY_MAX_MS,
  SYNC_LOOP_TICK_MS,
} from './kubelet.js';
import { formatSeconds, term, type Term } from './window.js';

/**
 * The back-off in force when the kubelet tries to restart a container whose restartCount was
 * `restartCount` before this kill; undefined while doBackOff cannot wait (first two restarts).
 */
export function backOffInForceMs(restartCount: number): number | undefined {
  if (restartCount < 2) return undefined;
  return Math.min(CRASH_LOOP_BACKOFF_INITIAL_MS * 2 ** (restartCount - 2), CRASH_LOOP_BACKOFF_MAX_MS);
}

export interface BackOffInput {
  /** containerStatuses[].restartCount before this kill. */
  restartCount: number;
  /** Milliseconds from the previous container's exit (lastState.terminated.finishedAt) to this kill, when known. */
  previousExitBeforeKillMs?: number;
  /** How long the previous container ran, when known: past 10 min the back-off starts over. */
  previousRunMs?: number;
  /** The stop window that precedes the start attempt, relative to the kill. */
  stop: { earliestMs: number; latestMs: number };
}

/** A term to add after the stop terms: the extra wait, if any, before the new container starts. */
export function backOffTerm(input: BackOffInput): Term {
  const backOff = backOffInForceMs(input.restartCount);
  if (backOff === undefined) {
    return term(input.restartCount === 0 ? 'first restart: no back-off' : 'second restart: back-off entry created, not waited', 0);
  }
  if (input.previousRunMs !== undefined && input.previousRunMs > CRASH_LOOP_BACKOFF_RESET_MS) {
    return term('previous container ran over 10 min: back-off reset, no wait', 0);
  }
  const retryMs = POD_WORKER_RETRY_MAX_MS + SYNC_LOOP_TICK_MS;
  const prev = input.previousExitBeforeKillMs;
  // The back-off expires `backOff − prev` after the kill; with prev unknown it is at most `backOff`.
  const expiry = backOff - (prev ?? 0);
  const { earliestMs: s0, latestMs: s1 } = input.stop;
  const earliest = prev === undefined ? s0 : Math.max(s0, expiry);
  const mayWait = s0 < expiry;
  const latest = mayWait ? Math.max(s1, expiry + retryMs) : s1;
  const text = !mayWait
    ? prev === undefined
      ? `the stop outlasts the ${formatSeconds(backOff)} back-off: restarts at once`
      : `previous container died ${formatSeconds(prev)} before the kill, the ${formatSeconds(backOff)} back-off is over by the start: restarts at once`
    : prev === undefined
      ? `restarts at once, or after a CrashLoopBackOff of up to ${formatSeconds(backOff)} (+≤${formatSeconds(retryMs)} retry) when the previous container died less than ${formatSeconds(backOff)} earlier`
      : `waits out the ${formatSeconds(backOff)} CrashLoopBackOff (+≤${formatSeconds(retryMs)} retry)`;
  // Expressed relative to the stop terms that precede it in the sum.
  return term(text, earliest - s0, latest - s1);
}
