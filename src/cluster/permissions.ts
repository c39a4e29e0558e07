// The RBAC permissions probelab needs, checked with SelfSubjectAccessReview (what `kubectl auth
// can-i` sends). A normal run is checked cluster-wide (no namespace): lab namespaces do not exist
// before a run, so rights inside them can only come from cluster-wide bindings. A run in a
// namespace the user named (`run -n`, `doctor -n`) is checked in that namespace, where a
// RoleBinding is enough, and needs no right on namespaces.

import type { ApiClient } from './api-client.js';

export interface Permission {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Why probelab needs it. */
  why: string;
}

const CORE = '';
const APPS = 'apps';

const LAB_OBJECTS = [
  { group: CORE, resource: 'configmaps' },
  { group: CORE, resource: 'services' },
  { group: CORE, resource: 'pods' },
  { group: APPS, resource: 'deployments' },
];

/** What a lab run does inside its namespace, wherever that comes from. */
const IN_NAMESPACE: Permission[] = [
  ...LAB_OBJECTS.flatMap((target) => (['create', 'patch', 'delete'] as const).map((verb) => ({ verb, ...target, why: 'applying and deleting lab objects' }))),
  { verb: 'patch', group: APPS, resource: 'deployments', subresource: 'scale', why: 'scale steps' },
  { verb: 'create', group: CORE, resource: 'pods', subresource: 'exec', why: 'exec and signal faults' },
  { verb: 'patch', group: CORE, resource: 'pods', subresource: 'status', why: 'readiness-gate conditions' },
  { verb: 'get', group: CORE, resource: 'pods', subresource: 'log', why: 'container logs in reports' },
  ...[
    { group: CORE, resource: 'pods' },
    { group: 'discovery.k8s.io', resource: 'endpointslices' },
    { group: CORE, resource: 'events' },
    { group: APPS, resource: 'deployments' },
  ].flatMap((target) => (['list', 'watch'] as const).map((verb) => ({ verb, ...target, why: 'watching the lab' }))),
];

/** A normal run: a fresh namespace per lab, checked cluster-wide. */
export const REQUIRED_PERMISSIONS: Permission[] = [
  { verb: 'create', group: CORE, resource: 'namespaces', why: 'a fresh namespace per run' },
  { verb: 'delete', group: CORE, resource: 'namespaces', why: 'cleanup' },
  { verb: 'watch', group: CORE, resource: 'namespaces', why: 'waiting for a deleted namespace to go' },
  { verb: 'list', group: CORE, resource: 'namespaces', why: 'probelab clean' },
  ...IN_NAMESPACE,
];

/** `run -n NS`, checked in NS: it also reads each object before applying it, to leave alone one it did not make. */
export const NAMESPACED_PERMISSIONS: Permission[] = [
  ...LAB_OBJECTS.map((target) => ({ verb: 'get', ...target, why: 'leaving alone an object of the same name that probelab did not make' })),
  ...IN_NAMESPACE,
];

/** `patch pods/status`, `watch endpointslices.discovery.k8s.io`: short, for the ✔ lines. */
export function permissionLabel(permission: Permission): string {
  return `${permission.verb} ${qualified(permission)}${permission.subresource ? `/${permission.subresource}` : ''}`;
}

/** The same question as kubectl asks it: `kubectl auth can-i create pods --subresource=exec -n NS` (-A: all namespaces). */
export function canICommand(permission: Permission, namespace?: string): string {
  const subresource = permission.subresource ? ` --subresource=${permission.subresource}` : '';
  return `kubectl auth can-i ${permission.verb} ${qualified(permission)}${subresource} ${namespace ? `-n ${namespace}` : '-A'}`;
}

function qualified(permission: Permission): string {
  return permission.group ? `${permission.resource}.${permission.group}` : permission.resource;
}

export interface PermissionCheck {
  permission: Permission;
  allowed: boolean;
  /** The authorizer's reason or evaluation error, when it gave one. */
  detail?: string;
}

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/** One SelfSubjectAccessReview; without a namespace, the question is "in all namespaces". */
export async function checkPermission(api: ApiClient, permission: Permission, timeoutMs?: number, namespace?: string): Promise<PermissionCheck> {
  const review = await api.json<AccessReview>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    what: `check permission to ${permissionLabel(permission)}`,
    timeoutMs,
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          ...(namespace ? { namespace } : {}),
          verb: permission.verb,
          group: permission.group,
          resource: permission.resource,
          ...(permission.subresource ? { subresource: permission.subresource } : {}),
        },
      },
    },
  });
  const detail = review.status?.reason || review.status?.evaluationError || undefined;
  return { permission, allowed: review.status?.allowed === true, ...(detail ? { detail } : {}) };
}

export async function checkPermissions(api: ApiClient, permissions: readonly Permission[] = REQUIRED_PERMISSIONS, timeoutMs?: number, namespace?: string): Promise<PermissionCheck[]> {
  return Promise.all(permissions.map((permission) => checkPermission(api, permission, timeoutMs, namespace)));
}
