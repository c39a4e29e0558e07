// The typed changes Timeline.apply reports, one observation at a time. Every transition carries
// the receive time of the observation that caused it (`at`, epoch ms) and `synthetic` when that
// observation was made up by the watch layer from a relist.

import type { ContainerStateTerminated } from '../model/kube.js';
import type { ActionObservation } from '../model/observation.js';
import type { EndpointSource, EndpointState } from './endpoints.js';
import type { EventView } from './events.js';
import type { PodColumns } from './pod-columns.js';

interface Base {
  at: number;
  synthetic?: boolean;
}

interface PodBase extends Base {
  pod: string;
  uid?: string;
  /** The pod's kubectl columns right after this observation (computed with now = at). */
  columns: PodColumns;
}

export interface PodAdded extends PodBase {
  kind: 'podAdded';
}

/** The pod object is gone (watch DELETED, or replaced by a new pod of the same name). */
export interface PodDeleted extends PodBase {
  kind: 'podDeleted';
}

/** The READY column and/or the pod's Ready condition changed. */
export interface ReadyChanged extends PodBase {
  kind: 'readyChanged';
  from: string;
  to: string;
  /** status of the Ready condition before / after (undefined while the pod has none). */
  readyCondition: { from?: string; to?: string };
}

/** The STATUS column changed, e.g. `Init:1/2` → `PodInitializing`. */
export interface StatusChanged extends PodBase {
  kind: 'statusChanged';
  from: string;
  to: string;
}

/** What a container's previous instance ended with (lastState.terminated, without its containerID). */
export type Termination = Omit<ContainerStateTerminated, 'containerID'>;

/** A container's restartCount rose (only compared within one pod uid). */
export interface Restarted extends PodBase {
  kind: 'restarted';
  container: string;
  init: boolean;
  from: number;
  to: number;
  /** lastState.terminated after the restart: the exit code 137 / 143 and reason Error. */
  lastState?: Termination;
}

/** A container instance began running (a new state.running, or a new containerID while running). */
export interface ContainerStarted extends PodBase {
  kind: 'containerStarted';
  container: string;
  init: boolean;
  startedAt?: string;
  restartCount: number;
}

/**
 * containerStatuses[].started flipped: true once the startup probe succeeded (right after the
 * start for a container without one); false again when the container stops or restarts.
 */
export interface StartedChanged extends PodBase {
  kind: 'startedChanged';
  container: string;
  init: boolean;
  from: boolean;
  to: boolean;
}

/**
 * A container instance ended. Seen in state.terminated, or only in lastState.terminated when the
 * kubelet restarted it before the API server got a status with the terminated state.
 */
export interface ContainerTerminated extends PodBase {
  kind: 'containerTerminated';
  container: string;
  init: boolean;
  termination: Termination;
  seenIn: 'state' | 'lastState';
  restartCount: number;
}

/** A pod condition appeared, disappeared or changed status (any type, readiness gates included). */
export interface ConditionChanged extends PodBase {
  kind: 'conditionChanged';
  type: string;
  from?: string;
  to?: string;
  reason?: string;
  message?: string;
  /** The type is one of spec.readinessGates. */
  readinessGate: boolean;
}

/** A Service backend moved between ready / notReady / terminating / absent in one source. */
export interface EndpointChanged extends Base {
  kind: 'endpointChanged';
  service: string;
  source: EndpointSource;
  /** Member key: the pod name, or the IP for an address without a targetRef. */
  key: string;
  pod?: string;
  ips: string[];
  from: EndpointState | 'absent';
  to: EndpointState | 'absent';
  /**
   * This source is the one Timeline.endpoints(service) presents (EndpointSlices when the service
   * has any, else core Endpoints). Expectations normally look at preferred changes only.
   */
  preferred: boolean;
}

/** A new event object, or a repeat of one (its count rose). */
export interface EventSeen extends Base {
  kind: 'eventSeen';
  event: EventView;
  isNew: boolean;
  previousCount: number;
  /**
   * The source has made 25+ writes about this object, the default spam-filter burst: further
   * occurrences may no longer raise counts promptly (see SpamBudget.limited in events.ts).
   */
  spamLimited: boolean;
}

export interface DeploymentCounts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  updatedReplicas: number;
  unavailableReplicas: number;
}

/** A Deployment appeared, changed its replica counts, or was deleted (to undefined). */
export interface DeploymentChanged extends Base {
  kind: 'deploymentChanged';
  deployment: string;
  from?: DeploymentCounts;
  to?: DeploymentCounts;
}

/** Something probelab did, passed through in order. */
export interface ActionSeen extends Base {
  kind: 'action';
  action: ActionObservation;
}

export interface NoteSeen extends Base {
  kind: 'note';
  text: string;
}

export type PodTransition =
  | PodAdded
  | PodDeleted
  | ReadyChanged
  | StatusChanged
  | Restarted
  | ContainerStarted
  | StartedChanged
  | ContainerTerminated
  | ConditionChanged;

export type Transition = PodTransition | EndpointChanged | EventSeen | DeploymentChanged | ActionSeen | NoteSeen;

export type TransitionKind = Transition['kind'];
