// A test double of the read side of the Cluster port (src/cluster/port.ts: getObject, listPods,
// listObjects), NOT a Kubernetes API: it serves namespaces filled by the test with objects built
// from the labs' manifests and the real recordings. It has no write methods, so grading through it
// also shows that verify needs none.

import { UserError, EXIT } from '../../src/exit-codes.js';
import type { KubeObject, Pod } from '../../src/model/kube.js';
import { matchesSelector } from '../../src/runner/selector.js';
import type { VerifyCluster } from '../../src/verify/session.js';

interface Namespace {
  labels: Record<string, string>;
  objects: KubeObject[];
}

export class RecordedNamespaces implements VerifyCluster {
  readonly connection = { context: 'kind-grading', server: 'https://127.0.0.1:6443' };
  /** Every read, as `get ns Kind/name` or `list ns Kind [selector]`. */
  readonly reads: string[] = [];
  /** Namespaces whose reads fail as the API server would refuse them (RBAC). */
  readonly forbidden = new Set<string>();
  readonly #namespaces = new Map<string, Namespace>();

  add(name: string, objects: KubeObject[], labels: Record<string, string> = {}): this {
    this.#namespaces.set(name, { labels, objects: objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: name } })) });
    return this;
  }

  #in(namespace: string, what: string): Namespace | undefined {
    if (this.forbidden.has(namespace)) {
      throw new UserError(`${what}: pods is forbidden: User "ta" cannot list resource in the namespace "${namespace}" (HTTP 403 Forbidden)`, EXIT.cluster);
    }
    return this.#namespaces.get(namespace);
  }

  async getObject(namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
    this.reads.push(`get ${namespace} ${kind}/${name}`);
    return this.#in(namespace, `read ${kind}/${name}`)?.objects.find((o) => o.kind?.toLowerCase() === kind.toLowerCase() && o.metadata.name === name);
  }

  async listPods(namespace: string, labelSelector?: string): Promise<Pod[]> {
    this.reads.push(`list ${namespace} Pod ${labelSelector ?? ''}`.trimEnd());
    const objects = this.#in(namespace, 'list pods')?.objects ?? [];
    return objects.filter((o) => o.kind === 'Pod' && (labelSelector === undefined || matchesSelector(labelSelector, o.metadata.labels))) as unknown as Pod[];
  }

  async listObjects(namespace: string, kind: string): Promise<KubeObject[]> {
    this.reads.push(`list ${namespace || '(cluster)'} ${kind}`);
    if (kind === 'Namespace') {
      return [...this.#namespaces].map(([name, ns]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: ns.labels } }));
    }
    return (this.#in(namespace, `list ${kind}`)?.objects ?? []).filter((o) => o.kind === kind);
  }
}
