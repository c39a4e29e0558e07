// A test double of the Cluster port, NOT a Kubernetes API: it serves a whole workshop by handing
// each lab's run to a RecordedCluster (test/runner/recorded-cluster.ts) that plays that lab's real
// recording, routed by lab name (createLabNamespace) and then by namespace. Each lab runs on its
// recording's clock, so labs may also run in parallel.

import type { AppliedObject, Cluster, JsonPatchOperation, PodConditionPatch, WatchOptions } from '../../src/cluster/port.js';
import { EXIT, UserError } from '../../src/exit-codes.js';
import type { Recording } from '../../src/recording/format.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';

export class RecordedCatalogue implements Cluster {
  readonly connection = { context: 'kind-class', server: 'https://127.0.0.1:6443', serverVersion: 'v1.32.13' };
  readonly byLab = new Map<string, RecordedCluster>();
  readonly #byNamespace = new Map<string, RecordedCluster>();
  /** Labs whose namespace the API server refuses to create, as an RBAC-restricted account sees. */
  readonly forbidden = new Set<string>();
  /** Lab names in the order their runs began. */
  readonly started: string[] = [];

  add(lab: string, recording: Recording): this {
    this.byLab.set(lab, new RecordedCluster(recording));
    return this;
  }

  clock(lab: string): RecordedCluster {
    const cluster = this.byLab.get(lab);
    if (!cluster) throw new Error(`no recording for lab ${lab}`);
    return cluster;
  }

  #at(namespace: string): RecordedCluster {
    const cluster = this.#byNamespace.get(namespace);
    if (!cluster) throw new Error(`no lab runs in namespace ${namespace}`);
    return cluster;
  }

  async createLabNamespace(lab: string): Promise<string> {
    this.started.push(lab);
    if (this.forbidden.has(lab)) {
      throw new UserError('create namespace probelab-x: namespaces is forbidden: User "ta" cannot create resource "namespaces" in API group "" at the cluster scope (HTTP 403 Forbidden)', EXIT.cluster);
    }
    const cluster = this.clock(lab);
    const namespace = await cluster.createLabNamespace(lab);
    this.#byNamespace.set(namespace, cluster);
    return namespace;
  }

  apply(namespace: string, manifests: string) { return this.#at(namespace).apply(namespace, manifests); }
  watch(options: WatchOptions) { return this.#at(options.namespace).watch(options); }
  exec(namespace: string, pod: string, command: string[]) { return this.#at(namespace).exec(namespace, pod, command); }
  signal(namespace: string, pod: string, signal: string) { return this.#at(namespace).signal(namespace, pod, signal); }
  setPodCondition(namespace: string, pod: string, condition: PodConditionPatch) { return this.#at(namespace).setPodCondition(namespace, pod, condition); }
  patchPodStatus(namespace: string, pod: string, patch: JsonPatchOperation[]) { return this.#at(namespace).patchPodStatus(namespace, pod, patch); }
  deleteObject(namespace: string, kind: string, name: string, grace?: number) { return this.#at(namespace).deleteObject(namespace, kind, name, grace); }
  scale(namespace: string, kind: string, name: string, replicas: number) { return this.#at(namespace).scale(namespace, kind, name, replicas); }
  listPods() { return Promise.resolve([]); }
  getObject() { return Promise.resolve(undefined); }
  listObjects() { return Promise.resolve([]); }
  logs() { return Promise.resolve(''); }
  deleteNamespace(namespace: string) { return this.#at(namespace).deleteNamespace(namespace); }
  deleteApplied(namespace: string, objects: AppliedObject[], labelSelector: string) { return this.#at(namespace).deleteApplied(namespace, objects, labelSelector); }
}
