// `observed:` checks: behaviour the cluster shows, read from the target's pods (the READY and
// RESTARTS columns as kubectl prints them, a container's last state) and the events about them.
// A Deployment passes when one of its pods shows the behaviour: a fault hits one replica.

import type { Check } from '../lab/schema.js';
import type { ContainerStatus, KubeEvent, Pod, PodSpec } from '../model/kube.js';
import { matchText } from '../expect/predicates.js';
import { effectiveProbe } from '../probes/defaults.js';
import { podColumns } from '../timeline/pod-columns.js';
import { eventCount, sortEvents } from '../timeline/events.js';
import { formatCommand, type Outcome } from './spec-checks.js';

type ObservedCheck = Extract<Check, { observed: unknown }>;

/** podColumns reads the clock only for the AGE and "(12s ago)" texts, which checks never use. */
const NO_CLOCK = 0;

export function checkObserved(check: ObservedCheck, pods: Pod[], events: KubeEvent[], spec: PodSpec, owner: string): Outcome {
  if (pods.length === 0) return { passed: false, reason: `${owner} has no pods` };
  const outcomes = pods.map((pod) => ({ pod, ...onePod(check, pod, events, spec) }));
  const passed = outcomes.find((o) => o.problems.length === 0);
  const label = (pod: Pod) => (pods.length > 1 ? `pod ${pod.metadata.name}: ` : '');
  if (passed) return { passed: true, reason: label(passed.pod) + passed.seen.join('; ') };
  const closest = outcomes.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
  return { passed: false, reason: label(closest.pod) + closest.problems.join('; ') };
}

function onePod(check: ObservedCheck, pod: Pod, events: KubeEvent[], spec: PodSpec): { problems: string[]; seen: string[] } {
  const expected = check.observed;
  const problems: string[] = [];
  const seen: string[] = [];
  const columns = podColumns(pod, NO_CLOCK);
  const statuses = pod.status?.containerStatuses ?? [];
  const containerName = check.container ?? spec.containers[0]?.name;
  const status: ContainerStatus | undefined = statuses.find((s) => s.name === containerName);

  if (expected.restarts !== undefined) {
    const count = check.container ? (status?.restartCount ?? 0) : columns.restartCount;
    const wanted = expected.restarts;
    const ok = typeof wanted === 'number' ? count === wanted : count >= wanted.atLeast;
    if (ok) seen.push(`RESTARTS ${String(count)}`);
    else if (typeof wanted === 'number') problems.push(`RESTARTS is ${String(count)}, expected ${String(wanted)}`);
    else if (count === 0) problems.push(`the pod has not restarted yet (RESTARTS 0); ${restartHint(spec, containerName)}`);
    else problems.push(`RESTARTS is ${String(count)}, expected at least ${String(wanted.atLeast)}`);
  }
  if (expected.ready !== undefined) {
    if (columns.ready === expected.ready) seen.push(`READY ${columns.ready}`);
    else problems.push(`READY is ${columns.ready}, expected ${expected.ready}`);
  }
  if (expected.lastState !== undefined) {
    const last = status?.lastState?.terminated;
    const wanted = expected.lastState;
    const describe = (reason: string | undefined, exitCode: number | undefined) =>
      [reason, exitCode === undefined ? undefined : `exit code ${String(exitCode)}`].filter(Boolean).join(', ');
    if (!last) {
      problems.push(`container ${containerName ?? '?'} has no last state yet (it has not terminated), expected ${describe(wanted.reason, wanted.exitCode)}`);
    } else if ((wanted.reason !== undefined && last.reason !== wanted.reason) || (wanted.exitCode !== undefined && last.exitCode !== wanted.exitCode)) {
      problems.push(`the last state is ${describe(last.reason, last.exitCode)}, expected ${describe(wanted.reason, wanted.exitCode)}`);
    } else {
      seen.push(`last state ${describe(last.reason, last.exitCode)}`);
    }
  }
  if (expected.event !== undefined) {
    const about = sortEvents(events.filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name));
    const sameReason = about.filter((e) => e.reason === expected.event!.reason);
    const match = sameReason.filter((e) => expected.event!.message === undefined || matchText(expected.event!.message, (e.message ?? '').trim()));
    const wanted = `${expected.event.reason} event${expected.event.message === undefined ? '' : ` saying "${expected.event.message}"`}`;
    if (match.length > 0) {
      const last = match.at(-1)!;
      const count = match.reduce((sum, e) => sum + eventCount(e), 0);
      seen.push(`${last.reason ?? ''} event${count > 1 ? ` (x${String(count)})` : ''}: ${(last.message ?? '').trim()}`);
    } else if (sameReason.length > 0) {
      problems.push(`no ${wanted}; its ${expected.event.reason} events say "${(sameReason.at(-1)!.message ?? '').trim()}"`);
    } else {
      // The API server keeps events for an hour (--event-ttl), so an old namespace may have lost them.
      problems.push(`no ${wanted} for pod ${pod.metadata.name} yet`);
    }
  }
  return { problems, seen };
}

/** What would make the pod restart, from its own liveness probe: the teaching half of the reason. */
function restartHint(spec: PodSpec, containerName: string | undefined): string {
  const container = spec.containers.find((c) => c.name === containerName);
  const liveness = container?.livenessProbe;
  if (!liveness) return `container ${containerName ?? '?'} has no livenessProbe that would restart it`;
  const handler = effectiveProbe(liveness).handler;
  const what =
    handler.kind === 'exec' ? `exec ${formatCommand(handler.exec.command ?? [])}`
    : handler.kind === 'httpGet' ? `httpGet ${handler.httpGet.path} on port ${String(handler.httpGet.port)}`
    : handler.kind === 'tcpSocket' ? `tcpSocket on port ${String(handler.tcpSocket.port)}`
    : handler.kind === 'grpc' ? `grpc on port ${String(handler.grpc.port)}`
    : 'its handler';
  return `it should restart once its livenessProbe (${what}) fails`;
}
