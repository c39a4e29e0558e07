// createCluster(): the one way the rest of probelab gets a Cluster. It loads the kubeconfig, checks
// the context guard, proves the server answers (GET /version within 4 s, so the whole command fails inside 5 s) and returns the port's
// implementation over client-node.

import type { Cluster, ConnectionInfo } from './port.js';
import { ApiClient } from './api-client.js';
import { deleteApplied } from './applied-cleanup.js';
import { applyManifests } from './apply.js';
import { contextGuard, guardRefusal, type GuardDecision } from './context-guard.js';
import { CONNECT_TIMEOUT_MS, fetchServerVersion } from './connect.js';
import { execInPod, signalPod } from './exec.js';
import { homeDirectory, loadKubeconfig, type LoadedKubeconfig } from './kubeconfig.js';
import { createLabNamespace, deleteNamespace, listManagedNamespaces, type NamespaceSummary } from './namespaces.js';
import { deleteObject, getObject, listObjects, listPods, podLogs, scaleObject } from './objects.js';
import { checkPermissions, type PermissionCheck } from './permissions.js';
import { loadProbelabConfig, probelabConfigPath } from './probelab-config.js';
import { ResourceResolver } from './resource-resolver.js';
import { patchPodStatus, setPodCondition } from './status-patch.js';
import { watchNamespace } from './watch-set.js';
import type { WatchTuning } from './watch.js';

export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  /** From --allow-context; merged with the config file's allowContexts. */
  allowContexts?: string[];
  env: NodeJS.ProcessEnv;
  /** Refuse contexts that do not look disposable (default true). Read-only commands pass false. */
  guard?: boolean;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  watchTuning?: WatchTuning;
}

/** Everything known before the first request: what doctor prints even when the server is down. */
export interface ClusterSession {
  api: ApiClient;
  kubeconfig: LoadedKubeconfig;
  configPath: string;
  allowContexts: string[];
  guard: GuardDecision;
}

export async function openSession(options: ClusterOptions): Promise<ClusterSession> {
  const home = homeDirectory(options.env);
  const kubeconfig = loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context, env: options.env, home });
  const configPath = probelabConfigPath(options.env, home);
  const fileConfig = await loadProbelabConfig(configPath);
  const allowContexts = [...new Set([...(options.allowContexts ?? []), ...fileConfig.allowContexts])];
  const guard = contextGuard({ context: kubeconfig.context, server: kubeconfig.server, allowContexts });
  const api = new ApiClient(kubeconfig.kc, kubeconfig.context, kubeconfig.server, options.requestTimeoutMs);
  return { api, kubeconfig, configPath, allowContexts, guard };
}

/** The port plus what doctor and clean need. */
export interface KubeCluster extends Cluster {
  readonly guard: GuardDecision;
  listManagedNamespaces(): Promise<NamespaceSummary[]>;
  checkPermissions(): Promise<PermissionCheck[]>;
}

export function clusterFromSession(session: ClusterSession, connection: ConnectionInfo, watchTuning?: WatchTuning): KubeCluster {
  const { api, guard } = session;
  const resolver = new ResourceResolver(api);
  return {
    connection,
    guard,
    createLabNamespace: (lab) => createLabNamespace(api, lab),
    apply: (namespace, manifests, ownership) => applyManifests(api, resolver, namespace, manifests, ownership),
    watch: (options) => watchNamespace(api, options, watchTuning),
    exec: (namespace, pod, command, options) => execInPod(api, namespace, pod, command, options),
    signal: (namespace, pod, signal, options) => signalPod(api, namespace, pod, signal, options),
    setPodCondition: (namespace, pod, condition) => setPodCondition(api, namespace, pod, condition),
    patchPodStatus: (namespace, pod, patch) => patchPodStatus(api, namespace, pod, patch),
    deleteObject: (namespace, kind, name, gracePeriodSeconds) => deleteObject(api, resolver, namespace, kind, name, gracePeriodSeconds),
    scale: (namespace, kind, name, replicas) => scaleObject(api, resolver, namespace, kind, name, replicas),
    listPods: (namespace, labelSelector) => listPods(api, resolver, namespace, labelSelector),
    getObject: (namespace, kind, name) => getObject(api, resolver, namespace, kind, name),
    listObjects: (namespace, kind) => listObjects(api, resolver, namespace, kind),
    logs: (namespace, pod, container, tailLines) => podLogs(api, namespace, pod, container, tailLines),
    deleteNamespace: (namespace, timeoutMs) => deleteNamespace(api, namespace, timeoutMs),
    deleteApplied: (namespace, objects, labelSelector, timeoutMs) => deleteApplied(api, resolver, namespace, objects, labelSelector, timeoutMs),
    listManagedNamespaces: () => listManagedNamespaces(api),
    checkPermissions: () => checkPermissions(api),
  };
}

export async function createCluster(options: ClusterOptions): Promise<KubeCluster> {
  const session = await openSession(options);
  if ((options.guard ?? true) && !session.guard.allowed) {
    throw guardRefusal(session.kubeconfig.context, session.guard, session.configPath);
  }
  const serverVersion = await fetchServerVersion(session.api, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  const connection: ConnectionInfo = { context: session.kubeconfig.context, server: session.kubeconfig.server, serverVersion };
  return clusterFromSession(session, connection, options.watchTuning);
}
