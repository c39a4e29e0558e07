// Server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/) of a lab's
// manifests: PATCH with Content-Type application/apply-patch+yaml, fieldManager=probelab and
// force=true (probelab owns the lab namespace; a conflict with an earlier probelab run must not
// stop it). Namespaced objects always land in the lab namespace.
//
// In a namespace the user named (`run -n`) probelab owns only what it applies: every object and
// its pod template get the run's labels, and an object of the same name that probelab did not
// make (no managed-by label) is neither changed nor, later, deleted: the apply stops with an error.

import { EXIT, UserError } from '../exit-codes.js';
import type { KubeObject } from '../model/kube.js';
import type { AppliedObject, ApplyOwnership } from './port.js';
import type { ApiClient } from './api-client.js';
import { ApiError } from './errors.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './labels.js';
import { orderForApply } from './apply-order.js';
import { parseManifests } from './manifests.js';
import { resourcePath, type ResourceResolver } from './resource-resolver.js';

export const FIELD_MANAGER = 'probelab';
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

export async function applyManifests(api: ApiClient, resolver: ResourceResolver, namespace: string, manifests: string, ownership?: ApplyOwnership): Promise<AppliedObject[]> {
  const applied: AppliedObject[] = [];
  for (const object of orderForApply(parseManifests(manifests))) {
    const done = await applyObject(api, resolver, namespace, ownership ? labelled(object, ownership.labels) : object, ownership !== undefined);
    applied.push(done);
    ownership?.applied.push(done);
  }
  return applied;
}

/** The object with the labels added to its own and to its pod template's (Deployment, Job, CronJob…). */
export function labelled(object: KubeObject, labels: Record<string, string>): KubeObject {
  const withLabels = <T extends { metadata?: { labels?: Record<string, string> } }>(node: T): T => ({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata?.labels, ...labels } } });
  const spec = (object as { spec?: Record<string, unknown> }).spec;
  let newSpec = spec;
  if (spec?.template && typeof spec.template === 'object') newSpec = { ...spec, template: withLabels(spec.template) };
  const job = spec?.jobTemplate as { spec?: { template?: object } } | undefined;
  if (job?.spec?.template) newSpec = { ...spec, jobTemplate: { ...job, spec: { ...job.spec, template: withLabels(job.spec.template) } } };
  return { ...withLabels(object), ...(newSpec ? { spec: newSpec } : {}) } as KubeObject;
}

export async function applyObject(api: ApiClient, resolver: ResourceResolver, namespace: string, object: KubeObject, onlyOwn = false): Promise<AppliedObject> {
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
  const path = resourcePath(resolved, target, object.metadata.name);
  if (onlyOwn) {
    const existing = await api.jsonOrUndefined<KubeObject>('GET', path, { what: `read ${label}` });
    if (existing && existing.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
      const where = target ? ` -n ${target}` : '';
      throw new UserError(
        `apply ${label}: ${resolved.kind} "${object.metadata.name}" already exists${target ? ` in namespace ${target}` : ''} and probelab did not create it, so it will not change or delete it: rename or delete yours (kubectl delete ${resolved.resource} ${object.metadata.name}${where}), or run without -n`,
        EXIT.badInput,
      );
    }
  }
  const body: KubeObject = { ...object, metadata: { ...object.metadata, namespace: target } };
  if (!target) delete body.metadata.namespace;
  const stored = await api.json<Partial<KubeObject>>('PATCH', path, {
    what: `apply ${label}`,
    query: { fieldManager: FIELD_MANAGER, force: true },
    body,
    contentType: APPLY_PATCH_CONTENT_TYPE,
  });
  const uid = stored.metadata?.uid;
  return { kind: resolved.kind, name: object.metadata.name, ...(target ? { namespace: target } : {}), apiVersion: resolved.apiVersion, ...(uid ? { uid } : {}) };
}
