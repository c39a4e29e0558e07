// One-line descriptions of what a run did and saw, for the headless log. Only the transitions a
// learner or a CI reader acts on get a line: READY / STATUS / RESTARTS changes, containers that
// ended, readiness gates, pods appearing and going, endpoint moves in the source the checks read,
// and events that are new or repeated. Everything else (other pod conditions, the `started` flag,
// replica counts, the Endpoints mirror of an EndpointSlice change) is left to the JSON report.

import type { AppliedCleanup, AppliedObject } from '../cluster/port.js';
import { formatDuration } from '../lab/duration.js';
import type { ActionObservation } from '../model/observation.js';
import type { LabCleanup } from '../runner/events.js';
import type { Termination, Transition } from '../timeline/transitions.js';
import { oneLine } from './text.js';

export function describeTransition(t: Transition): string | undefined {
  const text = describe(t);
  return text === undefined ? undefined : t.synthetic ? `${text} (from a relist)` : text;
}

function describe(t: Transition): string | undefined {
  switch (t.kind) {
    case 'podAdded':
      return `pod ${t.pod} added (${t.columns.status})`;
    case 'podDeleted':
      return `pod ${t.pod} deleted`;
    case 'readyChanged':
      if (t.from !== t.to) return `pod ${t.pod} READY ${t.from} → ${t.to}`;
      // The column stays while the Ready condition flips: a readiness gate, or containers that
      // are ready while the pod is not. Its first appearance (unset → False) is no news.
      if (t.readyCondition.from !== undefined && t.readyCondition.from !== t.readyCondition.to) {
        return `pod ${t.pod} Ready condition ${t.readyCondition.from} → ${t.readyCondition.to ?? 'unset'} (READY ${t.to})`;
      }
      return undefined;
    case 'statusChanged':
      return `pod ${t.pod} STATUS ${t.from} → ${t.to}`;
    case 'restarted':
      return `pod ${t.pod} RESTARTS ${t.from} → ${t.to} (${t.init ? 'init container' : 'container'} ${t.container})`;
    case 'containerTerminated':
      return `pod ${t.pod} ${t.init ? 'init container' : 'container'} ${t.container} terminated: ${termination(t.termination)}`;
    case 'conditionChanged':
      return t.readinessGate ? `pod ${t.pod} readiness gate ${t.type} ${t.from ?? 'unset'} → ${t.to ?? 'unset'}` : undefined;
    case 'endpointChanged':
      return t.preferred ? `endpoints ${t.service}: ${t.pod ?? t.key} ${t.from} → ${t.to}` : undefined;
    case 'eventSeen': {
      if (!t.isNew && t.event.count <= t.previousCount) return undefined;
      const count = t.event.count > 1 ? ` (x${t.event.count})` : '';
      const object = t.event.involvedObject.name ? ` ${t.event.involvedObject.kind ?? 'object'}/${t.event.involvedObject.name}` : '';
      const limited = t.spamLimited ? ' [the kubelet now throttles repeats of this event]' : '';
      return `event ${t.event.type} ${t.event.reason}${count}${object}: ${oneLine(t.event.message)}${limited}`;
    }
    case 'note':
      return `note: ${oneLine(t.text)}`;
    case 'deploymentChanged':
    case 'startedChanged':
    case 'containerStarted':
    case 'action':
      // Actions get their line from the runner's `action` event, which knows the step.
      return undefined;
  }
}

function termination(t: Termination): string {
  const parts = [`exit code ${t.exitCode}`];
  if (t.signal !== undefined) parts.push(`signal ${t.signal}`);
  if (t.reason) parts.push(t.reason);
  const message = t.message ? `: ${oneLine(t.message)}` : '';
  return `${parts.join(', ')}${message}`;
}

/** Where an action ran: its pod and, when named, the container. */
export interface ActionPlace {
  pod: string;
  container?: string;
}

/** The words of an action's line, one language each (the reports' English is below; Korean in src/i18n/messages.ts). */
export interface ActionWords {
  exec(command: string, place: ActionPlace | undefined, exitCode: number | undefined): string;
  signal(signal: string, place: ActionPlace | undefined, exitCode: number | undefined): string;
  patchStatus(pod: string | undefined, change: { condition: { type?: string; status?: string } } | { operations: number }): string;
  delete(target: { pod: string } | { object: string }, graceSeconds: string | undefined): string;
  scale(deployment: string, replicas: string): string;
  sleep(duration: string): string;
  apply(file: string, objects: string): string;
}

