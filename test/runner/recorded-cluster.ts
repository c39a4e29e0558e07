// A test double of the Cluster port (src/cluster/port.ts), NOT a Kubernetes API: it answers the
// runner with the observations of a recording made on a real cluster. Time is virtual: sleeping
// advances the clock to the next recorded observation, and each action the runner performs lets
// the recording move past the matching recorded action. In hands-on mode (learnerActs) the
// recorded actions stand in for a learner's, made at their recorded times in another terminal:
// the recording moves past them on its own, and the runner itself must not act.

import type { AppliedObject, ApplyOwnership, Cluster, ExecResult, WatchHealth, WatchOptions } from '../../src/cluster/port.js';
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import type { Clock } from '../../src/runner/clock.js';

export interface Call {
  method: string;
  args: unknown[];
}

export class RecordedCluster implements Cluster, Clock {
  readonly connection = { context: 'kind-test', server: 'https://127.0.0.1:6443' };
  readonly calls: Call[] = [];
  readonly deleted: string[] = [];
  #time: number;
  #cursor = 0;
  /** Observations before this index may be delivered: the next recorded action gates the rest. */
  #gate: number;
  readonly #observations: Observation[];
  #listener: ((observation: Observation) => void) | undefined;
  #onHealth: ((health: WatchHealth) => void) | undefined;
  /** Health reports to send as the clock passes their time (a scripted watch outage), oldest first. */
  health: { at: number; health: WatchHealth }[] = [];
  /** Results for exec calls; defaults to the recorded action's exit code. */
  execResults: ExecResult[] = [];
  /** The recorded actions are a learner's: nothing gates the recording, and the runner may not act. */
  #learner = false;

  /** A double whose recorded actions stand in for a learner's (hands-on mode). */
  static learnerActs(recording: Recording, startAt?: number): RecordedCluster {
    const cluster = new RecordedCluster(recording, recording.header.namespace, startAt);
    cluster.#learner = true;
    cluster.#gate = recording.observations.length;
    return cluster;
  }

  /** `startAt` (epoch ms) lets the run begin later in the recording: the watch's first list then holds the state at that time. */
  constructor(
    readonly recording: Recording,
    readonly namespace = recording.header.namespace,
    startAt?: number,
  ) {
    this.#observations = recording.observations;
    this.#time = startAt ?? Date.parse(recording.header.startedAt);
    this.#gate = this.#nextActionIndex(0);
  }

