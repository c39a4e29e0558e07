// Reads and simple writes of objects named by kind: what lab steps (delete, scale) and verify need.

import type { KubeObject, Pod } from '../model/kube.js';
import type { ApiClient } from './api-client.js';
import { resourcePath, type ResourceResolver } from './resource-resolver.js';

const MERGE_PATCH = 'application/merge-patch+json';

export async function getObject(api: ApiClient, resolver: ResourceResolver, namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
  const resolved = await resolver.resolveKind(kind);
  return api.jsonOrUndefined<KubeObject>('GET', resourcePath(resolved, namespace, name), { what: `read ${resolved.kind}/${name}` });
}

export async function listObjects(api: ApiClient, resolver: ResourceResolver, namespace: string, kind: string, labelSelector?: string): Promise<KubeObject[]> {
  const resolved = await resolver.resolveKind(kind);
  const list = await api.json<{ items: KubeObject[] }>('GET', resourcePath(resolved, namespace), {
    what: `list ${resolved.resource}`,
    query: { labelSelector },
  });
  // As in watch.ts: list items lack kind/apiVersion, which the rest of probelab reads.
  return list.items.map((item) => ({ ...item, kind: item.kind ?? resolved.kind, apiVersion: item.apiVersion ?? resolved.apiVersion }));
}

export async function listPods(api: ApiClient, resolver: ResourceResolver, namespace: string, labelSelector?: string): Promise<Pod[]> {
  return (await listObjects(api, resolver, namespace, 'Pod', labelSelector)) as unknown as Pod[];
}

export async function deleteObject(api: ApiClient, resolver: ResourceResolver, namespace: string, kind: string, name: string, gracePeriodSeconds?: number): Promise<void> {
  const resolved = await resolver.resolveKind(kind);
  await api.json('DELETE', resourcePath(resolved, namespace, name), {
    what: `delete ${resolved.kind}/${name}`,
    body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds, propagationPolicy: 'Background' },
  });
}

/** Through the scale subresource, as `kubectl scale` does. */
export async function scaleObject(api: ApiClient, resolver: ResourceResolver, namespace: string, kind: string, name: string, replicas: number): Promise<void> {
  const resolved = await resolver.resolveKind(kind);
  await api.json('PATCH', `${resourcePath(resolved, namespace, name)}/scale`, {
    what: `scale ${resolved.kind}/${name} to ${replicas.toString()}`,
    body: { spec: { replicas } },
    contentType: MERGE_PATCH,
  });
}

export async function podLogs(api: ApiClient, namespace: string, pod: string, container?: string, tailLines?: number): Promise<string> {
  return api.text('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`, {
    what: `read the logs of ${pod}${container ? `/${container}` : ''}`,
    query: { container, tailLines },
  });
}
