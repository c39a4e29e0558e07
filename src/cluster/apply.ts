// Server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/) of a lab's
// manifests: PATCH with Content-Type application/apply-patch+yaml, fieldManager=probelab and
// force=true (probelab owns the lab namespace; a conflict with an earlier probelab run must not
// stop it). Namespaced objects always land in the lab namespace.

import { UserError } from '../exit-codes.js';
import type { KubeObject } from '../model/kube.js';
import type { AppliedObject } from './port.js';
import type { ApiClient } from './api-client.js';
import { ApiError } from './errors.js';
import { orderForApply } from './apply-order.js';
import { parseManifests } from './manifests.js';
import { resourcePath, type ResourceResolver } from './resource-resolver.js';

export const FIELD_MANAGER = 'probelab';
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

export async function applyManifests(api: ApiClient, resolver: ResourceResolver, namespace: string, manifests: string): Promise<AppliedObject[]> {
  const applied: AppliedObject[] = [];
  for (const object of orderForApply(parseManifests(manifests))) {
    applied.push(await applyObject(api, resolver, namespace, object));
  }
  return applied;
}

export async function applyObject(api: ApiClient, resolver: ResourceResolver, namespace: string, object: KubeObject): Promise<AppliedObject> {
  const label = `${object.kind ?? '?'}/${object.metadata.name}`;
  let resolved;
  try {
    resolved = await resolver.resolve(object.apiVersion!, object.kind!);
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError(`apply ${label}`, error.status, error.reason, error.serverMessage);
    if (error instanceof UserError) throw new UserError(`apply ${label}: ${error.message}`, error.exitCode);
    throw error;
  }
  const target = resolved.namespaced ? namespace : undefined;
  const body: KubeObject = { ...object, metadata: { ...object.metadata, namespace: target } };
  if (!target) delete body.metadata.namespace;
  await api.json('PATCH', resourcePath(resolved, target, object.metadata.name), {
    what: `apply ${label}`,
    query: { fieldManager: FIELD_MANAGER, force: true },
    body,
    contentType: APPLY_PATCH_CONTENT_TYPE,
  });
  return target ? { kind: resolved.kind, name: object.metadata.name, namespace: target } : { kind: resolved.kind, name: object.metadata.name };
}
