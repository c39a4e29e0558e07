// The state of a namespace built from observations, and the transitions each one causes. Pure:
// no I/O and no clock; every time comes from an observation or from the caller.

import type { ContainerState, ContainerStatus, Deployment, Pod, PodCondition } from '../model/kube.js';
import type {
  DeploymentObservation,
  EndpointSliceObservation,
  EndpointsObservation,
  EventObservation,
  Observation,
  PodObservation,
  WatchObservation,
} from '../model/observation.js';
import { EndpointStore, diffEndpoints } from './endpoints.js';
import type { EndpointSource, ServiceEndpoints } from './endpoints.js';
import { EventStore } from './events.js';
import type { EventView, InvolvedObjectFilter, SpamBudget } from './events.js';
import { holdPod, type HeldPod } from './held-pod.js';
import { Interner, UNSHARED } from './intern.js';
import { OwnerIndex, type OwnedPods } from './owners.js';
import { podColumns } from './pod-columns.js';
import type { PodColumns } from './pod-columns.js';
import type { DeploymentCounts, PodTransition, Termination, Transition } from './transitions.js';
import { VersionTracker, believe } from './versions.js';

/** A pod as the timeline holds it, with its kubectl columns at some `now`. */
export interface PodView {
  name: string;
  uid?: string;
  pod: HeldPod;
  columns: PodColumns;
}

/**
 * The held objects one observation changed, whatever the change: a pod's phase can move without
 * any typed transition, so whoever reads an object must look at it again when it is touched.
 */
export interface Touched {
  /** Pods whose object changed: the versions held before and after (undefined: not held). */
  pods: { name: string; before?: HeldPod; after?: HeldPod }[];
  /** Services whose EndpointSlices or Endpoints changed. */
  services: string[];
  deployments: string[];
  /** Event objects that changed, as now held (undefined: deleted). */
  events: { key: string; view?: EventView }[];
}

/** What one observation did: its typed transitions and everything it touched. */
export interface Update {
  transitions: Transition[];
  touched: Touched;
}

/** When a transition happened, and whether a relist made its observation up. */
interface Stamp {
  at: number;
  synthetic?: true;
}

interface PodRecord {
  pod: HeldPod;
  /** The resourceVersion of the delivery `pod` was made from. */
  version?: string;
  /** READY and STATUS as the pod's last transition showed them (neither depends on the time). */
  shown: Pick<PodColumns, 'ready' | 'status'>;
  /** Every container termination already reported or present when the pod was first seen. */
  terminations: Set<string>;
}

/**
 * Per-namespace state built from a stream of observations (live, recorded or hand-made).
 *
 * Pods are identified by name for lookups and by uid for history: a pod deleted and created
 * again under the same name is reported as podDeleted + podAdded, and its restart counts are
 * never compared with its predecessor's. Updates that are not newer than what is held for the same
 * object (see versions.ts) are dropped without a transition, as is anything about a deleted uid.
 */
export interface TimelineOptions {
  /**
   * Hold pods as compact views (held-pod.ts: the fields the core reads, unchanged parts shared
   * between versions) and share repeated strings between pods and events. Default true; false
   * holds each pod as delivered and shares nothing: the reference the compact views are tested
   * against. (Events are views either way: events.ts.)
   */
  compact?: boolean;
}

