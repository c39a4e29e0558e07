// What grading reads, answered from a namespace's watch instead of a request per re-grade: the
// pods, Deployments and events as the Timeline holds them after the watch's initial list and
// every change since (the same objects a list would return). Any other kind, such as the Service
// an `object:` check names, is read through `others` as `probelab verify` reads it.

import { normalizeKind } from '../cluster/resource-resolver.js';
import type { KubeObject, Pod } from '../model/kube.js';
import type { Observation } from '../model/observation.js';
import { matchesSelector } from '../runner/selector.js';
import { Timeline } from '../timeline/timeline.js';
import type { ClusterReader } from './gather.js';

export class WatchedNamespace implements ClusterReader {
  readonly #timeline = new Timeline();

  constructor(
    readonly namespace: string,
    private readonly others: ClusterReader,
  ) {}

  /** Takes one observation of the namespace's watch. */
  apply(observation: Observation): void {
    this.#timeline.apply(observation);
  }

  async getObject(namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
    if (namespace !== this.namespace) return this.others.getObject(namespace, kind, name);
    switch (normalizeKind(kind)) {
      case 'pod': {
        const pod = this.#timeline.pod(name)?.pod;
        return pod && withKind(pod, 'Pod', 'v1');
      }
      case 'deployment': {
        const deployment = this.#timeline.deployment(name);
        return deployment && withKind(deployment, 'Deployment', 'apps/v1');
      }
      default:
        return this.others.getObject(namespace, kind, name);
    }
  }

  async listPods(namespace: string, labelSelector?: string): Promise<Pod[]> {
    if (namespace !== this.namespace) return this.others.listPods(namespace, labelSelector);
    return this.#timeline.podObjects().filter((pod) => labelSelector === undefined || matchesSelector(labelSelector, pod.metadata.labels));
  }

  async listObjects(namespace: string, kind: string): Promise<KubeObject[]> {
    if (namespace !== this.namespace || normalizeKind(kind) !== 'event') return this.others.listObjects(namespace, kind);
    return this.#timeline.events().map((view) => withKind(view.event, 'Event', 'v1'));
  }
}

/** Watch events carry kind and apiVersion; a hand-made or relisted object may not. */
function withKind(object: { kind?: string; apiVersion?: string; metadata: KubeObject['metadata'] }, kind: string, apiVersion: string): KubeObject {
  return { ...object, kind: object.kind ?? kind, apiVersion: object.apiVersion ?? apiVersion } as KubeObject;
}
