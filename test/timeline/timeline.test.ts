// Hand-built observation streams through the Timeline: the transitions each observation causes,
// and what a stream with repeats, reordering, relists and a recreated pod must not cause.

import { describe, expect, it } from 'vitest';
import type { ContainerStatus, EndpointSlice, KubeEvent, Pod, PodCondition } from '../../src/model/kube.js';
import type { Observation, WatchType } from '../../src/model/observation.js';
import { Timeline } from '../../src/timeline/timeline.js';
import type { Transition } from '../../src/timeline/transitions.js';

const T0 = Date.parse('2026-11-21T20:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

interface PodState {
  uid?: string;
  rv?: string;
  ready?: boolean;
  restarts?: number;
  lastExit?: number;
  startedAt?: string;
  containerID?: string;
  state?: ContainerStatus['state'];
  conditions?: PodCondition[];
  gates?: string[];
  deleting?: boolean;
}

function pod(name: string, s: PodState = {}): Pod {
  const ready = s.ready ?? true;
  return {
    metadata: {
      name,
      uid: s.uid ?? `${name}-uid`,
      resourceVersion: s.rv ?? '1',
      creationTimestamp: iso(T0),
      ...(s.deleting ? { deletionTimestamp: iso(T0 + 60_000) } : {}),
    },
    spec: { containers: [{ name: 'app' }], ...(s.gates ? { readinessGates: s.gates.map((conditionType) => ({ conditionType })) } : {}) },
    status: {
      phase: 'Running',
      conditions: s.conditions ?? [
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      containerStatuses: [
        {
          name: 'app',
          ready,
          started: true,
          restartCount: s.restarts ?? 0,
          containerID: s.containerID ?? `containerd://${s.restarts ?? 0}`,
          state: s.state ?? { running: { startedAt: s.startedAt ?? iso(T0) } },
          lastState:
            s.lastExit === undefined
              ? {}
              : { terminated: { exitCode: s.lastExit, reason: 'Error', finishedAt: iso(T0 + 5000), containerID: `containerd://${(s.restarts ?? 1) - 1}` } },
        },
      ],
      podIPs: [{ ip: '10.0.0.1' }],
    },
  };
}

const watch = (at: number, type: WatchType, object: Pod, synthetic = false): Observation => ({
  kind: 'watch',
  at,
  resource: 'pods',
  type,
  object,
  ...(synthetic ? { synthetic: true } : {}),
});

const kinds = (transitions: Transition[]): string[] => transitions.map((t) => t.kind);

describe('Timeline: pods', () => {
  it('reports a pod added, then its readiness dropping', () => {
    const timeline = new Timeline();
    const added = timeline.apply(watch(T0, 'ADDED', pod('web-1')));
    expect(added).toEqual([expect.objectContaining({ kind: 'podAdded', pod: 'web-1', uid: 'web-1-uid', at: T0, columns: expect.objectContaining({ ready: '1/1', status: 'Running' }) })]);
    const notReady = timeline.apply(watch(T0 + 1000, 'MODIFIED', pod('web-1', { rv: '2', ready: false })));
    expect(kinds(notReady)).toEqual(['conditionChanged', 'conditionChanged', 'readyChanged']);
    expect(notReady[2]).toMatchObject({ from: '1/1', to: '0/1', readyCondition: { from: 'True', to: 'False' } });
    expect(notReady[0]).toMatchObject({ type: 'ContainersReady', from: 'True', to: 'False', readinessGate: false });
    expect(timeline.pod('web-1')?.columns.ready).toBe('0/1');
  });

  it('drops a repeated delivery without a transition', () => {
    const timeline = new Timeline();
    const first = watch(T0, 'ADDED', pod('web-1'));
    timeline.apply(first);
    expect(timeline.apply(first)).toEqual([]);
    timeline.apply(watch(T0 + 1, 'MODIFIED', pod('web-1', { rv: '2', ready: false })));
    expect(timeline.apply(watch(T0 + 2, 'MODIFIED', pod('web-1', { rv: '2', ready: false })))).toEqual([]);
    expect(timeline.lastObservationAt).toBe(T0 + 2);
  });

  it('ignores an update older than the one held (out-of-order delivery)', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1', { rv: '10' })));
    timeline.apply(watch(T0 + 1, 'MODIFIED', pod('web-1', { rv: '12', ready: false })));
    expect(timeline.apply(watch(T0 + 2, 'MODIFIED', pod('web-1', { rv: '11', ready: true })))).toEqual([]);
    expect(timeline.pod('web-1')?.columns.ready).toBe('0/1');
  });

  it('compares resourceVersions numerically, not as strings', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1', { rv: '9' })));
    expect(kinds(timeline.apply(watch(T0 + 1, 'MODIFIED', pod('web-1', { rv: '10', ready: false }))))).toContain('readyChanged');
  });

  it('treats a pod recreated under the same name as a new pod', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('db-0', { uid: 'old', restarts: 2, lastExit: 137 })));
    expect(kinds(timeline.apply(watch(T0 + 1, 'DELETED', pod('db-0', { uid: 'old', rv: '2', restarts: 2, lastExit: 137 }))))).toEqual(['podDeleted']);
    const recreated = timeline.apply(watch(T0 + 2, 'ADDED', pod('db-0', { uid: 'new', rv: '3', restarts: 0 })));
    expect(kinds(recreated)).toEqual(['podAdded']);
    expect(recreated[0]).toMatchObject({ uid: 'new', columns: { restarts: '0' } });
    // A late update about the deleted pod is not believed.
    expect(timeline.apply(watch(T0 + 3, 'MODIFIED', pod('db-0', { uid: 'old', rv: '9', restarts: 3 })))).toEqual([]);
    expect(timeline.pod('db-0')?.uid).toBe('new');
  });

  it('infers the deletion when a new uid takes the name without a DELETED seen', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('db-0', { uid: 'old', restarts: 5, lastExit: 1 })));
    const transitions = timeline.apply(watch(T0 + 1, 'MODIFIED', pod('db-0', { uid: 'new', restarts: 1, lastExit: 1 })));
    expect(transitions.map((t) => [t.kind, 'uid' in t ? t.uid : undefined])).toEqual([
      ['podDeleted', 'old'],
      ['podAdded', 'new'],
    ]);
  });

  it('ignores the deletion of a same-named pod it never held', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('db-0', { uid: 'current' })));
    expect(timeline.apply(watch(T0 + 1, 'DELETED', pod('db-0', { uid: 'unknown', rv: '7' })))).toEqual([]);
    expect(timeline.pod('db-0')?.uid).toBe('current');
  });

  it('reports a restart with the previous instance exit, its termination once, and the new start', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1')));
    const dying = pod('web-1', { rv: '2', ready: false, containerID: 'containerd://0', state: { terminated: { exitCode: 137, reason: 'Error', finishedAt: iso(T0 + 5000), containerID: 'containerd://0' } } });
    const died = timeline.apply(watch(T0 + 5000, 'MODIFIED', dying));
    expect(died[0]).toMatchObject({ kind: 'containerTerminated', container: 'app', seenIn: 'state', termination: { exitCode: 137, reason: 'Error' } });
    expect(died.find((t) => t.kind === 'statusChanged')).toMatchObject({ from: 'Running', to: 'Error' });
    const back = timeline.apply(watch(T0 + 6000, 'MODIFIED', pod('web-1', { rv: '3', restarts: 1, lastExit: 137, startedAt: iso(T0 + 6000), containerID: 'containerd://1' })));
    // The terminated state moved to lastState: the same instance, not reported again.
    expect(kinds(back).filter((k) => k === 'containerTerminated')).toEqual([]);
    expect(back.find((t) => t.kind === 'restarted')).toMatchObject({ container: 'app', init: false, from: 0, to: 1, lastState: { exitCode: 137, reason: 'Error' } });
    expect(back.find((t) => t.kind === 'containerStarted')).toMatchObject({ container: 'app', restartCount: 1, startedAt: iso(T0 + 6000) });
  });

  it('reports a termination seen only in lastState (the kubelet restarted before the status got out)', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1')));
    const transitions = timeline.apply(watch(T0 + 6000, 'MODIFIED', pod('web-1', { rv: '2', restarts: 1, lastExit: 143, startedAt: iso(T0 + 6000), containerID: 'containerd://1' })));
    expect(kinds(transitions)).toEqual(['containerTerminated', 'restarted', 'containerStarted']);
    expect(transitions[0]).toMatchObject({ seenIn: 'lastState', termination: { exitCode: 143 } });
  });

  it('reports readiness-gate conditions and the Ready condition they unblock', () => {
    const timeline = new Timeline();
    const gated = (rv: string, gate: string | undefined, ready: string): Pod =>
      pod('gated', {
        rv,
        gates: ['example.com/feature-1'],
        conditions: [
          { type: 'ContainersReady', status: 'True' },
          { type: 'Ready', status: ready },
          ...(gate ? [{ type: 'example.com/feature-1', status: gate }] : []),
        ],
      });
    timeline.apply(watch(T0, 'ADDED', gated('1', undefined, 'False')));
    expect(timeline.pod('gated')?.columns.readinessGates).toBe('0/1');
    const gate = timeline.apply(watch(T0 + 1, 'MODIFIED', gated('2', 'True', 'False')));
    expect(gate).toEqual([expect.objectContaining({ kind: 'conditionChanged', type: 'example.com/feature-1', from: undefined, to: 'True', readinessGate: true })]);
    const ready = timeline.apply(watch(T0 + 2, 'MODIFIED', gated('3', 'True', 'True')));
    expect(ready.map((t) => t.kind)).toEqual(['conditionChanged', 'readyChanged']);
    expect(ready[1]).toMatchObject({ from: '1/1', to: '1/1', readyCondition: { from: 'False', to: 'True' } });
    expect(timeline.pod('gated')?.columns.readinessGates).toBe('1/1');
  });

  it('handles a synthetic relist like any other observation and marks its transitions', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1', { rv: '5' })));
    expect(timeline.apply(watch(T0 + 1, 'ADDED', pod('web-1', { rv: '5' }), true))).toEqual([]);
    const changed = timeline.apply(watch(T0 + 2, 'MODIFIED', pod('web-1', { rv: '8', ready: false }), true));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((t) => t.synthetic === true)).toBe(true);
    const gone = timeline.apply(watch(T0 + 3, 'DELETED', pod('web-1', { rv: '8', ready: false }), true));
    expect(gone).toEqual([expect.objectContaining({ kind: 'podDeleted', synthetic: true })]);
    expect(timeline.pods()).toEqual([]);
  });

  it('reports the final status carried by a DELETED before the deletion', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1', { deleting: true })));
    expect(timeline.pod('web-1')?.columns.status).toBe('Terminating');
    const finalState = pod('web-1', { rv: '2', deleting: true, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed', containerID: 'containerd://0' } } });
    finalState.status = { ...finalState.status, phase: 'Succeeded' };
    const transitions = timeline.apply(watch(T0 + 1, 'DELETED', finalState));
    expect(kinds(transitions).at(-1)).toBe('podDeleted');
    expect(transitions.find((t) => t.kind === 'statusChanged')).toMatchObject({ from: 'Terminating', to: 'Completed' });
  });

  it('computes columns at the time asked for', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0 + 5000, 'ADDED', pod('web-1', { restarts: 1, lastExit: 1 })));
    expect(timeline.pod('web-1')?.columns).toMatchObject({ age: '5s', restarts: '1 (0s ago)' });
    expect(timeline.pod('web-1', T0 + 130_000)?.columns).toMatchObject({ age: '2m10s', restarts: '1 (2m5s ago)' });
  });
});

