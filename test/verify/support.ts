// Evidence for verify tests, built from the lab's own manifests (a student's answer) and from the
// real recordings in ../shared/fixtures (what the cluster did with such an answer).

import type { LoadedLab } from '../../src/lab/load.js';
import type { Deployment, KubeEvent, KubeObject, Pod } from '../../src/model/kube.js';
import type { Recording } from '../../src/recording/format.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { RecordedNamespaces } from './recorded-namespaces.js';

/** The objects of one manifest file of the lab (spec.manifests or exercise), by the path as written. */
export function manifestObjects(loaded: LoadedLab, path: string): KubeObject[] {
  const manifest = loaded.extraManifests.get(path) ?? loaded.manifests.find((m) => m.path === path);
  if (!manifest) throw new Error(`${loaded.lab.metadata.name} has no manifest ${path}`);
  return structuredClone(manifest.objects);
}

export function objectNamed(objects: KubeObject[], kind: string, name: string): KubeObject {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind}/${name}`);
  return object;
}

/** The pods and events as they stood at the end of a recording (the last version of each). */
export function finalState(recording: Recording): { pods: Pod[]; events: KubeEvent[] } {
  const pods = new Map<string, Pod>();
  const events = new Map<string, KubeEvent>();
  for (const observation of recording.observations) {
    if (observation.kind !== 'watch') continue;
    if (observation.resource === 'pods') {
      if (observation.type === 'DELETED') pods.delete(observation.object.metadata.name);
      else pods.set(observation.object.metadata.name, observation.object);
    }
    if (observation.resource === 'events') {
      const key = observation.object.metadata.uid ?? observation.object.metadata.name;
      if (observation.type === 'DELETED') events.delete(key);
      else events.set(key, observation.object);
    }
  }
  return { pods: [...pods.values()], events: [...events.values()] };
}

/** A pod from a manifest with the status of a pod whose containers all run and are ready. */
export function runningPod(pod: KubeObject): Pod {
  const typed = structuredClone(pod) as unknown as Pod;
  const containers = typed.spec?.containers ?? [];
  typed.status = {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: containers.map((c) => ({ name: c.name, ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-11-21T19:55:29Z' } } })),
  };
  return typed;
}

/**
 * The pods a Deployment's ReplicaSet creates (spec.replicas of them, default 1), named and owned
 * as the ReplicaSet makes them (`<deployment>-<pod-template-hash>-<suffix>`), without a status.
 */
export function templatePods(deployment: Deployment, hash = '5d8c7b9f4'): Pod[] {
  const template = deployment.spec!.template!;
  return Array.from({ length: deployment.spec!.replicas ?? 1 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...structuredClone(template.metadata ?? {}),
      name: `${deployment.metadata.name}-${hash}-${'abcdefghij'.slice(i, i + 5)}`,
      labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${deployment.metadata.name}-${hash}`, uid: `rs-${hash}`, controller: true }],
    },
    spec: structuredClone(template.spec!),
  }));
}

/** The student's pod spec with the status the recorded cluster gave the same pod. */
export function withRecordedStatus(pod: KubeObject, recorded: Pod): Pod {
  return { ...(structuredClone(pod) as unknown as Pod), status: structuredClone(recorded.status) };
}

/**
 * Three students of the liveness exam, as `probelab verify` would find them after the exam:
 * student-correct applied the solution, student-partly-wrong the solution probing every 10 s, and
 * student-empty nothing. The pods carry the status, and the namespaces the events, that the real
 * cluster recorded for the exam pod (liveness-exam.jsonl). kube-system is not a student.
 */
export async function examClass(): Promise<RecordedNamespaces> {
  const loaded = await loadCatalogueLab('liveness-exam');
  const recorded = finalState(await readFixture('liveness-exam'));
  const solution = objectNamed(manifestObjects(loaded, '../manifests/liveness-exam-solution.yaml'), 'Pod', 'liveness-exam');
  const partly = structuredClone(solution) as unknown as Pod;
  partly.spec!.containers[0]!.livenessProbe!.periodSeconds = 10;
  const events = recorded.events.map((e) => ({ ...e, kind: 'Event' as const })) as unknown as KubeObject[];
  const live = (pod: KubeObject) => withRecordedStatus(pod, recorded.pods[0]!) as unknown as KubeObject;
  const course = { course: 'k8s-101' };
  return new RecordedNamespaces()
    .add('kube-system', [])
    .add('student-correct', [live(solution), ...events], course)
    .add('student-partly-wrong', [live(partly as unknown as KubeObject), ...events], course)
    .add('student-empty', [], course);
}