const where = (place: ActionPlace | undefined) => (place ? ` in ${place.pod}${place.container ? ` (container ${place.container})` : ''}` : '');
const exit = (code: number | undefined) => (code === undefined ? '' : ` (exit ${code})`);

export const ENGLISH_ACTION_WORDS: ActionWords = {
  exec: (command, place, code) => `exec ${command}${where(place)}${exit(code)}`,
  signal: (signal, place, code) => `signal ${signal} to PID 1${where(place)}${exit(code)}`,
  patchStatus: (pod, change) => `patch status of ${pod}: ${'condition' in change ? `condition ${change.condition.type}=${change.condition.status}` : `JSON patch (${change.operations} operations)`}`,
  delete: (target, grace) => `delete ${'pod' in target ? `pod ${target.pod}` : target.object}${grace === undefined ? '' : ` (grace period ${grace}s)`}`,
  scale: (deployment, replicas) => `scale deployment ${deployment} to ${replicas} replicas`,
  sleep: (duration) => `sleep ${duration}`,
  apply: (file, objects) => `apply ${file}${objects ? `: ${objects}` : ''}`,
};

export function describeAction(a: ActionObservation, words: ActionWords = ENGLISH_ACTION_WORDS): string {
  const place = a.pod ? { pod: a.pod, container: a.container } : undefined;
  const detail = a.detail ?? {};
  switch (a.action) {
    case 'exec':
      return words.exec(oneLine((a.command ?? []).join(' ')), place, a.exitCode);
    case 'signal':
      return words.signal(a.command?.[2] ?? '?', place, a.exitCode);
    case 'patchStatus': {
      const condition = detail.condition as { type?: string; status?: string } | undefined;
      return words.patchStatus(a.pod, condition ? { condition } : { operations: Array.isArray(a.patch) ? a.patch.length : 1 });
    }
    case 'delete':
      return words.delete(a.pod ? { pod: a.pod } : { object: String(detail.object) }, detail.gracePeriodSeconds === undefined ? undefined : String(detail.gracePeriodSeconds));
    case 'scale':
      return words.scale(String(detail.deployment), String(detail.replicas));
    case 'sleep':
      return words.sleep(String(detail.duration));
    case 'apply':
      return words.apply(String(detail.file), Array.isArray(detail.objects) ? detail.objects.join(', ') : '');
  }
}

export function describeApplied(objects: AppliedObject[]): string {
  return objects.length === 0 ? 'applied (no objects)' : `applied ${objects.map((o) => `${o.kind}/${o.name}`).join(', ')}`;
}

export function describeCleanup(cleanup: LabCleanup): string {
  if ('kept' in cleanup) return `kept: delete it later with ${cleanup.deleteWith ?? `kubectl delete namespace ${cleanup.namespace}`}`;
  if ('deleted' in cleanup) return describeAppliedCleanup(cleanup);
  if (cleanup.gone) return `cleanup: namespace ${cleanup.namespace} deleted (${formatDuration(cleanup.waitedMs)})`;
  return `cleanup: namespace ${cleanup.namespace} still terminating after ${formatDuration(cleanup.waitedMs)}; check it with kubectl get namespace ${cleanup.namespace}`;
}

/** In a namespace the user named: what was deleted (the namespace stays), and what may be left. */
function describeAppliedCleanup(cleanup: AppliedCleanup): string {
  const parts = [
    cleanup.deleted.length > 0 ? `deleted ${cleanup.deleted.join(', ')} from namespace ${cleanup.namespace}` : `nothing to delete in namespace ${cleanup.namespace}`,
    ...cleanup.failed.map((failure) => `could not delete ${oneLine(failure)}`),
  ];
  const left = cleanup.failed.length > 0 || !cleanup.podsGone;
  const after = left ? `; ${cleanup.podsGone ? '' : 'pods of this run still there; '}delete what is left with ${cleanup.deleteWith}` : '';
  return `cleanup: ${parts.join('; ')} (${formatDuration(cleanup.waitedMs)}, the namespace stays)${after}`;
}
