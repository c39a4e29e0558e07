// Lab namespaces: created per run with probelab's labels, found again by those labels (clean), and
// deleted quickly, with a bounded wait (a watch) for the namespace controller to finish finalizing.

import type { NamespaceCleanup } from './port.js';
import { errorFromResponse, type ApiClient } from './api-client.js';
import { endPodsAtOnce } from './end-pods.js';
import { ApiError } from './errors.js';
import { labLabels, labNamespaceName, MANAGED_SELECTOR, LAB_LABEL } from './labels.js';
import { waitUntilGone } from './until-gone.js';

export interface NamespaceSummary {
  name: string;
  lab?: string;
  phase?: string;
  creationTimestamp?: string;
}

interface NamespaceObject {
  metadata: { name: string; labels?: Record<string, string>; creationTimestamp?: string };
  status?: { phase?: string };
}

export async function createLabNamespace(api: ApiClient, lab: string): Promise<string> {
  // A name clash (409) is retried with a new suffix; with 36^5 suffixes a second clash is a bug.
  for (let attempt = 0; ; attempt++) {
    const name = labNamespaceName(lab);
    const response = await api.send('POST', '/api/v1/namespaces', {
      what: `create namespace ${name}`,
      body: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: labLabels(lab) },
      },
    });
    if (response.status === 409 && attempt < 2) continue;
    if (response.status < 200 || response.status > 299) {
      throw errorFromResponse(`create namespace ${name}`, response.status, await response.text());
    }
    await response.text();
    return name;
  }
}

export async function listManagedNamespaces(api: ApiClient): Promise<NamespaceSummary[]> {
  const list = await api.json<{ items: NamespaceObject[] }>('GET', '/api/v1/namespaces', {
    what: 'list probelab namespaces',
    query: { labelSelector: MANAGED_SELECTOR },
  });
  return list.items
    .map((item) => ({
      name: item.metadata.name,
      lab: item.metadata.labels?.[LAB_LABEL],
      phase: item.status?.phase,
      creationTimestamp: item.metadata.creationTimestamp,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Deletes a namespace probelab created, in seconds: its pods end at once first (graceful
 * termination is what some labs are about, not what their cleanup is about), then the namespace
 * goes, then any pod a controller recreated in between ends too (none can be created once the
 * namespace is terminating), and a watch waits for the namespace controller to finish.
 */
export async function deleteNamespace(api: ApiClient, namespace: string, timeoutMs: number, now: () => number = Date.now): Promise<NamespaceCleanup> {
  const started = now();
  await endPodsSoon(api, namespace);
  const deleted = await api.jsonOrUndefined('DELETE', `/api/v1/namespaces/${encodeURIComponent(namespace)}`, {
    what: `delete namespace ${namespace}`,
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
  });
  if (deleted === undefined) return { namespace, gone: true, waitedMs: now() - started };
  await endPodsSoon(api, namespace);
  const remaining = Math.max(0, timeoutMs - (now() - started));
  const gone = await waitUntilGone(api, { path: '/api/v1/namespaces', what: `namespace ${namespace}`, fieldSelector: `metadata.name=${namespace}` }, remaining, now);
  return { namespace, gone, waitedMs: now() - started };
}

/** Ending the pods only speeds cleanup up: if the server refuses it, the namespace still goes, later. */
async function endPodsSoon(api: ApiClient, namespace: string): Promise<void> {
  try {
    await endPodsAtOnce(api, namespace);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
}
