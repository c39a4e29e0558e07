// Timing constants of the kubelet (Kubernetes v1.32) that the oracle's windows are built from.
// Each one names the file and identifier it comes from, so a window's terms can be traced back.

/** pkg/kubelet/kubelet.go `genericPlegRelistPeriod`: the kubelet notices a container start or
 * exit only when its PLEG relists the runtime, once a second; only then does it write the new
 * container state into the pod status. */
export const PLEG_RELIST_MS = 1_000;

/** pkg/kubelet/status/status_manager.go `normalizeStatus`: container start times are cut to whole
 * seconds (RFC 3339) in the kubelet's status cache and in the API, so the real start lies in
 * [startedAt, startedAt + 1 s). The probe worker measures initialDelaySeconds from the cut value. */
export const STARTED_AT_RESOLUTION_MS = 1_000;

/** pkg/kubelet/kubelet.go `backOffPeriod` (10 s) and `MaxContainerBackOff` (300 s): the
 * CrashLoopBackOff per container starts at 10 s and doubles up to 5 min
 * (k8s.io/client-go/util/flowcontrol Backoff.Next). */
export const CRASH_LOOP_BACKOFF_INITIAL_MS = 10_000;
export const CRASH_LOOP_BACKOFF_MAX_MS = 300_000;

/** flowcontrol backoff.go `hasExpired`: an entry idle for more than 2 × MaxContainerBackOff
 * (10 min) is forgotten, so a container that ran that long starts over at 10 s. */
export const CRASH_LOOP_BACKOFF_RESET_MS = 2 * CRASH_LOOP_BACKOFF_MAX_MS;

/** pkg/kubelet/pod_workers.go `completeWork`: a sync that failed (a container in back-off counts)
 * is retried after `backOffPeriod` (10 s) jittered by `workerBackOffPeriodJitterFactor` (0.5),
 * i.e. 10–15 s later. v1.32 does not yet requeue at the back-off's own expiry (that came with
 * kubernetes PR #133066). */
export const POD_WORKER_RETRY_MAX_MS = 15_000;

/** pkg/kubelet/kubelet.go `syncLoop`: due pod work is picked up by a one-second ticker. */
export const SYNC_LOOP_TICK_MS = 1_000;

/** pkg/kubelet/kuberuntime/kuberuntime_container.go `minimumGracePeriodInSeconds`: killContainer
 * always gives the container at least 2 s after the preStop hook before SIGKILL. */
export const MINIMUM_GRACE_PERIOD_MS = 2_000;

/** pkg/kubelet/pod_workers.go podWorkerLoop: before each sync the worker waits for a PLEG cache
 * refresh newer than its last sync ("wait until we see the next refresh from the PLEG via the
 * cache (max 2s)"). A pod that ends waits for it twice more, syncing → terminating → terminated,
 * before SyncTerminatedPod writes the terminal phase (status_manager.go keeps the old phase while
 * the pod worker could still have running containers). */
export const POD_WORKER_CACHE_WAIT_MAX_MS = 2_000;

/** SyncTerminatedPod's own work before TerminatePod writes the phase: sandbox stop, then
 * WaitForUnmount polling every 300 ms. Not a kubelet constant: an allowance for that work on an
 * idle node (the recordings show the phase 2.0 s after the terminated container). */
export const POD_TEARDOWN_ALLOWANCE_MS = 1_000;
