// What the timeline keeps of a pod: the fields model/kube.ts declares, minus the few nothing
// reading the timeline looks at (volumes, volume mounts, annotations, the resourceVersion: the bulk
// of a pod object and none of its READY, STATUS or probes), with repeated strings interned and
// whatever did not change since the pod's previous version shared with it. A namespace of a
// thousand pods then costs its pods' states, not a thousand API objects and the garbage of every
// update. Each part is compared field by field with the version held, so a part that did not
// change costs a comparison, not a copy.

import type {
  Container,
  ContainerState,
  ContainerStateRunning,
  ContainerStateTerminated,
  ContainerStateWaiting,
  ContainerStatus,
  ObjectMeta,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
} from '../model/kube.js';
import { again, internValues, shared, type StringPool } from './intern.js';
import { sameJson } from './same-json.js';

export type HeldMeta = Omit<ObjectMeta, 'annotations' | 'resourceVersion'>;
export type HeldContainer = Omit<Container, 'volumeMounts'>;
export interface HeldSpec extends Omit<PodSpec, 'volumes' | 'containers' | 'initContainers'> {
  containers: HeldContainer[];
  initContainers?: HeldContainer[];
}

/** A pod as the timeline holds it: a Pod without the fields above, so reading one does not compile. */
export interface HeldPod {
  metadata: HeldMeta;
  spec?: HeldSpec;
  status?: PodStatus;
}

// Every key of T present (possibly undefined): a literal of this type lists every field, so a
// field added to the model is a compile error here until the held pod keeps it.
type Every<T> = { [K in keyof Required<T>]: T[K] | undefined };

/** The held form of `pod`, sharing unchanged parts with `previous` (the same pod's last version). */
export function holdPod(pod: Pod, previous: HeldPod | undefined, pool: StringPool): HeldPod {
  const metadata = previous && sameMeta(previous.metadata, pod.metadata) ? previous.metadata : heldMeta(pod.metadata, previous?.metadata, pool);
  const spec = pod.spec && (previous?.spec && sameSpec(previous.spec, pod.spec) ? previous.spec : heldSpec(pod.spec, pool));
  const status = pod.status && heldStatus(pod.status, previous?.status, pool);
  return previous && metadata === previous.metadata && spec === previous.spec && status === previous.status ? previous : { metadata, spec, status };
}

function heldMeta(meta: ObjectMeta, previous: HeldMeta | undefined, pool: StringPool): HeldMeta {
  const held: Every<HeldMeta> = {
    name: again(previous?.name, meta.name),
    namespace: shared(pool, previous?.namespace, meta.namespace),
    uid: again(previous?.uid, meta.uid),
    generateName: shared(pool, previous?.generateName, meta.generateName),
    creationTimestamp: again(previous?.creationTimestamp, meta.creationTimestamp),
    deletionTimestamp: again(previous?.deletionTimestamp, meta.deletionTimestamp),
    deletionGracePeriodSeconds: meta.deletionGracePeriodSeconds,
    labels: previous && sameJson(previous.labels, meta.labels) ? previous.labels : meta.labels && internValues(meta.labels, pool),
    ownerReferences: previous && sameJson(previous.ownerReferences, meta.ownerReferences) ? previous.ownerReferences : meta.ownerReferences?.map((ref) => internValues(ref, pool)),
  };
  return held as HeldMeta;
}

function sameMeta(held: HeldMeta, meta: ObjectMeta): boolean {
  return (
    held.name === meta.name &&
    held.namespace === meta.namespace &&
    held.uid === meta.uid &&
    held.generateName === meta.generateName &&
    held.creationTimestamp === meta.creationTimestamp &&
    held.deletionTimestamp === meta.deletionTimestamp &&
    held.deletionGracePeriodSeconds === meta.deletionGracePeriodSeconds &&
    sameJson(held.labels, meta.labels) &&
    sameJson(held.ownerReferences, meta.ownerReferences)
  );
}

function heldSpec(spec: PodSpec, pool: StringPool): HeldSpec {
  const held: Every<HeldSpec> = {
    containers: spec.containers.map((c) => heldContainer(c, pool)),
    initContainers: spec.initContainers?.map((c) => heldContainer(c, pool)),
    readinessGates: spec.readinessGates,
    restartPolicy: pool.string(spec.restartPolicy),
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
    nodeName: pool.string(spec.nodeName),
    shareProcessNamespace: spec.shareProcessNamespace,
  };
  return held as HeldSpec;
}

