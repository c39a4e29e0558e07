// The order objects are applied in, so that what an object refers to exists first: namespaces and
// CRDs, then other cluster-scoped objects, then configuration (ConfigMaps, Secrets,
// ServiceAccounts, RBAC, claims), Services (so their endpoints track pods from the first moment),
// then workloads. The tiers follow Helm's InstallOrder (pkg/release/util/kind_sorter.go) collapsed
// to the groups that matter here; unknown kinds go last; the sort is stable otherwise.

import type { KubeObject } from '../model/kube.js';

const TIERS: string[][] = [
  ['Namespace', 'CustomResourceDefinition'],
  ['StorageClass', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'IngressClass', 'RuntimeClass'],
  ['NetworkPolicy', 'ResourceQuota', 'LimitRange', 'ServiceAccount', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Role', 'RoleBinding', 'PodDisruptionBudget'],
  ['Service'],
  ['Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
  ['HorizontalPodAutoscaler', 'Ingress'],
];

const TIER_OF = new Map(TIERS.flatMap((kinds, tier) => kinds.map((kind) => [kind, tier] as const)));

export function applyTier(kind: string | undefined): number {
  return (kind !== undefined ? TIER_OF.get(kind) : undefined) ?? TIERS.length;
}

export function orderForApply<T extends Pick<KubeObject, 'kind'>>(objects: readonly T[]): T[] {
  return objects
    .map((object, index) => ({ object, index, tier: applyTier(object.kind) }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map((entry) => entry.object);
}
