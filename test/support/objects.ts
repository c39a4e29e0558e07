// Small builders for pod and event observations, for tests that need a state the recordings do
// not show (an image that cannot be pulled, an exact timing).

import type { KubeEvent, Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';

let version = 100;

export interface PodState {
  name: string;
  uid?: string;
  ready?: boolean;
  restarts?: number;
  waiting?: string;
  labels?: Record<string, string>;
  deleting?: boolean;
  lastExit?: { exitCode: number; reason: string };
  unschedulable?: string;
}

export function pod(state: PodState): Pod {
  const ready = state.ready ?? false;
  const conditions = state.unschedulable
    ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: state.unschedulable }]
    : [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ];
  return {
    metadata: {
      name: state.name,
      uid: state.uid ?? `uid-${state.name}`,
      namespace: 'test',
      resourceVersion: String(version++),
      creationTimestamp: '2026-11-21T20:00:00Z',
      labels: state.labels,
      deletionTimestamp: state.deleting ? '2026-11-21T20:01:00Z' : undefined,
    },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
    status: {
      phase: state.unschedulable ? 'Pending' : 'Running',
      conditions,
      containerStatuses: state.unschedulable
        ? []
        : [
            {
              name: 'app',
              ready,
              started: !state.waiting,
              restartCount: state.restarts ?? 0,
              state: state.waiting ? { waiting: { reason: state.waiting } } : { running: { startedAt: '2026-11-21T20:00:01Z' } },
              lastState: state.lastExit ? { terminated: { ...state.lastExit, finishedAt: '2026-11-21T20:00:30Z' } } : {},
            },
          ],
    },
  };
}

export function podObservation(at: number, state: PodState, type: 'ADDED' | 'MODIFIED' | 'DELETED' = 'MODIFIED'): Observation {
  return { kind: 'watch', resource: 'pods', type, at, object: pod(state) };
}

export function eventObservation(at: number, podName: string, reason: string, message: string, count = 1, type: 'ADDED' | 'MODIFIED' = count === 1 ? 'ADDED' : 'MODIFIED'): Observation {
  const event: KubeEvent = {
    metadata: { name: `${podName}.${reason}`, uid: `ev-${podName}-${reason}`, namespace: 'test', resourceVersion: String(version++) },
    involvedObject: { kind: 'Pod', name: podName, namespace: 'test', uid: `uid-${podName}` },
    reason,
    message,
    type: reason === 'Unhealthy' || reason === 'BackOff' ? 'Warning' : 'Normal',
    count,
    firstTimestamp: '2026-11-21T20:00:10Z',
    lastTimestamp: '2026-11-21T20:00:10Z',
    source: { component: 'kubelet', host: 'node' },
  };
  return { kind: 'watch', resource: 'events', type, at, object: event };
}
