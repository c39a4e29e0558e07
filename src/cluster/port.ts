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

export interface AppliedObject { kind: string; name: string; namespace?: string }

export type WatchHealth =
  | { state: 'connecting'; resource: string }
  | {
      state: 'connected';
      resource: string;
      since: number;
      /** Back after an outage that needed a relist (410 Gone): how many changes the relist found. */
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
  /** Server-side apply (fieldManager probelab) of multi-document YAML, in dependency order. */
  apply(namespace: string, manifests: string): Promise<AppliedObject[]>;
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
}
