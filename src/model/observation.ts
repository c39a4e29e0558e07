// What the core consumes: everything the cluster layer saw or did, stamped with the time it was
// received (milliseconds since the epoch). The same values come from a live watch, from a
// recording on disk, or from a test that builds them by hand.

import type { Deployment, EndpointSlice, Endpoints, KubeEvent, Pod } from './kube.js';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface WatchBase<R extends string, O> {
  kind: 'watch';
  at: number;
  resource: R;
  type: WatchType;
  object: O;
  /** Set when the watch layer made this up from a relist diff (after a 410 Gone or a reconnect). */
  synthetic?: boolean;
}

export type PodObservation = WatchBase<'pods', Pod>;
export type EndpointSliceObservation = WatchBase<'endpointslices', EndpointSlice>;
export type EndpointsObservation = WatchBase<'endpoints', Endpoints>;
export type EventObservation = WatchBase<'events', KubeEvent>;
export type DeploymentObservation = WatchBase<'deployments', Deployment>;

export type WatchObservation =
  | PodObservation
  | EndpointSliceObservation
  | EndpointsObservation
  | EventObservation
  | DeploymentObservation;

export type WatchedResource = WatchObservation['resource'];

/** Something probelab did to the cluster, written right after the API call returned. */
export interface ActionObservation {
  kind: 'action';
  at: number;
  action: 'apply' | 'exec' | 'signal' | 'patchStatus' | 'delete' | 'scale' | 'sleep';
  pod?: string;
  container?: string;
  command?: string[];
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  patch?: unknown;
  /** Free-form extras (signal name, replicas, object kind/name …). */
  detail?: Record<string, unknown>;
}

export interface NoteObservation { kind: 'note'; at: number; text: string }

export type Observation = WatchObservation | ActionObservation | NoteObservation;
