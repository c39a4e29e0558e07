// Reads the times of consequences straight from a recording's pod objects and events, so the
// oracle test can hold each observed time against its predicted window.

import { readdirSync, readFileSync } from 'node:fs';
import type { ContainerStatus, KubeEvent, Pod } from '../../src/model/kube.js';
import type { ActionObservation, Observation } from '../../src/model/observation.js';
import { parseRecording, type Recording } from '../../src/recording/format.js';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);

export function recordingNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, ''))
    .sort();
}

export function loadRecording(name: string): RecordingFacts {
  const file = new URL(`${name}.jsonl`, FIXTURES);
  return new RecordingFacts(parseRecording(readFileSync(file, 'utf8'), file.pathname));
}

interface PodSample {
  at: number;
  type: string;
  pod: Pod;
}

export class RecordingFacts {
  constructor(readonly recording: Recording) {}

  get observations(): Observation[] {
    return this.recording.observations;
  }

  /** Pod objects as the watch delivered them, for pods whose name starts with `prefix`. */
  podSamples(prefix: string): PodSample[] {
    return this.observations.flatMap((o) =>
      o.kind === 'watch' && o.resource === 'pods' && o.object.metadata.name.startsWith(prefix) ? [{ at: o.at, type: o.type, pod: o.object }] : [],
    );
  }

  podNames(prefix = ''): string[] {
    return [...new Set(this.podSamples(prefix).map((s) => s.pod.metadata.name))];
  }

  pod(name: string): Pod {
    const sample = this.podSamples(name).find((s) => s.pod.metadata.name === name);
    if (!sample) throw new Error(`${this.recording.header.scenario}: no pod ${name}`);
    return sample.pod;
  }

  actions(kind: ActionObservation['action']): ActionObservation[] {
    return this.observations.filter((o): o is ActionObservation => o.kind === 'action' && o.action === kind);
  }

  /** Receive times at which the pod's condition `type` turned to `status`. */
  conditionFlips(pod: string, type: string, status: 'True' | 'False'): number[] {
    // A pod without the condition yet is not ready; the first sample only sets the starting value.
    const flips: number[] = [];
    let last: string | undefined;
    for (const sample of this.podSamples(pod).filter((s) => s.pod.metadata.name === pod)) {
      const now = sample.pod.status?.conditions?.find((c) => c.type === type)?.status ?? 'False';
      if (last !== undefined && now !== last && now === status) flips.push(sample.at);
      last = now;
    }
    return flips;
  }

  /** Receive time of the first pod object showing the container with restartCount `count`, and its status. */
  restarts(pod: string, container: string): { at: number; status: ContainerStatus }[] {
    const seen: { at: number; status: ContainerStatus }[] = [];
    let last = 0;
    for (const sample of this.podSamples(pod).filter((s) => s.pod.metadata.name === pod)) {
      const status = this.containerStatus(sample.pod, container);
      if (status && status.restartCount > last) {
        seen.push({ at: sample.at, status });
        last = status.restartCount;
      }
    }
    return seen;
  }

  containerStatus(pod: Pod, container: string): ContainerStatus | undefined {
    return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === container);
  }

  /** The API's startedAt (whole seconds) of each container instance, by restartCount. */
  startedAt(pod: string, container: string, restartCount = 0): number {
    for (const sample of this.podSamples(pod).filter((s) => s.pod.metadata.name === pod)) {
      const status = this.containerStatus(sample.pod, container);
      const started = status?.state?.running?.startedAt;
      if (status && started && status.restartCount === restartCount) return Date.parse(started);
    }
    throw new Error(`${this.recording.header.scenario}: ${pod}/${container} never ran as restart ${restartCount}`);
  }

  /** Receive time at which containerStatuses[].started first turned true. */
  startedFlip(pod: string, container: string): number {
    const sample = this.podSamples(pod).find((s) => s.pod.metadata.name === pod && this.containerStatus(s.pod, container)?.started === true);
    if (!sample) throw new Error(`${this.recording.header.scenario}: ${container} never started`);
    return sample.at;
  }

  /** Receive time of the first pod object showing the container in a terminated state. */
  terminatedAt(pod: string, container: string): number {
    const sample = this.podSamples(pod).find((s) => s.pod.metadata.name === pod && this.containerStatus(s.pod, container)?.state?.terminated !== undefined);
    if (!sample) throw new Error(`${this.recording.header.scenario}: ${container} never terminated`);
    return sample.at;
  }

  /** Receive time of the first pod object in this phase. */
  phaseAt(pod: string, phase: string): number {
    const sample = this.podSamples(pod).find((s) => s.pod.metadata.name === pod && s.pod.status?.phase === phase);
    if (!sample) throw new Error(`${this.recording.header.scenario}: ${pod} never ${phase}`);
    return sample.at;
  }

  deletedAt(pod: string): number {
    const sample = this.podSamples(pod).find((s) => s.pod.metadata.name === pod && s.type === 'DELETED');
    if (!sample) throw new Error(`${this.recording.header.scenario}: ${pod} never deleted`);
    return sample.at;
  }

  /**
   * Receive times of each occurrence of a pod event (a core/v1 event repeats in place: count 2, 3 …),
   * for one container (fieldPath spec.containers{name}).
   */
  eventTimes(pod: string, reason: string, container?: string): number[] {
    const times: number[] = [];
    let count = 0;
    for (const o of this.observations) {
      if (o.kind !== 'watch' || o.resource !== 'events') continue;
      const event: KubeEvent = o.object;
      if (event.involvedObject.name !== pod || event.reason !== reason) continue;
      if (container !== undefined && event.involvedObject.fieldPath !== `spec.containers{${container}}`) continue;
      const now = event.count ?? count + 1;
      for (let i = count; i < now; i++) times.push(o.at);
      count = Math.max(count, now);
    }
    return times;
  }
}
