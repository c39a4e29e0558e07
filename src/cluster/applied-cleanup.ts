// Cleanup of a run in a namespace the user named (`run -n`): the namespace is theirs and stays.
// Exactly what the run applied is deleted (by name, with the uid it got, so a same-named object
// made since is not touched; newest first), then the pods that carry the run's label end at once
// (grace period 0, as in a lab namespace), and a watch waits until none is left, ending at once any
// pod a ReplicaSet still being deleted makes meanwhile. One it makes after the last pod went is not
// seen: the garbage collector deletes it with its own grace period once probelab has finished.

import type { AppliedCleanup, AppliedObject } from './port.js';
import type { ApiClient } from './api-client.js';
import { endPodAtOnce } from './end-pods.js';
import { UserError } from '../exit-codes.js';
import { deleteByLabelCommand } from './labels.js';
import { resourcePath, type ResourceResolver } from './resource-resolver.js';
import { waitUntilGone } from './until-gone.js';

export async function deleteApplied(
  api: ApiClient,
  resolver: ResourceResolver,
  namespace: string,
  objects: readonly AppliedObject[],
  labelSelector: string,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<AppliedCleanup> {
  const started = now();
  const deleteWith = deleteByLabelCommand(namespace, labelSelector);
  // Only what the run applied makes pods with its label: nothing applied, nothing to wait for.
  if (objects.length === 0) return { namespace, deleted: [], failed: [], podsGone: true, waitedMs: 0, deleteWith };
  const deleted: string[] = [];
  const failed: string[] = [];
  const seen = new Set<string>();
  for (const object of [...objects].reverse()) {
    const label = `${object.kind}/${object.name}`;
    if (seen.has(label)) continue; // applied twice (a step re-applied it): one delete
    seen.add(label);
    try {
      const resolved = object.apiVersion ? await resolver.resolve(object.apiVersion, object.kind) : await resolver.resolveKind(object.kind);
      await api.jsonOrUndefined('DELETE', resourcePath(resolved, object.namespace, object.name), {
        what: `delete ${label}`,
        body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', ...(object.uid ? { preconditions: { uid: object.uid } } : {}) },
      });
      deleted.push(label);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failed.push(`${label}: ${error.message}`);
    }
  }
  const ended = new Set<string>();
  let podsGone = false;
  try {
    podsGone = await waitUntilGone(
      api,
      {
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
        what: `pods labelled ${labelSelector}`,
        labelSelector,
        onPresent: async (pod) => {
          if (ended.has(pod.metadata.name)) return;
          ended.add(pod.metadata.name);
          await endPodAtOnce(api, namespace, pod.metadata.name);
        },
      },
      Math.max(0, timeoutMs - (now() - started)),
      now,
    );
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    failed.push(`pods labelled ${labelSelector}: ${error.message}`);
  }
  return { namespace, deleted, failed, podsGone, waitedMs: now() - started, deleteWith };
}