export class Timeline {
  readonly #pods = new Map<string, PodRecord>();
  /** Uids of pods deleted or replaced under their name: nothing more about them is believed. */
  readonly #gonePods = new Set<string>();
  readonly #owners = new OwnerIndex();
  readonly #deployments = new Map<string, Deployment>();
  readonly #endpoints = new EndpointStore();
  readonly #events: EventStore;
  readonly #hold: (pod: Pod, previous: HeldPod | undefined) => HeldPod;
  readonly #versions = {
    pods: new VersionTracker(),
    endpointslices: new VersionTracker(),
    endpoints: new VersionTracker(),
    deployments: new VersionTracker(),
  };
  #lastObservationAt: number | undefined;

  constructor({ compact = true }: TimelineOptions = {}) {
    const pool = compact ? new Interner() : UNSHARED;
    this.#events = new EventStore(pool);
    this.#hold = compact ? (pod, previous) => holdPod(pod, previous, pool) : (pod) => pod;
  }

  /**
   * Takes one observation and returns what it changed, in causal order. For a pod update:
   * per container (containerTerminated, restarted, containerStarted, startedChanged), then
   * conditionChanged, readyChanged, statusChanged. Actions and notes come back as `action` /
   * `note` transitions. A repeated or out-of-date delivery returns [].
   */
  apply(observation: Observation): Transition[] {
    return this.update(observation).transitions;
  }

  /** Like apply(), and also says which held objects the observation changed. */
  update(observation: Observation): Update {
    const at = observation.at;
    this.#lastObservationAt = at;
    const touched: Touched = { pods: [], services: [], deployments: [], events: [] };
    if (observation.kind === 'action') return { transitions: [{ kind: 'action', action: observation, at }], touched };
    if (observation.kind === 'note') return { transitions: [{ kind: 'note', text: observation.text, at }], touched };
    const { metadata } = observation.object;
    // Pods and events judge their deliveries themselves, against the version held with the object.
    const own = observation.resource === 'pods' || observation.resource === 'events';
    if (!own && !this.#versions[observation.resource].admit(observation.type, metadata.uid, metadata.name, metadata.resourceVersion)) return { transitions: [], touched };
    return { transitions: this.#applyWatch(observation, observation.synthetic ? { at, synthetic: true } : { at }, touched), touched };
  }

  /** Time of the last observation applied (epoch ms), duplicates included. */
  get lastObservationAt(): number | undefined {
    return this.#lastObservationAt;
  }

  /** All pods held, sorted by name, with columns at `now` (default: the last observation time). */
  pods(now = this.#defaultNow()): PodView[] {
    return [...this.#pods.values()].map((record) => podView(record.pod, now)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The pod objects held, unsorted and without columns: for counting, where columns would be waste. */
  podObjects(): HeldPod[] {
    return [...this.#pods.values()].map((record) => record.pod);
  }

  /** One pod by name, with columns at `now` (default: the last observation time). */
  pod(name: string, now = this.#defaultNow()): PodView | undefined {
    const record = this.#pods.get(name);
    return record && podView(record.pod, now);
  }

  /** The Service's endpoints: from EndpointSlices when any is held, else from core Endpoints. */
  endpoints(service: string): ServiceEndpoints | undefined {
    return this.#endpoints.view(service);
  }

  /** The Service's endpoints from one source only (to compare slices with core Endpoints). */
  endpointsFrom(service: string, source: EndpointSource): ServiceEndpoints | undefined {
    return this.#endpoints.from(service, source);
  }

  /** Services that have an EndpointSlice or an Endpoints object held. */
  services(): string[] {
    return this.#endpoints.services();
  }

  /** Events held (one per event object, repeats folded into count), oldest first. */
  events(filter?: InvolvedObjectFilter): EventView[] {
    return this.#events.list(filter);
  }

  /** Events with this reason, oldest first. */
  eventsWithReason(reason: string): EventView[] {
    return this.#events.withReason(reason);
  }

  /** The pods a Deployment's ReplicaSets own (see owners.ts), counted as they changed. */
  ownedPods(deployment: string): OwnedPods {
    return this.#owners.counts(deployment);
  }

  /** The spam-filter budget the event's source has used for its object (undefined: not filtered). */
  spamBudget(event: EventView): SpamBudget | undefined {
    return this.#events.spamBudget(event);
  }

  /** The last Deployment object seen under this name. */
  deployment(name: string): Deployment | undefined {
    return this.#deployments.get(name);
  }

  #defaultNow(): number {
    return this.#lastObservationAt ?? 0;
  }

  #applyWatch(observation: WatchObservation, base: Stamp, touched: Touched): Transition[] {
    switch (observation.resource) {
      case 'pods':
        return this.#applyPod(observation, base, touched);
      case 'endpointslices':
        return this.#applySlice(observation, base, touched);
      case 'endpoints':
        return this.#applyEndpoints(observation, base, touched);
      case 'events':
        return this.#applyEvent(observation, base, touched);
      case 'deployments':
        return this.#applyDeployment(observation, base, touched);
    }
  }

  #applyPod({ type, object }: PodObservation, base: Stamp, touched: Touched): Transition[] {
    const { name, uid, resourceVersion } = object.metadata;
    let held = this.#pods.get(name);
    const same = held !== undefined && held.pod.metadata.uid === uid;
    // As VersionTracker.admit judges it, against the version held with the pod (pods without a
    // uid, hand-built ones, by name through the tracker).
    const believed = uid === undefined ? this.#versions.pods.admit(type, uid, name, resourceVersion) : believe(type, resourceVersion, uid, same ? held : undefined, this.#gonePods);
    if (!believed) return [];
    const transitions: Transition[] = [];
    const before = held?.pod;
    if (held !== undefined && !same) {
      // A deletion of some other object of that name (one never seen) says nothing about this one.
      if (type === 'DELETED') return [];
      // The name belongs to a new object: the old pod is gone even if its DELETED was missed.
      this.#pods.delete(name);
      if (held.pod.metadata.uid !== undefined) this.#gonePods.add(held.pod.metadata.uid);
      transitions.push(podTransition('podDeleted', held.pod, base));
      held = undefined;
    }
    if (held === undefined) {
      if (type === 'DELETED') return transitions;
      const pod = this.#hold(object, undefined);
      const added = podTransition('podAdded', pod, base);
      this.#pods.set(name, { pod, version: resourceVersion, shown: shown(added.columns), terminations: terminationKeys(pod) });
      this.#touchPod(touched, name, before, pod);
      transitions.push(added);
      return transitions;
    }
    // A DELETED object carries the pod's final status: report what changed on the way out.
    const pod = this.#hold(object, held.pod);
    transitions.push(...diffPod(held, pod, base));
    held.pod = pod;
    held.version = resourceVersion ?? held.version;
    if (type === 'DELETED') {
      this.#pods.delete(name);
      transitions.push(podTransition('podDeleted', pod, base));
    }
    this.#touchPod(touched, name, before, type === 'DELETED' ? undefined : pod);
    return transitions;
  }

  #touchPod(touched: Touched, name: string, before: HeldPod | undefined, after: HeldPod | undefined): void {
    touched.pods.push({ name, before, after });
    this.#owners.move(before, after);
  }

  #applySlice({ type, object }: EndpointSliceObservation, base: Stamp, touched: Touched): Transition[] {
    const service = this.#endpoints.sliceService(object);
    const store = (): void => {
      touched.services.push(...this.#endpoints.applySlice(type, object));
    };
    if (service === undefined) {
      store();
      return [];
    }
    return this.#endpointChanges(service, 'EndpointSlice', store, base);
  }

  #applyEndpoints({ type, object }: EndpointsObservation, base: Stamp, touched: Touched): Transition[] {
    touched.services.push(object.metadata.name);
    return this.#endpointChanges(object.metadata.name, 'Endpoints', () => this.#endpoints.applyEndpoints(type, object), base);
  }

  // Diffs one source of one service around `store`.
  #endpointChanges(service: string, source: EndpointSource, store: () => void, base: Stamp): Transition[] {
    const before = this.#endpoints.from(service, source);
    store();
    const after = this.#endpoints.from(service, source);
    const preferred = this.#endpoints.view(service)?.source === source;
    return diffEndpoints(before, after).map((change) => ({ kind: 'endpointChanged', service, source, preferred, ...change, ...base }));
  }

  #applyEvent({ type, object }: EventObservation, base: Stamp, touched: Touched): Transition[] {
    const delivered = this.#events.deliver(type, object);
    if (delivered === undefined) return [];
    touched.events.push({ key: delivered.key, view: delivered.view });
    const change = delivered.change;
    if (change === undefined) return [];
    const spamLimited = this.#events.limited(change.view);
    return [{ kind: 'eventSeen', event: change.view, isNew: change.isNew, previousCount: change.previousCount, spamLimited, ...base }];
  }

  #applyDeployment({ type, object }: DeploymentObservation, base: Stamp, touched: Touched): Transition[] {
    const name = object.metadata.name;
    touched.deployments.push(name);
    const previous = this.#deployments.get(name);
    const from = previous && deploymentCounts(previous);
    if (type === 'DELETED') {
      this.#deployments.delete(name);
      return previous ? [{ kind: 'deploymentChanged', deployment: name, from, ...base }] : [];
    }
    this.#deployments.set(name, object);
    const to = deploymentCounts(object);
    if (from !== undefined && sameCounts(from, to)) return [];
    return [{ kind: 'deploymentChanged', deployment: name, from, to, ...base }];
  }
}

