// Ends pods at once: DELETE with gracePeriodSeconds 0 (what `kubectl delete pod --grace-period=0
// --force` sends) removes a pod from the API server without waiting for the kubelet, which then
// stops its containers. Only cleanup does this: a container whose PID 1 ignores SIGTERM (`sh -c …`)
// would otherwise hold its namespace for the whole grace period. A lab step that deletes a pod on
// purpose keeps its own grace period (objects.ts).

import type { Pod } from '../model/kube.js';
import type { ApiClient } from './api-client.js';

function podsPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
}

export async function endPodAtOnce(api: ApiClient, namespace: string, name: string): Promise<void> {
  // A pod already gone (404) is what was wanted.
  await api.jsonOrUndefined('DELETE', `${podsPath(namespace)}/${encodeURIComponent(name)}`, {
    what: `delete pod ${name} at once`,
    body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 },
  });
}

/** Ends every pod of the namespace (or those the selector matches); returns their names. */
export async function endPodsAtOnce(api: ApiClient, namespace: string, labelSelector?: string): Promise<string[]> {
  const list = await api.json<{ items: Pod[] }>('GET', podsPath(namespace), { what: `list pods in ${namespace}`, query: { labelSelector } });
  const names = list.items.map((pod) => pod.metadata.name);
  await Promise.all(names.map((name) => endPodAtOnce(api, namespace, name)));
  return names;
}
