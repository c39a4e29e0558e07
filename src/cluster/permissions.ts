// The RBAC permissions probelab needs, checked with SelfSubjectAccessReview (what `kubectl auth
// can-i` sends). Checked cluster-wide (no namespace): lab namespaces do not exist before a run, so
// rights inside them can only come from cluster-wide bindings.

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

export const REQUIRED_PERMISSIONS: Permission[] = [
  { verb: 'create', group: CORE, resource: 'namespaces', why: 'a fresh namespace per run' },
  { verb: 'delete', group: CORE, resource: 'namespaces', why: 'cleanup' },
  { verb: 'watch', group: CORE, resource: 'namespaces', why: 'waiting for a deleted namespace to go' },
  { verb: 'list', group: CORE, resource: 'namespaces', why: 'probelab clean' },
  ...(['configmaps', 'services', 'pods'] as const).flatMap((resource) =>
    (['create', 'patch', 'delete'] as const).map((verb) => ({ verb, group: CORE, resource, why: 'applying and deleting lab objects' })),
  ),
  ...(['create', 'patch', 'delete'] as const).map((verb) => ({ verb, group: APPS, resource: 'deployments', why: 'applying and deleting lab objects' })),
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

/** `patch pods/status`, `watch endpointslices.discovery.k8s.io`, as kubectl auth can-i names them. */
export function permissionLabel(permission: Permission): string {
  const resource = permission.group ? `${permission.resource}.${permission.group}` : permission.resource;
  return `${permission.verb} ${resource}${permission.subresource ? `/${permission.subresource}` : ''}`;
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

export async function checkPermission(api: ApiClient, permission: Permission, timeoutMs?: number): Promise<PermissionCheck> {
  const review = await api.json<AccessReview>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    what: `check permission to ${permissionLabel(permission)}`,
    timeoutMs,
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
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

export async function checkPermissions(api: ApiClient, permissions: readonly Permission[] = REQUIRED_PERMISSIONS, timeoutMs?: number): Promise<PermissionCheck[]> {
  return Promise.all(permissions.map((permission) => checkPermission(api, permission, timeoutMs)));
}