function sameSpec(held: HeldSpec, spec: PodSpec): boolean {
  return (
    held.restartPolicy === spec.restartPolicy &&
    held.terminationGracePeriodSeconds === spec.terminationGracePeriodSeconds &&
    held.nodeName === spec.nodeName &&
    held.shareProcessNamespace === spec.shareProcessNamespace &&
    sameList(held.containers, spec.containers, sameContainer) &&
    sameList(held.initContainers, spec.initContainers, sameContainer) &&
    sameJson(held.readinessGates, spec.readinessGates)
  );
}

// Probes, hooks, ports and resources are kept as delivered: small, and shared by every later
// version of the pod whose spec did not change (sameSpec).
function heldContainer(container: Container, pool: StringPool): HeldContainer {
  const held: Every<HeldContainer> = {
    name: pool.string(container.name),
    image: pool.string(container.image),
    command: container.command,
    args: container.args,
    ports: container.ports,
    livenessProbe: container.livenessProbe,
    readinessProbe: container.readinessProbe,
    startupProbe: container.startupProbe,
    lifecycle: container.lifecycle,
    restartPolicy: pool.string(container.restartPolicy),
    resources: container.resources,
  };
  return held as HeldContainer;
}

function sameContainer(held: HeldContainer, container: Container): boolean {
  return (
    held.name === container.name &&
    held.image === container.image &&
    held.restartPolicy === container.restartPolicy &&
    sameJson(held.command, container.command) &&
    sameJson(held.args, container.args) &&
    sameJson(held.ports, container.ports) &&
    sameJson(held.livenessProbe, container.livenessProbe) &&
    sameJson(held.readinessProbe, container.readinessProbe) &&
    sameJson(held.startupProbe, container.startupProbe) &&
    sameJson(held.lifecycle, container.lifecycle) &&
    sameJson(held.resources, container.resources)
  );
}

function heldStatus(status: PodStatus, previous: PodStatus | undefined, pool: StringPool): PodStatus {
  const conditions = heldList(status.conditions, previous?.conditions, sameCondition, (c, before) => heldCondition(c, before, pool));
  const containerStatuses = heldList(status.containerStatuses, previous?.containerStatuses, sameContainerStatus, (s, before) => heldContainerStatus(s, before, pool));
  const initContainerStatuses = heldList(status.initContainerStatuses, previous?.initContainerStatuses, sameContainerStatus, (s, before) => heldContainerStatus(s, before, pool));
  const podIPs = previous && sameJson(previous.podIPs, status.podIPs) ? previous.podIPs : status.podIPs;
  if (
    previous &&
    previous.phase === status.phase &&
    previous.reason === status.reason &&
    previous.message === status.message &&
    previous.podIP === status.podIP &&
    previous.startTime === status.startTime &&
    previous.conditions === conditions &&
    previous.containerStatuses === containerStatuses &&
    previous.initContainerStatuses === initContainerStatuses &&
    previous.podIPs === podIPs
  ) {
    return previous;
  }
  const held: Every<PodStatus> = {
    phase: shared(pool, previous?.phase, status.phase),
    reason: shared(pool, previous?.reason, status.reason),
    message: again(previous?.message, status.message),
    conditions,
    containerStatuses,
    initContainerStatuses,
    podIP: again(previous?.podIP, status.podIP),
    podIPs,
    startTime: again(previous?.startTime, status.startTime),
  };
  return held as PodStatus;
}

function heldCondition(condition: PodCondition, previous: PodCondition | undefined, pool: StringPool): PodCondition {
  const held: Every<PodCondition> = {
    type: shared(pool, previous?.type, condition.type),
    status: shared(pool, previous?.status, condition.status),
    reason: shared(pool, previous?.reason, condition.reason),
    message: shared(pool, previous?.message, condition.message),
    lastTransitionTime: shared(pool, previous?.lastTransitionTime, condition.lastTransitionTime),
    lastProbeTime: shared(pool, previous?.lastProbeTime, condition.lastProbeTime),
  };
  return held as PodCondition;
}