describe('Timeline: endpoints', () => {
  const slice = (rv: string, endpoints: EndpointSlice['endpoints']): Observation => ({
    kind: 'watch',
    at: T0 + Number(rv),
    resource: 'endpointslices',
    type: 'MODIFIED',
    object: { metadata: { name: 'web-abc', uid: 'slice-1', resourceVersion: rv, labels: { 'kubernetes.io/service-name': 'web' } }, endpoints },
  });
  const member = (ready: boolean, terminating: boolean) => [
    { addresses: ['10.0.0.1'], conditions: { ready, serving: true, terminating }, targetRef: { kind: 'Pod', name: 'web-1' } },
  ];

  it('reports membership moves per source, and a deleted pod leaves only when the endpoints say so', () => {
    const timeline = new Timeline();
    timeline.apply(watch(T0, 'ADDED', pod('web-1')));
    expect(timeline.apply(slice('1', member(true, false)))).toEqual([
      expect.objectContaining({ kind: 'endpointChanged', service: 'web', source: 'EndpointSlice', pod: 'web-1', from: 'absent', to: 'ready', preferred: true }),
    ]);
    expect(timeline.apply(slice('1', member(true, false)))).toEqual([]);
    timeline.apply(watch(T0 + 2, 'DELETED', pod('web-1', { rv: '2' })));
    expect(timeline.endpoints('web')?.ready.map((m) => m.pod)).toEqual(['web-1']);
    expect(timeline.apply(slice('3', member(false, true)))).toEqual([expect.objectContaining({ from: 'ready', to: 'terminating' })]);
    expect(timeline.apply(slice('4', []))).toEqual([expect.objectContaining({ from: 'terminating', to: 'absent' })]);
    expect(timeline.services()).toEqual(['web']);
  });

  it('marks core Endpoints changes as not preferred while slices exist', () => {
    const timeline = new Timeline();
    timeline.apply(slice('1', member(true, false)));
    const changes = timeline.apply({
      kind: 'watch',
      at: T0 + 2,
      resource: 'endpoints',
      type: 'ADDED',
      object: { metadata: { name: 'web', uid: 'ep-1', resourceVersion: '2' }, subsets: [{ addresses: [{ ip: '10.0.0.1', targetRef: { name: 'web-1' } }] }] },
    });
    expect(changes).toEqual([expect.objectContaining({ source: 'Endpoints', to: 'ready', preferred: false })]);
    expect(timeline.endpointsFrom('web', 'Endpoints')?.ready.map((m) => m.pod)).toEqual(['web-1']);
  });
});

