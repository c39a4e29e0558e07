// The cluster layer's interface: what the runner, verify and watch commands may ask of a cluster.
// src/cluster/ implements it over @kubernetes/client-node; tests of the runner use a double of
// this interface (never of the HTTP API).

import type { KubeObject, Pod } from '../model/kube.js';
import type { Observation } from '../model/observation.js';

export interface ConnectionInfo {
  context: string;
  /** API server URL; never carries credentials. */
  server: string;
  serverVersion?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  container?: string;
  timeoutMs?: number;
}

export interface PodConditionPatch {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

export interface AppliedObject {
  kind: string;
  name: string;
  namespace?: string;
  apiVersion?: string;
  /** The server's uid: deleting it later deletes this object and no other of the same name. */
  uid?: string;
}

/** How a run in a namespace probelab did not create applies (`run -n`). */
export interface ApplyOwnership {
  /** Put on every object and on its pod template, so that the pods it makes carry them too. */
  labels: Record<string, string>;
  /** Each object is added as soon as the server accepted it: after a failure half-way, this says what to undo. */
  applied: AppliedObject[];
}

/** What cleanup did in a namespace probelab did not create: it deleted what the run applied, never the namespace. */
export interface AppliedCleanup {
  namespace: string;
  /** Kind/name of each object deleted. */
  deleted: string[];
  /** Kind/name and the server's message, for each object that could not be deleted. */
  failed: string[];
  /** The run's pods were gone before the wait ran out. */
  podsGone: boolean;
  waitedMs: number;
  /** The kubectl command that deletes, by the run's label, whatever is left. */
  deleteWith: string;
}

export type WatchHealth =
  | { state: 'connecting'; resource: string }
  | {
      state: 'connected';
      resource: string;
      since: number;
      /** Caught up after an outage by a relist (410 Gone): how many changes it found (told right after this report). */
      relist?: { missed: number };
    }
  | {
      state: 'reconnecting';
      resource: string;
      /** When the outage began (kept across attempts). */
      since: number;
      attempt: number;
      /** The cause, in a few words: "connection refused (ECONNREFUSED)", "410 Gone (…)". */
      reason: string;
      /** The resourceVersion the watch resumes from; absent when it must relist instead. */
      resourceVersion?: string;
    };

export interface WatchHandle {
  /** Stops every watch; resolves when they are closed. */
  stop(): Promise<void>;
}

export interface WatchOptions {
  namespace: string;
  labelSelector?: string;
  onObservation(observation: Observation): void;
  onHealth?(health: WatchHealth): void;
}

export interface NamespaceCleanup {
  namespace: string;
  gone: boolean;
  waitedMs: number;
}

export interface Cluster {
  readonly connection: ConnectionInfo;
  /** Creates `probelab-<lab>-<suffix>` with the managed-by and lab labels. */
  createLabNamespace(lab: string): Promise<string>;
  /**
   * Server-side apply (fieldManager probelab) of multi-document YAML, in dependency order. With
   * `ownership` (a namespace the user named), objects are labelled, and one that exists without
   * probelab's label is left alone: the apply fails instead.
   */
  apply(namespace: string, manifests: string, ownership?: ApplyOwnership): Promise<AppliedObject[]>;
  /** Lists then watches pods, EndpointSlices (or Endpoints) and Events; resolves once the initial lists were emitted. */
  watch(options: WatchOptions): Promise<WatchHandle>;
  exec(namespace: string, pod: string, command: string[], options?: ExecOptions): Promise<ExecResult>;
  signal(namespace: string, pod: string, signal: string, options?: ExecOptions): Promise<ExecResult>;
  /** Sets one pod condition through the status subresource, keyed by type (idempotent). */
  setPodCondition(namespace: string, pod: string, condition: PodConditionPatch): Promise<void>;
  /** Applies a literal JSON patch to the pod's status subresource (the tutorial's curl). */
  patchPodStatus(namespace: string, pod: string, patch: JsonPatchOperation[]): Promise<void>;
  deleteObject(namespace: string, kind: string, name: string, gracePeriodSeconds?: number): Promise<void>;
  scale(namespace: string, kind: string, name: string, replicas: number): Promise<void>;
  listPods(namespace: string, labelSelector?: string): Promise<Pod[]>;
  getObject(namespace: string, kind: string, name: string): Promise<KubeObject | undefined>;
  listObjects(namespace: string, kind: string): Promise<KubeObject[]>;
  logs(namespace: string, pod: string, container?: string, tailLines?: number): Promise<string>;
  deleteNamespace(namespace: string, timeoutMs: number): Promise<NamespaceCleanup>;
  /** Deletes what a run applied into a namespace it did not create, ends the pods with the run's label at once, and waits for them. */
  deleteApplied(namespace: string, objects: AppliedObject[], labelSelector: string, timeoutMs: number): Promise<AppliedCleanup>;
}
