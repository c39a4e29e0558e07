// The columns of `kubectl get pods` (-o wide adds IP, NODE and READINESS GATES), computed the way
// kubectl's server-side printer does it: printPod in kubernetes/kubernetes
// pkg/printers/internalversion/printers.go. The rules below follow that function step by step,
// including its quirks (container statuses are walked last-to-first, so the first container with a
// waiting/terminated reason wins; an init container's index is its position in the status list).

import type { Container, ContainerStatus, Pod, PodCondition } from '../model/kube.js';
import { parseTime, since } from './duration.js';

export interface PodColumns {
  name: string;
  /** READY: ready containers / containers, restartable init containers (sidecars) included. */
  ready: string;
  readyContainers: number;
  totalContainers: number;
  /** STATUS: `Running`, `Init:1/2`, `CrashLoopBackOff`, `Terminating`, `Completed`, … */
  status: string;
  /** RESTARTS as printed, e.g. `3 (12s ago)`. */
  restarts: string;
  /** The number in RESTARTS: what kubectl adds up (init containers only while initializing). */
  restartCount: number;
  /** AGE, e.g. `2m10s`; `<unknown>` without a creationTimestamp. */
  age: string;
  /** IP (-o wide): the first of status.podIPs, or `<none>`. */
  ip: string;
  /** NODE (-o wide): spec.nodeName or `<none>`. */
  node: string;
  /** READINESS GATES (-o wide): gates whose condition is True / gates, or `<none>`. */
  readinessGates: string;
}

// pkg/util/node: the reason the node lifecycle controller sets on pods of an unreachable node.
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** The row kubectl prints for this pod when the current time is `now` (epoch ms). */
export function podColumns(pod: Pod, now: number): PodColumns {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const initSpecs = spec.initContainers ?? [];
  const conditions = status.conditions ?? [];

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers.length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = status.reason ? status.reason : podPhase;
  for (const condition of conditions) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, Container>();
  for (const container of initSpecs) {
    initByName.set(container.name, container);
    if (isRestartable(container)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    const restartable = isRestartable(initByName.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, container.lastState?.terminated?.finishedAt);
    if (restartable) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, container.lastState?.terminated?.finishedAt);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${index}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i] as ContainerStatus;
      restarts += container.restartCount ?? 0;
      lastRestart = later(lastRestart, container.lastState?.terminated?.finishedAt);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  const restartsText = restarts !== 0 && lastRestart !== undefined ? `${restarts} (${since(lastRestart, now)} ago)` : String(restarts);

  return {
    name: pod.metadata.name,
    ready: `${readyContainers}/${totalContainers}`,
    readyContainers,
    totalContainers,
    status: reason,
    restarts: restartsText,
    restartCount: restarts,
    age: since(pod.metadata.creationTimestamp, now),
    ip: status.podIPs?.[0]?.ip || '<none>',
    node: spec.nodeName || '<none>',
    readinessGates: readinessGates(pod),
  };
}

/** READINESS GATES as -o wide prints it: `1/2`, or `<none>` for a pod without gates. */
export function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const met = gates.filter((gate) => findCondition(conditions, gate.conditionType)?.status === 'True').length;
  return `${met}/${gates.length}`;
}

/** An init container with restartPolicy Always is a sidecar (KEP-753): it counts in READY. */
export function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function findCondition(conditions: PodCondition[], type: string): PodCondition | undefined {
  return conditions.find((condition) => condition.type === type);
}

// kubectl reads the first condition of the type, as isPodInitializedConditionTrue does.
function conditionTrue(conditions: PodCondition[], type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

// metav1.Time.Before on the finishedAt of the last termination; an unset time never wins.
function later(current: number | undefined, timestamp: string | undefined): number | undefined {
  const ms = parseTime(timestamp);
  if (ms === undefined) return current;
  return current === undefined || current < ms ? ms : current;
}
