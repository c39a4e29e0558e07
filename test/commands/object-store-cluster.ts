// A test double of the Cluster port's object methods (src/cluster/port.ts: apply, getObject,
// listObjects, deleteObject, deleteNamespace), NOT a Kubernetes API: it keeps the objects apply
// is given, by namespace, so a test sees what `exercise start` created and `exercise finish`
// deleted. The methods exercise does not use throw.

import { parseManifests } from '../../src/cluster/manifests.js';
import type { AppliedObject, Cluster } from '../../src/cluster/port.js';
import type { KubeObject, Pod } from '../../src/model/kube.js';

const unused = (method: string) => async (): Promise<never> => {
  throw new Error(`exercise does not call ${method}`);
};

export class ObjectStoreCluster implements Cluster {
  readonly connection = { context: 'kind-class', server: 'https://127.0.0.1:6443' };
  /** Namespace objects, by name. */
  readonly namespaces = new Map<string, KubeObject>();
  /** Namespaced objects, by namespace. */
  readonly objects = new Map<string, KubeObject[]>();
  /** Every write, as `apply ns Kind/name`, `delete ns Kind/name`, `delete namespace ns`. */
  readonly writes: string[] = [];

  addNamespace(name: string, labels: Record<string, string> = {}, objects: KubeObject[] = []): this {
    this.namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    this.objects.set(name, objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: name } })));
    return this;
  }

  async apply(namespace: string, manifests: string): Promise<AppliedObject[]> {
    return parseManifests(manifests).map((object) => {
      this.writes.push(`apply ${namespace || '(cluster)'} ${object.kind!}/${object.metadata.name}`);
      if (object.kind === 'Namespace') {
        this.namespaces.set(object.metadata.name, object);
        this.objects.set(object.metadata.name, this.objects.get(object.metadata.name) ?? []);
        return { kind: 'Namespace', name: object.metadata.name };
      }
      const list = this.objects.get(namespace);
      if (!list) throw new Error(`apply into namespace ${namespace}, which does not exist`);
      list.push({ ...object, metadata: { ...object.metadata, namespace } });
      return { kind: object.kind!, name: object.metadata.name, namespace };
    });
  }

  async getObject(namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
    if (kind === 'Namespace') return this.namespaces.get(name);
    return this.objects.get(namespace)?.find((o) => o.kind === kind && o.metadata.name === name);
  }

  async listObjects(namespace: string, kind: string): Promise<KubeObject[]> {
    return (this.objects.get(namespace) ?? []).filter((o) => o.kind === kind);
  }

  async listPods(namespace: string): Promise<Pod[]> {
    return (await this.listObjects(namespace, 'Pod')) as unknown as Pod[];
  }

  async deleteObject(namespace: string, kind: string, name: string): Promise<void> {
    this.writes.push(`delete ${namespace} ${kind}/${name}`);
    this.objects.set(namespace, (this.objects.get(namespace) ?? []).filter((o) => !(o.kind === kind && o.metadata.name === name)));
  }

  async deleteNamespace(namespace: string) {
    this.writes.push(`delete namespace ${namespace}`);
    this.namespaces.delete(namespace);
    this.objects.delete(namespace);
    return { namespace, gone: true, waitedMs: 1200 };
  }

  createLabNamespace = unused('createLabNamespace');
  deleteApplied = unused('deleteApplied');
  watch = unused('watch');
  exec = unused('exec');
  signal = unused('signal');
  setPodCondition = unused('setPodCondition');
  patchPodStatus = unused('patchPodStatus');
  scale = unused('scale');
  logs = unused('logs');
}
