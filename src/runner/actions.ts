// Runs a lab step's actions against the cluster and reports each as an ActionObservation (the
// same shape a recording stores). Pods named by selector are picked from the watched pods, so a
// pick sees exactly what the judge sees.

import { formatDuration, parseDuration } from '../lab/duration.js';
import { probesSettled } from '../probes/settled.js';
import type { Action, PodRef } from '../lab/schema.js';
import type { LoadedLab } from '../lab/load.js';
import type { ApplyOwnership, Cluster } from '../cluster/port.js';
import type { ActionObservation } from '../model/observation.js';
import type { Pod } from '../model/kube.js';
import { matchText } from '../expect/predicates.js';
import type { Clock } from './clock.js';
import { podsToPick } from './selector.js';

export interface ActionContext {
  cluster: Cluster;
  namespace: string;
  loaded: LoadedLab;
  clock: Clock;
  signal: AbortSignal;
  bindings: Map<string, string>;
  /** In a namespace the user named: how what a step applies is labelled and remembered for cleanup. */
  ownership?: ApplyOwnership;
  /** The pods the watch holds, after applying what it has delivered so far. */
  pods(): Promise<Pod[]>;
  /** How long to wait for a pod matching a selector to be running. */
  pickTimeoutMs?: number;
  /** Says something worth a line in the run's log (e.g. why an action waits). */
  note?(text: string): void;
}

export class ActionError extends Error {}

const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

/** Runs one action other than `sleep` (the runner sleeps itself, watching as it waits). */
export async function runAction(action: Exclude<Action, { sleep: string }>, context: ActionContext): Promise<ActionObservation> {
  const { cluster, namespace, clock } = context;
  const at = () => clock.now();
  if ('apply' in action) {
    const manifest = context.loaded.extraManifests.get(action.apply);
    if (!manifest) throw new ActionError(`manifest ${action.apply} was not loaded`);
    const objects = await cluster.apply(namespace, manifest.text, context.ownership);
    return { kind: 'action', at: at(), action: 'apply', detail: { file: action.apply, objects: objects.map((o) => `${o.kind}/${o.name}`) } };
  }
  if ('scale' in action) {
    await cluster.scale(namespace, 'Deployment', action.scale.deployment, action.scale.replicas);
    return { kind: 'action', at: at(), action: 'scale', detail: { deployment: action.scale.deployment, replicas: action.scale.replicas } };
  }
  if ('exec' in action) {
    const spec = action.exec;
    const pod = await pickPod(spec.pod, spec.as, context);
    await untilProbesSettled(pod, context);
    const timeoutMs = spec.timeout ? parseDuration(spec.timeout) : DEFAULT_EXEC_TIMEOUT_MS;
    const result = await cluster.exec(namespace, pod, spec.command, { container: spec.container, timeoutMs });
    const observation: ActionObservation = { kind: 'action', at: at(), action: 'exec', pod, container: spec.container, command: spec.command, ...result };
    if (result.exitCode !== spec.expectExit) {
      throw new ActionError(`\`${spec.command.join(' ')}\` in pod ${pod} exited ${result.exitCode}, expected ${spec.expectExit}${result.stderr ? `: ${result.stderr.trim().slice(0, 300)}` : ''}`);
    }
    if (spec.expectOutput && !matchText(spec.expectOutput, result.stdout)) {
      throw new ActionError(`\`${spec.command.join(' ')}\` in pod ${pod} printed ${JSON.stringify(result.stdout.trim().slice(0, 300))}, expected ${spec.expectOutput}`);
    }
    return observation;
  }
  if ('signal' in action) {
    const spec = action.signal;
    const pod = await pickPod(spec.pod, spec.as, context);
    await untilProbesSettled(pod, context);
    const result = await cluster.signal(namespace, pod, spec.signal, { container: spec.container });
    if (result.exitCode !== 0) throw new ActionError(`kill -s ${spec.signal} 1 in pod ${pod} exited ${result.exitCode}: ${result.stderr.trim().slice(0, 300)}`);
    return { kind: 'action', at: at(), action: 'signal', pod, container: spec.container, command: ['kill', '-s', spec.signal, '1'], ...result };
  }
  if ('patchStatus' in action) {
    const spec = action.patchStatus;
    const pod = await pickPod(spec.pod, undefined, context);
    if ('condition' in spec) {
      await cluster.setPodCondition(namespace, pod, spec.condition);
      return { kind: 'action', at: at(), action: 'patchStatus', pod, detail: { condition: spec.condition } };
    }
    await cluster.patchPodStatus(namespace, pod, spec.jsonPatch as Parameters<Cluster['patchPodStatus']>[2]);
    return { kind: 'action', at: at(), action: 'patchStatus', pod, patch: spec.jsonPatch };
  }
  const spec = action.delete;
  if ('pod' in spec) {
    const pod = await pickPod(spec.pod, spec.as, context);
    await cluster.deleteObject(namespace, 'Pod', pod, spec.gracePeriodSeconds);
    return { kind: 'action', at: at(), action: 'delete', pod, detail: spec.gracePeriodSeconds === undefined ? undefined : { gracePeriodSeconds: spec.gracePeriodSeconds } };
  }
  const [kind, name] = spec.object.split('/') as [string, string];
  await cluster.deleteObject(namespace, kind, name, spec.gracePeriodSeconds);
  return { kind: 'action', at: at(), action: 'delete', detail: { object: spec.object, ...(spec.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: spec.gracePeriodSeconds }) } };
}

