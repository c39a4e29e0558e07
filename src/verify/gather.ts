// Reads the evidence for one lab's `verify` from a namespace, through the Cluster port and only
// with reads (get and list), so grading never changes a student's namespace.

import type { Cluster } from '../cluster/port.js';
import type { Verify } from '../lab/schema.js';
import type { Deployment, KubeEvent, KubeObject, Pod } from '../model/kube.js';
import { deploymentPodSelector, targetKind, targetName, type Evidence } from './evidence.js';

/** The reads verify needs; a KubeCluster provides them, tests pass a test double. */
export type ClusterReader = Pick<Cluster, 'getObject' | 'listPods' | 'listObjects'>;

export async function gatherEvidence(reader: ClusterReader, namespace: string, verify: Verify): Promise<Evidence> {
  const kind = targetKind(verify.target);
  const objectNames = verify.checks.flatMap((check) => ('object' in check ? [check.object] : []));
  const [target, events, objects] = await Promise.all([
    reader.getObject(namespace, kind, targetName(verify.target)),
    reader.listObjects(namespace, 'Event'),
    Promise.all(objectNames.map((ref) => reader.getObject(namespace, ref.split('/')[0]!, ref.split('/')[1]!))),
  ]);
  return {
    namespace,
    target,
    pods: target ? await podsOf(reader, namespace, kind, target) : [],
    events: events as unknown as KubeEvent[],
    objects: objects.filter((o): o is KubeObject => o !== undefined),
  };
}

async function podsOf(reader: ClusterReader, namespace: string, kind: 'Pod' | 'Deployment', target: KubeObject): Promise<Pod[]> {
  if (kind === 'Pod') return [target as unknown as Pod];
  const selector = deploymentPodSelector(target as unknown as Deployment);
  return selector === undefined ? [] : reader.listPods(namespace, selector);
}
