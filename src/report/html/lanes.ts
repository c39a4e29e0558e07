// What the picture shows per pod and per container, read off the Timeline's transitions: when
// each container ran, its READY, the probe failures and kills the kubelet reported as events,
// restarts with their exit codes, and the pod's membership in Service endpoints.
//
// The kubelet does not report probe attempts that pass; a failed one is visible only as an
// `Unhealthy` event, written again in place with count+1 for each further failure
// (client-go tools/record/events_cache.go, EventCorrelator), so every count increment is one tick.

import type { ContainerStatus, Pod } from '../../model/kube.js';
import type { ActionObservation, Observation } from '../../model/observation.js';
import type { EndpointState } from '../../timeline/endpoints.js';
import type { EventSeen, Transition } from '../../timeline/transitions.js';
import { actionCommand, type CommandPlace } from '../kubectl.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** One delivery of an Unhealthy event: `occurrences` probe failures (more than 1 when the count jumped). */
export interface ProbeTick {
  at: number;
  probe: ProbeKind | undefined;
  /** The event's count after this delivery. */
  count: number;
  occurrences: number;
  message: string;
}

export type MarkerKind = 'killing' | 'backoff' | 'warning' | 'restart' | 'terminated';

export interface LaneMarker {
  at: number;
  kind: MarkerKind;
  /** Short text drawn beside the marker. */
  label: string;
  /** The whole story, for the hover title. */
  detail: string;
}

export interface ReadyPoint {
  at: number;
  ready: boolean;
}

/** A time a container instance was running: from its start to its end as the watch saw them. */
export interface RunningSpan {
  from: number;
  to?: number;
  /**
   * state.running.startedAt as the kubelet reported it (epoch ms, whole seconds): the oracle's
   * "after start" reference. The watch delivers the running status later (PLEG relist, status
   * write), so `from` alone would put predictions a second or more too late.
   */
  reportedStart?: number;
}

export interface ContainerLane {
  name: string;
  init: boolean;
  ready: ReadyPoint[];
  running: RunningSpan[];
  probes: ProbeTick[];
  markers: LaneMarker[];
}

export interface EndpointPoint {
  at: number;
  service: string;
  state: EndpointState | 'absent';
}

export interface PodGroup {
  name: string;
  uid?: string;
  labels: Record<string, string>;
  addedAt: number;
  deletedAt?: number;
  /** The READY column each time it changed, e.g. 0/1 → 1/1. */
  readyColumn: { at: number; value: string }[];
  containers: ContainerLane[];
  endpoints: EndpointPoint[];
  /** Events about the pod as a whole (no container in their fieldPath). */
  markers: LaneMarker[];
}

/** An action probelab took against the cluster, drawn across every lane. */
export interface Fault {
  at: number;
  action: ActionObservation['action'];
  pod?: string;
  /** e.g. `exec rm /tmp/healthy`, `patchStatus`, `delete`. */
  label: string;
  detail: string;
  /** The kubectl command that does the same (when the namespace is known). */
  kubectl?: string;
}

export const FAULT_ACTIONS: readonly ActionObservation['action'][] = ['exec', 'signal', 'patchStatus', 'delete'];

/** One observation with the transitions the Timeline made of it. */
export interface Applied {
  observation: Observation;
  transitions: Transition[];
}

export function podGroups(applied: readonly Applied[]): PodGroup[] {
  const groups: PodGroup[] = [];
  const byName = new Map<string, PodGroup>();
  const containerOf = (group: PodGroup, name: string, init: boolean): ContainerLane => {
    let lane = group.containers.find((c) => c.name === name && c.init === init);
    if (!lane) {
      lane = { name, init, ready: [], running: [], probes: [], markers: [] };
      group.containers.push(lane);
      group.containers.sort((a, b) => Number(b.init) - Number(a.init));
    }
    return lane;
  };

  for (const { observation, transitions } of applied) {
    for (const t of transitions) {
      if (t.kind === 'podAdded') {
        const pod = observation.kind === 'watch' && observation.resource === 'pods' ? observation.object : undefined;
        const group: PodGroup = { name: t.pod, uid: t.uid, labels: pod?.metadata.labels ?? {}, addedAt: t.at, readyColumn: [{ at: t.at, value: t.columns.ready }], containers: [], endpoints: [], markers: [] };
        groups.push(group);
        byName.set(t.pod, group);
        continue;
      }
      if (t.kind === 'endpointChanged') {
        const group = t.pod === undefined ? undefined : byName.get(t.pod);
        if (group && t.preferred) group.endpoints.push({ at: t.at, service: t.service, state: t.to });
        continue;
      }
      if (t.kind === 'eventSeen') {
        placeEvent(t, byName, containerOf);
        continue;
      }
      if (!('pod' in t)) continue;
      const group = byName.get(t.pod);
      if (!group) continue;
      switch (t.kind) {
        case 'podDeleted':
          group.deletedAt = t.at;
          for (const lane of group.containers) closeSpan(lane, t.at);
          break;
        case 'readyChanged':
          group.readyColumn.push({ at: t.at, value: t.to });
          break;
        case 'containerStarted': {
          const lane = containerOf(group, t.container, t.init);
          closeSpan(lane, t.at);
          const reported = t.startedAt === undefined ? undefined : Date.parse(t.startedAt);
          lane.running.push(reported === undefined || Number.isNaN(reported) ? { from: t.at } : { from: t.at, reportedStart: reported });
          break;
        }
        case 'containerTerminated': {
          const lane = containerOf(group, t.container, t.init);
          closeSpan(lane, t.at);
          // Seen only in lastState means it was restarted already: the restart marker carries the exit code.
          if (t.seenIn === 'lastState') break;
          const { exitCode, reason, signal } = t.termination;
          lane.markers.push({
            at: t.at,
            kind: 'terminated',
            label: `exit ${exitCode}`,
            detail: `${t.container} ended: ${reason ?? 'terminated'}, exit code ${exitCode}${signal ? `, signal ${signal}` : ''}`,
          });
          break;
        }
        case 'restarted': {
          const lane = containerOf(group, t.container, t.init);
          const exit = t.lastState ? ` after exit ${t.lastState.exitCode}${t.lastState.reason ? ` (${t.lastState.reason})` : ''}` : '';
          const label = t.lastState ? `↻${t.to} exit ${t.lastState.exitCode}` : `↻${t.to}`;
          lane.markers.push({ at: t.at, kind: 'restart', label, detail: `${t.container}: RESTARTS ${t.from} → ${t.to}${exit}` });
          break;
        }
      }
    }
    if (observation.kind === 'watch' && observation.resource === 'pods' && transitions.length > 0) {
      const group = byName.get(observation.object.metadata.name);
      if (group && group.uid === observation.object.metadata.uid) recordReadiness(group, observation.object, observation.at, containerOf);
    }
  }
  return groups;
}