describe('Timeline: events, deployments, actions and notes', () => {
  const event = (rv: string, count: number): Observation => ({
    kind: 'watch',
    at: T0 + Number(rv),
    resource: 'events',
    type: count === 1 ? 'ADDED' : 'MODIFIED',
    object: {
      metadata: { name: 'web-1.abc', uid: 'ev-1', resourceVersion: rv },
      involvedObject: { kind: 'Pod', name: 'web-1', uid: 'web-1-uid' },
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 500',
      type: 'Warning',
      count,
      firstTimestamp: iso(T0),
      lastTimestamp: iso(T0 + Number(rv) * 1000),
      source: { component: 'kubelet', host: 'node' },
    } satisfies KubeEvent,
  });

  it('reports an event and each repeat, never a duplicate', () => {
    const timeline = new Timeline();
    expect(timeline.apply(event('1', 1))).toEqual([expect.objectContaining({ kind: 'eventSeen', isNew: true, previousCount: 0, spamLimited: false })]);
    expect(timeline.apply(event('2', 2))).toEqual([expect.objectContaining({ isNew: false, previousCount: 1, event: expect.objectContaining({ count: 2 }) })]);
    expect(timeline.apply(event('2', 2))).toEqual([]);
    expect(timeline.apply(event('1', 1))).toEqual([]);
    expect(timeline.events({ name: 'web-1' }).map((v) => v.count)).toEqual([2]);
    expect(timeline.events({ name: 'web-2' })).toEqual([]);
  });

  it('flags events whose source has used up its spam-filter burst for the object', () => {
    const timeline = new Timeline();
    const [seen] = timeline.apply(event('25', 25));
    expect(seen).toMatchObject({ kind: 'eventSeen', spamLimited: true });
    const view = timeline.events()[0];
    expect(view && timeline.spamBudget(view)).toMatchObject({ recorded: 25, limited: true });
  });

  it('reports deployment replica counts when they change', () => {
    const timeline = new Timeline();
    const deployment = (rv: string, ready: number): Observation => ({
      kind: 'watch',
      at: T0,
      resource: 'deployments',
      type: rv === '1' ? 'ADDED' : 'MODIFIED',
      object: { metadata: { name: 'web', uid: 'd-1', resourceVersion: rv }, status: { replicas: 3, readyReplicas: ready, availableReplicas: ready } },
    });
    expect(timeline.apply(deployment('1', 0))).toEqual([expect.objectContaining({ kind: 'deploymentChanged', from: undefined, to: expect.objectContaining({ readyReplicas: 0 }) })]);
    expect(timeline.apply(deployment('2', 3))).toEqual([expect.objectContaining({ from: expect.objectContaining({ readyReplicas: 0 }), to: expect.objectContaining({ availableReplicas: 3 }) })]);
    expect(timeline.apply(deployment('3', 3))).toEqual([]);
    expect(timeline.deployment('web')?.status?.readyReplicas).toBe(3);
  });

  it('passes actions and notes through in order', () => {
    const timeline = new Timeline();
    const action: Observation = { kind: 'action', at: T0 + 7, action: 'exec', pod: 'web-1', command: ['rm', '/tmp/healthy'], exitCode: 0 };
    expect(timeline.apply(action)).toEqual([{ kind: 'action', at: T0 + 7, action }]);
    expect(timeline.apply({ kind: 'note', at: T0 + 8, text: 'pods watch ended' })).toEqual([{ kind: 'note', at: T0 + 8, text: 'pods watch ended' }]);
    expect(timeline.lastObservationAt).toBe(T0 + 8);
  });
});
