// A test double of the read and watch side of the Cluster port (src/cluster/port.ts), NOT a
// Kubernetes API: it serves a class of namespaces, each one a recorded stream of observations
// (test/verify/student-streams.ts). A watch delivers what the stream holds up to the current
// time as its initial list, then each later observation when the test moves time on.
// Other kinds (a Service an object check names) come from objects the test adds.

import type { WatchHandle, WatchOptions } from '../../src/cluster/port.js';
import type { KubeObject, Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import type { LiveSource } from '../../src/verify/live-grading.js';

interface Student {
  observations: Observation[];
  objects: KubeObject[];
  delivered: number;
  listener?: (observation: Observation) => void;
}

export class StreamedClass implements LiveSource {
  readonly connection = { context: 'kind-class', server: 'https://127.0.0.1:6443' };
  readonly #students = new Map<string, Student>();
  /** Watches being opened right now, and the most ever at once. */
  #opening = 0;
  mostOpeningAtOnce = 0;
  readonly watched: string[] = [];
  readonly reads: string[] = [];

  constructor(public time: number) {}

  add(namespace: string, observations: Observation[], objects: KubeObject[] = []): this {
    this.#students.set(namespace, { observations, objects, delivered: 0 });
    return this;
  }

  /** Moves time on and delivers every observation due by then, in time order across namespaces. */
  advanceTo(time: number): void {
    this.time = time;
    const due = [...this.#students.values()].flatMap((student) => student.observations.slice(student.delivered).filter((o) => o.at <= time).map((o) => ({ student, o })));
    for (const { student, o } of due.sort((a, b) => a.o.at - b.o.at)) {
      student.delivered++;
      student.listener?.(o);
    }
  }

  async watch(options: WatchOptions): Promise<WatchHandle> {
    const student = this.#students.get(options.namespace);
    if (!student) throw new Error(`no stream for namespace ${options.namespace}`);
    this.#opening++;
    this.mostOpeningAtOnce = Math.max(this.mostOpeningAtOnce, this.#opening);
    // The list request takes a moment, as a real one does.
    await new Promise((resolve) => setImmediate(resolve));
    this.#opening--;
    this.watched.push(options.namespace);
    student.listener = options.onObservation;
    while (student.delivered < student.observations.length && student.observations[student.delivered]!.at <= this.time) options.onObservation(student.observations[student.delivered++]!);
    return { stop: async () => void (student.listener = undefined) };
  }

  async getObject(namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
    this.reads.push(`get ${namespace} ${kind}/${name}`);
    return this.#students.get(namespace)?.objects.find((o) => o.kind === kind && o.metadata.name === name);
  }

  async listPods(namespace: string): Promise<Pod[]> {
    this.reads.push(`list ${namespace} pods`);
    return [];
  }

  async listObjects(namespace: string, kind: string): Promise<KubeObject[]> {
    this.reads.push(`list ${namespace || '(cluster)'} ${kind}`);
    if (kind === 'Namespace') return [...this.#students.keys()].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
    return this.#students.get(namespace)?.objects.filter((o) => o.kind === kind) ?? [];
  }
}