export function faults(observations: readonly Observation[], place?: CommandPlace): Fault[] {
  return observations.filter((o): o is ActionObservation => o.kind === 'action' && FAULT_ACTIONS.includes(o.action)).map((action) => fault(action, place));
}

function fault(action: ActionObservation, place: CommandPlace | undefined): Fault {
  const signal = typeof action.detail?.signal === 'string' ? action.detail.signal : undefined;
  const what = action.command?.join(' ') ?? (signal ? `kill -s ${signal} 1` : undefined);
  const label = [action.action, what].filter(Boolean).join(' ');
  const parts = [`${label}${action.pod ? ` in pod ${action.pod}` : ''}${action.container ? ` (container ${action.container})` : ''}`];
  if (action.exitCode !== undefined) parts.push(`exit code ${action.exitCode}`);
  if (action.stdout) parts.push(`stdout: ${action.stdout.trim()}`);
  if (action.stderr) parts.push(`stderr: ${action.stderr.trim()}`);
  if (action.patch !== undefined) parts.push(`patch: ${JSON.stringify(action.patch)}`);
  return { at: action.at, action: action.action, pod: action.pod, label, detail: parts.join('; '), kubectl: place && actionCommand(action, place) };
}

function closeSpan(lane: ContainerLane, at: number): void {
  const open = lane.running.at(-1);
  if (open && open.to === undefined) open.to = at;
}

// READY per container from the status itself: a pod's READY column counts containers, and a
// lane needs its own container's `ready` (containerStatuses[].ready).
function recordReadiness(group: PodGroup, pod: Pod, at: number, containerOf: (group: PodGroup, name: string, init: boolean) => ContainerLane): void {
  const statuses: [boolean, ContainerStatus[]][] = [
    [true, pod.status?.initContainerStatuses ?? []],
    [false, pod.status?.containerStatuses ?? []],
  ];
  for (const [init, list] of statuses) {
    for (const status of list) {
      const lane = containerOf(group, status.name, init);
      const ready = Boolean(status.ready);
      if (lane.ready.at(-1)?.ready !== ready) lane.ready.push({ at, ready });
    }
  }
}

const FIELD_PATH = /^spec\.(initContainers|containers)\{(.+)\}$/;
const PROBE = /^(Liveness|Readiness|Startup) probe/;

function placeEvent(t: EventSeen, byName: Map<string, PodGroup>, containerOf: (group: PodGroup, name: string, init: boolean) => ContainerLane): void {
  const { event } = t;
  if (event.involvedObject.kind !== 'Pod' || event.involvedObject.name === undefined) return;
  const group = byName.get(event.involvedObject.name);
  if (!group) return;
  const path = FIELD_PATH.exec(event.involvedObject.fieldPath ?? '');
  const lane = path ? containerOf(group, path[2]!, path[1] === 'initContainers') : undefined;
  const occurrences = t.isNew ? event.count : Math.max(1, event.count - t.previousCount);
  if (event.reason === 'Unhealthy') {
    const probe = PROBE.exec(event.message)?.[1]?.toLowerCase() as ProbeKind | undefined;
    const tick: ProbeTick = { at: t.at, probe, count: event.count, occurrences, message: event.message };
    if (lane) lane.probes.push(tick);
    else group.markers.push({ at: t.at, kind: 'warning', label: 'Unhealthy', detail: `Unhealthy (x${event.count}): ${event.message}` });
    return;
  }
  const kind: MarkerKind | undefined = event.reason === 'Killing' ? 'killing' : event.reason === 'BackOff' ? 'backoff' : event.type === 'Warning' ? 'warning' : undefined;
  if (!kind) return;
  const marker: LaneMarker = { at: t.at, kind, label: event.reason, detail: `${event.type} ${event.reason} (x${event.count}): ${event.message}` };
  (lane ?? group).markers.push(marker);
}
