// What `probelab verify` looks at in a student's namespace: the target object (a Pod, or a
// Deployment whose pod template is the student's answer), the live pods behind it, the
// namespace's events, and any objects named by `object:` checks. Plain API objects, so the
// checks are pure and tests build evidence from manifests and recordings.

import type { Verify } from '../lab/schema.js';
import type { Deployment, KubeEvent, KubeObject, Pod, PodSpec } from '../model/kube.js';

export interface Evidence {
  namespace: string;
  /** The object `verify.target` names; undefined when the namespace has no such object. */
  target?: KubeObject;
  /** The pods the target runs: the pod itself, or the Deployment's pods. */
  pods: Pod[];
  /** Every event in the namespace (checks pick those about the target's pods). */
  events: KubeEvent[];
  /** Objects found for `object:` checks. */
  objects: KubeObject[];
}

export type Target = Verify['target'];

export function targetKind(target: Target): 'Pod' | 'Deployment' {
  return 'pod' in target ? 'Pod' : 'Deployment';
}

export function targetName(target: Target): string {
  return 'pod' in target ? target.pod : target.deployment;
}

/** The pod spec the student wrote: the Pod's spec, or the Deployment's pod template. */
export function podSpecOf(target: KubeObject, kind: 'Pod' | 'Deployment'): PodSpec | undefined {
  if (kind === 'Deployment') return (target as unknown as Deployment).spec?.template?.spec;
  return (target as unknown as Pod).spec;
}

/**
 * The label selector that finds a Deployment's pods. matchLabels is what the ReplicaSet selects
 * by; without it (matchExpressions only) the template's labels, which every pod of it carries.
 */
export function deploymentPodSelector(deployment: Deployment): string | undefined {
  const labels = deployment.spec?.selector?.matchLabels ?? deployment.spec?.template?.metadata?.labels;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
