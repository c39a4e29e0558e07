// Lab namespaces: created per run with probelab's labels, found again by those labels (clean), and
// deleted with a bounded wait for the namespace controller to finish finalizing.

import { randomInt } from 'node:crypto';
import type { NamespaceCleanup } from './port.js';
import { errorFromResponse, type ApiClient } from './api-client.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'probelab';
export const LAB_LABEL = 'probelab.dev/lab';
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A DNS-1123 label (apimachinery validation.IsDNS1123Label): lower-case alphanumerics and '-', ≤ 63. */
export function sanitizeLabName(lab: string): string {
  const cleaned = lab
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // probelab- (9) + name + -xxxxx (6) must fit 63.
  return (cleaned.slice(0, 48).replace(/-$/, '') || 'lab');
}

/** A label value (apimachinery validation.IsValidLabelValue): ≤ 63, alphanumeric at both ends. */
export function labLabelValue(lab: string): string {
  return lab.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export function labNamespaceName(lab: string, random: (max: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[random(SUFFIX_ALPHABET.length)];
  return `probelab-${sanitizeLabName(lab)}-${suffix}`;
}

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
        metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LAB_LABEL]: labLabelValue(lab) || 'lab' } },
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

export interface DeleteNamespaceOptions {
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export async function deleteNamespace(api: ApiClient, namespace: string, timeoutMs: number, options: DeleteNamespaceOptions = {}): Promise<NamespaceCleanup> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 500;
  const started = now();
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
  const deleted = await api.jsonOrUndefined('DELETE', path, {
    what: `delete namespace ${namespace}`,
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
  });
  if (deleted === undefined) return { namespace, gone: true, waitedMs: now() - started };
  for (;;) {
    const current = await api.jsonOrUndefined('GET', path, { what: `read namespace ${namespace}` });
    const waitedMs = now() - started;
    if (current === undefined) return { namespace, gone: true, waitedMs };
    if (waitedMs >= timeoutMs) return { namespace, gone: false, waitedMs };
    await sleep(Math.min(pollMs, Math.max(0, timeoutMs - waitedMs)));
  }
}