  /** A watch cut at `lostAt` by a refused connection and back at `backAt` after a relist that found `missed` changes. */
  scriptOutage(resource: string, lostAt: number, backAt: number, missed = 0): void {
    this.health.push(
      { at: lostAt, health: { state: 'reconnecting', resource, since: lostAt, attempt: 1, reason: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' } },
      { at: backAt, health: { state: 'connected', resource, since: backAt, relist: { missed } } },
    );
    this.health.sort((a, b) => a.at - b.at);
  }

  /** When the recording's first action (step 2's fault) happened. */
  get firstActionAt(): number {
    return this.#observations.find((o) => o.kind === 'action')!.at;
  }

  // Clock
  now(): number {
    return this.#time;
  }

  /** As the Clock promises: after `ms` of virtual time, or early when `signal` aborts (a delivery wakes the runner's queue). */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const until = this.#time + ms;
    do {
      const next = this.#observations[this.#cursor];
      // Step to whatever comes first: the next deliverable observation, a scripted health report, or the target.
      const stops = [until, this.health[0]?.at ?? Infinity, next && this.#cursor < this.#gate ? next.at : Infinity];
      this.#time = Math.max(this.#time, Math.min(...stops));
      this.#deliverDue();
    } while (this.#time < until && !signal?.aborted);
    await Promise.resolve();
  }

  #nextActionIndex(from: number): number {
    const index = this.#observations.findIndex((o, i) => i >= from && o.kind === 'action');
    return index === -1 ? this.#observations.length : index;
  }

  #deliverDue(): void {
    while (this.health.length > 0 && this.health[0]!.at <= this.#time) this.#onHealth?.(this.health.shift()!.health);
    while (this.#cursor < this.#gate && this.#observations[this.#cursor]!.at <= this.#time) {
      const observation = this.#observations[this.#cursor++]!;
      if (observation.kind !== 'action') this.#listener?.(observation);
    }
  }

  /** The runner acted: jump to the recorded action's time and open the gate to the next one. */
  #act(method: string, args: unknown[]): Observation | undefined {
    this.calls.push({ method, args });
    if (this.#learner) throw new Error(`the runner called ${method} in hands-on mode, where the learner acts`);
    const action = this.#observations[this.#gate];
    if (action === undefined) return undefined;
    this.#time = Math.max(this.#time, action.at);
    this.#deliverDue();
    this.#cursor = Math.max(this.#cursor, this.#gate + 1);
    this.#gate = this.#nextActionIndex(this.#gate + 1);
    return action;
  }

  // Cluster
  async createLabNamespace(lab: string): Promise<string> {
    this.calls.push({ method: 'createLabNamespace', args: [lab] });
    return this.namespace;
  }

  /** What apply() answers, per call (the recording does not say what was applied); then nothing. */
  applyResults: AppliedObject[][] = [];

  async apply(namespace: string, manifests: string, ownership?: ApplyOwnership) {
    this.calls.push({ method: 'apply', args: ownership ? [namespace, manifests, ownership.labels] : [namespace, manifests] });
    const objects = this.applyResults.shift() ?? [];
    ownership?.applied.push(...objects);
    return objects;
  }

  async watch(options: WatchOptions) {
    this.calls.push({ method: 'watch', args: options.labelSelector ? [options.namespace, options.labelSelector] : [options.namespace] });
    this.#listener = options.onObservation;
    this.#onHealth = options.onHealth;
    this.#deliverDue();
    return {
      stop: async () => {
        this.#listener = undefined;
        this.#onHealth = undefined;
      },
    };
  }

  async exec(namespace: string, pod: string, command: string[]): Promise<ExecResult> {
    const recorded = this.#act('exec', [namespace, pod, command]);
    const scripted = this.execResults.shift();
    if (scripted) return scripted;
    const exitCode = recorded?.kind === 'action' ? (recorded.exitCode ?? 0) : 0;
    return { exitCode, stdout: recorded?.kind === 'action' ? (recorded.stdout ?? '') : '', stderr: '' };
  }

  async signal(namespace: string, pod: string, signal: string): Promise<ExecResult> {
    this.#act('signal', [namespace, pod, signal]);
    return { exitCode: 0, stdout: '', stderr: '' };
  }

  async setPodCondition(namespace: string, pod: string, condition: unknown) {
    this.#act('setPodCondition', [namespace, pod, condition]);
  }

  async patchPodStatus(namespace: string, pod: string, patch: unknown) {
    this.#act('patchPodStatus', [namespace, pod, patch]);
  }

  async deleteObject(namespace: string, kind: string, name: string, grace?: number) {
    this.#act('deleteObject', [namespace, kind, name, grace]);
  }

  async scale(namespace: string, kind: string, name: string, replicas: number) {
    this.#act('scale', [namespace, kind, name, replicas]);
  }

  async listPods() {
    return [];
  }

  /** Knows only its own namespace (what `run -n` asks before it applies). */
  async getObject(_namespace: string, kind: string, name: string) {
    return kind === 'Namespace' && name === this.namespace ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } : undefined;
  }

  async listObjects() {
    return [];
  }

  async logs() {
    return '';
  }

  async deleteNamespace(namespace: string) {
    this.calls.push({ method: 'deleteNamespace', args: [namespace] });
    this.deleted.push(namespace);
    return { namespace, gone: true, waitedMs: 1200 };
  }

  async deleteApplied(namespace: string, objects: AppliedObject[], labelSelector: string) {
    this.calls.push({ method: 'deleteApplied', args: [namespace, objects.map((o) => `${o.kind}/${o.name}`), labelSelector] });
    this.deleted.push(...objects.map((o) => `${o.kind}/${o.name}`));
    return { namespace, deleted: objects.map((o) => `${o.kind}/${o.name}`), failed: [], podsGone: true, waitedMs: 900, deleteWith: `kubectl delete all,configmaps -n ${namespace} -l ${labelSelector}` };
  }
}