function sameCondition(held: PodCondition, condition: PodCondition): boolean {
  return (
    held.type === condition.type &&
    held.status === condition.status &&
    held.reason === condition.reason &&
    held.message === condition.message &&
    held.lastTransitionTime === condition.lastTransitionTime &&
    held.lastProbeTime === condition.lastProbeTime
  );
}

function heldContainerStatus(status: ContainerStatus, previous: ContainerStatus | undefined, pool: StringPool): ContainerStatus {
  const held: Every<ContainerStatus> = {
    name: shared(pool, previous?.name, status.name),
    ready: status.ready,
    started: status.started,
    restartCount: status.restartCount,
    state: previous && sameState(previous.state, status.state) ? previous.state : status.state && heldState(status.state, pool),
    lastState: previous && sameState(previous.lastState, status.lastState) ? previous.lastState : status.lastState && heldState(status.lastState, pool),
    image: shared(pool, previous?.image, status.image),
    imageID: shared(pool, previous?.imageID, status.imageID),
    containerID: again(previous?.containerID, status.containerID),
  };
  return held as ContainerStatus;
}

function sameContainerStatus(held: ContainerStatus, status: ContainerStatus): boolean {
  return (
    held.name === status.name &&
    held.ready === status.ready &&
    held.started === status.started &&
    held.restartCount === status.restartCount &&
    held.image === status.image &&
    held.imageID === status.imageID &&
    held.containerID === status.containerID &&
    sameState(held.state, status.state) &&
    sameState(held.lastState, status.lastState)
  );
}

function heldState(state: ContainerState, pool: StringPool): ContainerState {
  const { waiting, running, terminated: t } = state;
  const held: Every<ContainerState> = {
    waiting: waiting && ({ reason: pool.string(waiting.reason), message: waiting.message } satisfies Every<ContainerStateWaiting>),
    running: running && ({ startedAt: running.startedAt } satisfies Every<ContainerStateRunning>),
    terminated: t && ({
      exitCode: t.exitCode,
      signal: t.signal,
      reason: pool.string(t.reason),
      message: t.message,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
      containerID: t.containerID,
    } satisfies Every<ContainerStateTerminated>),
  };
  return held as ContainerState;
}

function sameState(held: ContainerState | undefined, state: ContainerState | undefined): boolean {
  if (held === undefined || state === undefined) return held === state;
  return sameWaiting(held.waiting, state.waiting) && held.running?.startedAt === state.running?.startedAt && (held.running === undefined) === (state.running === undefined) && sameTerminated(held.terminated, state.terminated);
}

function sameWaiting(a: ContainerStateWaiting | undefined, b: ContainerStateWaiting | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.reason === b.reason && a.message === b.message;
}

function sameTerminated(a: ContainerStateTerminated | undefined, b: ContainerStateTerminated | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.exitCode === b.exitCode && a.signal === b.signal && a.reason === b.reason && a.message === b.message && a.startedAt === b.startedAt && a.finishedAt === b.finishedAt && a.containerID === b.containerID;
}

/** The held list: `previous` itself when every element is the same, else each element held or shared. */
function heldList<H, V>(values: V[] | undefined, previous: H[] | undefined, same: (held: H, value: V) => boolean, make: (value: V, before: H | undefined) => H): H[] | undefined {
  if (values === undefined) return undefined;
  let held: H[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const before = previous?.[i];
    const kept = before !== undefined && same(before, values[i]!);
    // Copied only from the first element that changed; until then `previous` serves.
    if (!kept && held === undefined) held = previous?.slice(0, i) ?? [];
    if (held !== undefined) held.push(kept ? before! : make(values[i]!, before));
  }
  if (held !== undefined) return held;
  if (previous === undefined) return [];
  return previous.length === values.length ? previous : previous.slice(0, values.length);
}

function sameList<H, V>(held: H[] | undefined, values: V[] | undefined, same: (held: H, value: V) => boolean): boolean {
  if (held === undefined || values === undefined) return held === values;
  if (held.length !== values.length) return false;
  for (let i = 0; i < held.length; i++) if (!same(held[i]!, values[i]!)) return false;
  return true;
}