function podView(pod: HeldPod, now: number): PodView {
  return { name: pod.metadata.name, uid: pod.metadata.uid, pod, columns: podColumns(pod, now) };
}

function podTransition(kind: 'podAdded' | 'podDeleted', pod: HeldPod, base: Stamp): PodTransition {
  return { kind, pod: pod.metadata.name, uid: pod.metadata.uid, columns: podColumns(pod, base.at), ...base };
}

/** Every change between two versions of one pod (same uid); leaves `record` showing `next`. */
function diffPod(record: PodRecord, next: HeldPod, base: Stamp): PodTransition[] {
  const previous = record.pod;
  const before = record.shown;
  const columns = podColumns(next, base.at);
  record.shown = shown(columns);
  const common = { pod: next.metadata.name, uid: next.metadata.uid, columns, ...base };
  const transitions: PodTransition[] = [];

  for (const init of [true, false]) {
    const old = (init ? previous.status?.initContainerStatuses : previous.status?.containerStatuses) ?? [];
    for (const status of (init ? next.status?.initContainerStatuses : next.status?.containerStatuses) ?? []) {
      const prior = old.findLast((s) => s.name === status.name);
      const container = { container: status.name, init, restartCount: status.restartCount ?? 0 };
      const terminated = (seenIn: 'lastState' | 'state', state: ContainerState | undefined): void => {
        if (state?.terminated === undefined) return;
        const key = terminationKey(init, status.name, state.terminated);
        if (record.terminations.has(key)) return;
        record.terminations.add(key);
        transitions.push({ kind: 'containerTerminated', ...common, ...container, termination: termination(state.terminated), seenIn });
      };
      terminated('lastState', status.lastState);
      terminated('state', status.state);
      if (prior !== undefined && (status.restartCount ?? 0) > (prior.restartCount ?? 0)) {
        const lastState = status.lastState?.terminated;
        transitions.push({
          kind: 'restarted',
          ...common,
          container: status.name,
          init,
          from: prior.restartCount ?? 0,
          to: status.restartCount ?? 0,
          ...(lastState ? { lastState: termination(lastState) } : {}),
        });
      }
      if (startedAnew(prior, status)) {
        transitions.push({ kind: 'containerStarted', ...common, ...container, startedAt: status.state?.running?.startedAt });
      }
      if (prior !== undefined && Boolean(prior.started) !== Boolean(status.started)) {
        transitions.push({ kind: 'startedChanged', ...common, container: status.name, init, from: Boolean(prior.started), to: Boolean(status.started) });
      }
    }
  }

  const oldConditions = previous.status?.conditions ?? [];
  const newConditions = next.status?.conditions ?? [];
  // Each type once: those the pod has now, in their order, then those it lost.
  for (const type of conditionTypes(newConditions, oldConditions)) {
    const from = firstOfType(oldConditions, type);
    const to = firstOfType(newConditions, type);
    if (from?.status === to?.status) continue;
    transitions.push({
      kind: 'conditionChanged',
      ...common,
      type,
      from: from?.status,
      to: to?.status,
      reason: to?.reason,
      message: to?.message,
      readinessGate: next.spec?.readinessGates?.some((gate) => gate.conditionType === type) ?? false,
    });
  }

  const readyFrom = firstOfType(oldConditions, 'Ready')?.status;
  const readyTo = firstOfType(newConditions, 'Ready')?.status;
  if (before.ready !== columns.ready || readyFrom !== readyTo) {
    transitions.push({ kind: 'readyChanged', ...common, from: before.ready, to: columns.ready, readyCondition: { from: readyFrom, to: readyTo } });
  }
  if (before.status !== columns.status) {
    transitions.push({ kind: 'statusChanged', ...common, from: before.status, to: columns.status });
  }
  return transitions;
}

