// The probe one-liners of the pods a lab runs, as `kubectl describe pod` prints them: from the
// live pods once the watch has reported any, from the manifests' pod templates before that.

import type { KubeObject, PodSpec } from '../model/kube.js';
import { podTemplateOf } from '../model/pod-template.js';
import { listProbes, type ProbeLine } from '../probes/describe.js';
import type { PodRow } from './view-pods.js';

/** The pod specs a set of manifest objects would run. */
export function podSpecsOf(objects: readonly KubeObject[]): PodSpec[] {
  return objects.flatMap((object) => podTemplateOf(object)?.spec ?? []);
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
