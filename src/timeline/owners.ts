// Which pods a Deployment has, read from the pods alone (for a namespace without a Deployment
// watch): those owned by one of its ReplicaSets, named `<deployment>-<pod-template-hash>`.
// ownedPods() counts them by reading every pod; OwnerIndex keeps the same counts as pods change,
// so the judge never scans the namespace for them.

import type { Pod } from '../model/kube.js';

/** A Deployment's pods that are not terminating: how many, and how many are Ready. */
export interface OwnedPods {
  pods: number;
  ready: number;
}

type Owned = Pick<Pod, 'metadata' | 'status'>;

/** The pod belongs to one of the Deployment's ReplicaSets (named `<deployment>-<pod-template-hash>`). */
export function ownedByDeployment(pod: Owned, deployment: string): boolean {
  return pod.metadata.ownerReferences?.some((ref) => ref.kind === 'ReplicaSet' && ref.name.startsWith(`${deployment}-`) && /^[a-z0-9]+$/.test(ref.name.slice(deployment.length + 1))) ?? false;
}

/** Every Deployment one of whose ReplicaSets owns the pod: the ReplicaSet's name without its hash. */
export function owningDeployments(pod: Owned): string[] {
  const deployments: string[] = [];
  for (const ref of pod.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'ReplicaSet') continue;
    const dash = ref.name.lastIndexOf('-');
    if (dash >= 0 && /^[a-z0-9]+$/.test(ref.name.slice(dash + 1))) deployments.push(ref.name.slice(0, dash));
  }
  return deployments;
}

export function isTerminating(pod: Owned): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** The Ready condition is True. */
export function isReady(pod: Owned): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The Deployment's pods, counted by reading every pod. */
export function ownedPods(pods: Iterable<Owned>, deployment: string): OwnedPods {
  const counts = { pods: 0, ready: 0 };
  for (const pod of pods) {
    if (!ownedByDeployment(pod, deployment) || isTerminating(pod)) continue;
    counts.pods++;
    if (isReady(pod)) counts.ready++;
  }
  return counts;
}

/** ownedPods() for every Deployment at once, kept as pods come, change and go. */
export class OwnerIndex {
  readonly #counts = new Map<string, OwnedPods>();

  /** One pod changed from `before` to `after` (undefined: not held). */
  move(before: Owned | undefined, after: Owned | undefined): void {
    if (before) this.#add(before, -1);
    if (after) this.#add(after, 1);
  }

  counts(deployment: string): OwnedPods {
    const counts = this.#counts.get(deployment);
    return counts ? { ...counts } : { pods: 0, ready: 0 };
  }

  #add(pod: Owned, sign: 1 | -1): void {
    if (isTerminating(pod)) return;
    const ready = isReady(pod) ? sign : 0;
    // A pod two ReplicaSets of one Deployment claim is still one of its pods.
    for (const deployment of new Set(owningDeployments(pod))) {
      const counts = this.#counts.get(deployment) ?? { pods: 0, ready: 0 };
      counts.pods += sign;
      counts.ready += ready;
      if (counts.pods === 0 && counts.ready === 0) this.#counts.delete(deployment);
      else this.#counts.set(deployment, counts);
    }
  }
}