/**
 * A fault on a container whose probes have not run yet races them: the probe that should catch it
 * waits for its initial delay, and a signal may reach a process that has not installed its
 * handler. So an exec or a signal waits until the pod's probes have had their first run, as a
 * learner following the tutorial would (the wait is bounded by the probes' own timing, whatever
 * the clocks of this machine and the node say). Hands-on mode waits the same way before it shows
 * the learner the commands (`before` says what waits).
 */
export async function untilProbesSettled(podName: string, context: Pick<ActionContext, 'pods' | 'clock' | 'signal' | 'note'>, before = `acting on ${podName}`): Promise<void> {
  const pod = (await context.pods()).find((p) => p.metadata.name === podName);
  const settled = pod && probesSettled(pod);
  if (!settled) return;
  const waitMs = Math.min(settled.at - context.clock.now(), settled.afterStartMs);
  if (waitMs <= 0) return;
  context.note?.(`waiting ${formatDuration(waitMs)} before ${before}, until ${settled.why} has had its first run`);
  await context.clock.sleep(waitMs, context.signal);
}

/** Resolves a pod ref; a selector picks among running, non-terminating pods and binds $picked. */
async function pickPod(ref: PodRef, as: string | undefined, context: ActionContext): Promise<string> {
  let name: string;
  if (typeof ref === 'string') {
    const bound = ref.startsWith('$') ? context.bindings.get(ref) : ref;
    if (bound === undefined) throw new ActionError(`${ref} is not bound to a pod`);
    name = bound;
  } else {
    // A Ready pod is the one a fault should hit (it is the one serving); a pod that only runs is
    // taken when none becomes Ready in time.
    const deadline = context.clock.now() + (context.pickTimeoutMs ?? 30_000);
    let candidates: string[] = [];
    for (;;) {
      const { running, ready } = podsToPick(await context.pods(), ref.selector);
      const timedOut = context.clock.now() >= deadline || context.signal.aborted;
      candidates = ready.length > 0 ? ready : timedOut ? running : [];
      if (candidates.length > 0 || timedOut) break;
      await context.clock.sleep(500, context.signal);
    }
    if (candidates.length === 0) throw new ActionError(`no running pod matches ${ref.selector}`);
    name = ref.pick === 'last' ? candidates.at(-1)! : ref.pick === 'random' ? candidates[Math.floor(Math.random() * candidates.length)]! : candidates[0]!;
    context.bindings.set('$picked', name);
  }
  if (as) context.bindings.set(`$${as}`, name);
  return name;
}
