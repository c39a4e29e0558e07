// The probe one-liners of the pods a lab runs, as `kubectl describe pod` prints them: from the
// live pods once the watch has reported any, from the manifests' pod templates before that.

import type { KubeObject, PodSpec } from '../model/kube.js';
import { listProbes, type ProbeLine } from '../probes/describe.js';
import type { PodRow } from './view-pods.js';

// Workload kinds whose pods come from spec.template (apps/v1, batch/v1).
const TEMPLATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** The pod specs a set of manifest objects would run. */
export function podSpecsOf(objects: readonly KubeObject[]): PodSpec[] {
  return objects.flatMap((object) => {
    const spec = object['spec'] as { template?: { spec?: PodSpec }; containers?: unknown } | undefined;
    if (object.kind === 'Pod' && spec?.containers) return [spec as PodSpec];
    if (object.kind && TEMPLATED.has(object.kind) && spec?.template?.spec) return [spec.template.spec];
    if (object.kind === 'CronJob') {
      const job = (spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined)?.jobTemplate?.spec?.template?.spec;
      return job ? [job] : [];
    }
    return [];
  });
}

/** One line per container and probe kind; replicas of one template say the same and count once. */
export function probeLinesOf(specs: readonly PodSpec[]): ProbeLine[] {
  const seen = new Map<string, ProbeLine>();
  for (const line of specs.flatMap((spec) => listProbes(spec))) seen.set(`${line.container}\0${line.kind}\0${line.text}`, line);
  return [...seen.values()];
}

/** What the probes pane shows: the live pods' probes, else what the manifests declare. */
export function currentProbeLines(pods: readonly PodRow[], fromManifests: readonly ProbeLine[]): readonly ProbeLine[] {
  const live = pods.flatMap((row) => (row.pod.spec ? [row.pod.spec] : []));
  return live.length > 0 ? probeLinesOf(live) : fromManifests;
}
