// Pod conditions through the pods/status subresource, the way readiness gates are meant to be set
// (KEP-580): a controller, here probelab, owns the condition type the gate names.

import type { JsonPatchOperation, PodConditionPatch } from './port.js';
import type { ApiClient } from './api-client.js';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

function statusPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/status`;
}

/**
 * PodStatus.conditions is a list merged by `type` (k8s.io/api/core/v1/types.go:
 * patchStrategy:"merge" patchMergeKey:"type"), so a strategic merge patch replaces the condition of
 * that type or adds it: calling this twice leaves one condition.
 */
export function podConditionPatch(condition: PodConditionPatch): { status: { conditions: PodConditionPatch[] } } {
  const entry: PodConditionPatch = { type: condition.type, status: condition.status };
  if (condition.reason !== undefined) entry.reason = condition.reason;
  if (condition.message !== undefined) entry.message = condition.message;
  return { status: { conditions: [entry] } };
}

export async function setPodCondition(api: ApiClient, namespace: string, pod: string, condition: PodConditionPatch): Promise<void> {
  await api.json('PATCH', statusPath(namespace, pod), {
    what: `set condition ${condition.type}=${condition.status} on pod ${pod}`,
    body: podConditionPatch(condition),
    contentType: STRATEGIC_MERGE_PATCH,
  });
}

/** The tutorial's `curl -X PATCH -H 'Content-Type: application/json-patch+json' …/status`, literally. */
export async function patchPodStatus(api: ApiClient, namespace: string, pod: string, patch: JsonPatchOperation[]): Promise<void> {
  await api.json('PATCH', statusPath(namespace, pod), {
    what: `patch the status of pod ${pod}`,
    body: patch,
    contentType: JSON_PATCH,
  });
}
