// Recorded streams of a student working on an exercise, as the watch of their namespace reports
// it, built from real objects only: the exercise's start manifest as the pod the student received
// (with the status the real cluster gave the same pod when it ran), then the student replacing it
// with their answer, whose life from then on is the real cluster's recording of that answer
// (../shared/fixtures), moved into the student's namespace and time.

import type { LoadedLab } from '../../src/lab/load.js';
import type { Pod } from '../../src/model/kube.js';
import type { Observation, WatchObservation } from '../../src/model/observation.js';
import { RECORDING_FORMAT, type Recording } from '../../src/recording/format.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { manifestObjects, objectNamed } from './support.js';

/** Seconds the student spends reading the task before replacing the pod. */
export const THINKING_MS = 20_000;

/** An object of a recording moved into another namespace (its events' involvedObject too). */
function moved<T extends WatchObservation>(observation: T, namespace: string, shift: number): T {
  const object = structuredClone(observation.object) as T['object'] & { involvedObject?: { namespace?: string } };
  object.metadata.namespace = namespace;
  if (object.involvedObject) object.involvedObject.namespace = namespace;
  return { ...observation, at: observation.at + shift, object };
}

export interface StudentStream {
  loaded: LoadedLab;
  recording: Recording;
  /** When the student's answer replaced the start pod (epoch ms). */
  replacedAt: number;
}

/**
 * The liveness exam: the start pod (no probe) runs; after THINKING_MS the student deletes it and
 * applies the solution; from then on liveness-exam.jsonl plays: the pod starts, the file goes at
 * 30 s, the probe fails twice, the kubelet kills it (30 s grace, sh ignores SIGTERM), RESTARTS 1.
 */
export async function examStudent(namespace = 'student-07'): Promise<StudentStream> {
  const loaded = await loadCatalogueLab('liveness-exam');
  const real = await readFixture('liveness-exam');
  const watched = real.observations.filter((o): o is WatchObservation => o.kind === 'watch');
  const first = watched[0]!.at;
  const running = watched.filter((o) => o.resource === 'pods').find((o) => (o.object as Pod).status?.containerStatuses?.[0]?.ready)!;
  const start = objectNamed(manifestObjects(loaded, '../manifests/liveness-exam-start.yaml'), 'Pod', 'liveness-exam') as unknown as Pod;
  const startPod: Pod = {
    ...structuredClone(running.object as Pod),
    spec: { ...structuredClone((running.object as Pod).spec!), containers: structuredClone(start.spec!.containers) },
  };
  startPod.metadata = { ...startPod.metadata, namespace, uid: 'student-start-pod', resourceVersion: '1001' };
  const replacedAt = first + THINKING_MS;
  const shift = replacedAt + 1_000 - first;
  const observations: Observation[] = [
    { kind: 'watch', resource: 'pods', type: 'ADDED', at: first, object: startPod },
    { kind: 'watch', resource: 'pods', type: 'DELETED', at: replacedAt, object: { ...startPod, metadata: { ...startPod.metadata, resourceVersion: '1002', deletionTimestamp: new Date(replacedAt).toISOString() } } },
    ...watched.map((o) => moved(o, namespace, shift)),
  ];
  const recording: Recording = {
    header: {
      format: RECORDING_FORMAT,
      scenario: 'liveness-exam',
      namespace,
      cluster: { context: 'kind-class', serverVersion: real.header.cluster?.serverVersion },
      startedAt: new Date(first).toISOString(),
      manifests: loaded.lab.spec.exercise!.start.map((path) => loaded.extraManifests.get(path)!.text),
    },
    observations,
  };
  return { loaded, recording, replacedAt };
}

/**
 * A class at the liveness exam, watched from the moment the first student's start pod runs:
 * student-07 works through it as in examStudent; student-08 never touches the start pod;
 * student-09 finished before the watch began (everything in their stream lies before then).
 */
export async function examClassStreams(): Promise<{ start: number; end: number; streams: Map<string, Observation[]> }> {
  const working = (await examStudent('student-07')).recording.observations;
  const idle = (await examStudent('student-08')).recording.observations.slice(0, 1);
  const done = (await examStudent('student-09')).recording.observations;
  const start = working[0]!.at;
  const end = working.at(-1)!.at;
  const early = start - done.at(-1)!.at;
  return {
    start,
    end,
    streams: new Map([
      ['student-07', working],
      ['student-08', idle],
      ['student-09', done.map((o) => ({ ...o, at: o.at + early }))],
    ]),
  };
}