function shown({ ready, status }: PodColumns): PodRecord['shown'] {
  return { ready, status };
}

// A new instance is running: it was not running before, or it is a different container
// (containerID) or start time than the one that was.
function startedAnew(prior: ContainerStatus | undefined, status: ContainerStatus): boolean {
  const running = status.state?.running;
  if (running === undefined) return false;
  const was = prior?.state?.running;
  if (was === undefined) return true;
  return was.startedAt !== running.startedAt || (prior?.containerID ?? '') !== (status.containerID ?? '');
}

function terminationKeys(pod: HeldPod): Set<string> {
  const keys = new Set<string>();
  for (const [init, list] of [
    [true, pod.status?.initContainerStatuses ?? []],
    [false, pod.status?.containerStatuses ?? []],
  ] as const) {
    for (const status of list) {
      for (const state of [status.lastState, status.state] as (ContainerState | undefined)[]) {
        if (state?.terminated) keys.add(terminationKey(init, status.name, state.terminated));
      }
    }
  }
  return keys;
}

// One key per container instance, the same whether it is read from state or (later) lastState.
function terminationKey(init: boolean, name: string, t: NonNullable<ContainerState['terminated']>): string {
  const instance = t.containerID ?? `${t.startedAt ?? ''}|${t.finishedAt ?? ''}|${t.exitCode}`;
  return `${init ? 'init' : 'main'}/${name}/${instance}`;
}

function termination(t: NonNullable<ContainerState['terminated']>): Termination {
  const { exitCode, signal, reason, message, startedAt, finishedAt } = t;
  return { exitCode, signal, reason, message, startedAt, finishedAt };
}

// The first condition of a type counts, as kubectl reads them.
function firstOfType(conditions: PodCondition[], type: string): PodCondition | undefined {
  return conditions.find((condition) => condition.type === type);
}

function conditionTypes(current: PodCondition[], earlier: PodCondition[]): string[] {
  const types: string[] = [];
  for (const { type } of [...current, ...earlier]) if (!types.includes(type)) types.push(type);
  return types;
}

function deploymentCounts(deployment: Deployment): DeploymentCounts {
  const status = deployment.status ?? {};
  return {
    replicas: status.replicas ?? 0,
    readyReplicas: status.readyReplicas ?? 0,
    availableReplicas: status.availableReplicas ?? 0,
    updatedReplicas: status.updatedReplicas ?? 0,
    unavailableReplicas: status.unavailableReplicas ?? 0,
  };
}

function sameCounts(a: DeploymentCounts, b: DeploymentCounts): boolean {
  return (Object.keys(a) as (keyof DeploymentCounts)[]).every((key) => a[key] === b[key]);
}
