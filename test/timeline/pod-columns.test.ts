// A table of pod states and the row `kubectl get pods -o wide` prints for them. Cases marked
// "printers_test" are ported from TestPrintPod, TestPrintPodWithRestartableInitContainer,
// TestPrintPodwide and TestPrintNonTerminatedPod in kubernetes/kubernetes
// pkg/printers/internalversion/printers_test.go (which leave creationTimestamp unset, hence AGE
// <unknown>); the others are states seen on a cluster (CrashLoopBackOff, image pull errors, …).

import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerStatus, Pod, PodCondition } from '../../src/model/kube.js';
import { podColumns } from '../../src/timeline/pod-columns.js';

const NOW = Date.parse('2026-11-21T20:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();
const DAY = 24 * 3600;

interface Shape {
  name?: string;
  containers?: number;
  init?: number | { name: string; sidecar?: boolean }[];
  gates?: string[];
  phase?: string;
  reason?: string;
  deleting?: boolean;
  created?: number;
  nodeName?: string;
  ips?: string[];
  conditions?: Partial<PodCondition>[];
  statuses?: Partial<ContainerStatus>[];
  initStatuses?: Partial<ContainerStatus>[];
}

function pod(shape: Shape): Pod {
  const init = typeof shape.init === 'number' ? Array.from({ length: shape.init }, () => ({ name: '' })) : (shape.init ?? []);
  return {
    metadata: {
      name: shape.name ?? 'p',
      ...(shape.created !== undefined ? { creationTimestamp: ago(shape.created) } : {}),
      ...(shape.deleting ? { deletionTimestamp: ago(10) } : {}),
    },
    spec: {
      containers: Array.from({ length: shape.containers ?? 1 }, () => ({ name: '' })),
      initContainers: init.map((c) => ({ name: c.name, ...('sidecar' in c && c.sidecar ? { restartPolicy: 'Always' } : {}) })),
      ...(shape.gates ? { readinessGates: shape.gates.map((conditionType) => ({ conditionType })) } : {}),
      ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
    },
    status: {
      ...(shape.phase !== undefined ? { phase: shape.phase } : {}),
      ...(shape.reason !== undefined ? { reason: shape.reason } : {}),
      conditions: (shape.conditions ?? []).map((c) => ({ type: '', status: 'True', ...c })),
      containerStatuses: (shape.statuses ?? []).map(status),
      initContainerStatuses: (shape.initStatuses ?? []).map(status),
      ...(shape.ips ? { podIPs: shape.ips.map((ip) => ({ ip })) } : {}),
    },
  };
}

const status = (s: Partial<ContainerStatus>): ContainerStatus => ({ name: '', ready: false, restartCount: 0, ...s });
const running: ContainerState = { running: {} };
const waiting = (reason?: string): ContainerState => ({ waiting: reason === undefined ? {} : { reason } });
const terminated = (t: Partial<NonNullable<ContainerState['terminated']>>): ContainerState => ({ terminated: { exitCode: 0, ...t } });
const lastFinished = (seconds: number): ContainerState => terminated({ finishedAt: ago(seconds) });

type Row = [ready: string, status: string, restarts: string, age?: string];

const cases: [string, Shape, Row][] = [
  // printers_test TestPrintPod
  ['printers_test: restarts add up, ready counts running+ready', { containers: 2, phase: 'podPhase', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }, ['1/2', 'podPhase', '6']],
  ['printers_test: container waiting reason overwrites the phase', { containers: 2, phase: 'podPhase', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3, state: waiting('ContainerWaitingReason') }] }, ['1/2', 'ContainerWaitingReason', '6']],
  ['printers_test: the first container overwrites the rest', { containers: 2, phase: 'podPhase', statuses: [{ restartCount: 3, state: waiting('ContainerWaitingReason') }, { restartCount: 3, state: terminated({ reason: 'ContainerTerminatedReason' }) }] }, ['0/2', 'ContainerWaitingReason', '6']],
  ['printers_test: ready without running is not counted', { containers: 2, phase: 'podPhase', statuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }] }, ['1/2', 'podPhase', '6']],
  ['printers_test: status.reason beats the phase', { containers: 2, phase: 'podPhase', reason: 'podReason', statuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }] }, ['1/2', 'podReason', '6']],
  ['printers_test: one completed, one running, no Ready condition', { containers: 2, phase: 'Running', statuses: [{ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }, { ready: true, restartCount: 3, state: running }] }, ['1/2', 'NotReady', '6']],
  ['printers_test: one completed, one running, Ready condition', { containers: 2, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], statuses: [{ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }, { ready: true, restartCount: 3, state: running }] }, ['1/2', 'Running', '6']],
  ['printers_test: init container restarting', { init: 1, phase: 'podPhase', initStatuses: [{ restartCount: 3, state: running, lastState: lastFinished(10) }], statuses: [{ state: waiting() }] }, ['0/1', 'Init:0/1', '3 (10s ago)']],
  ['printers_test: first of two init containers restarting', { init: 2, phase: 'podPhase', initStatuses: [{ restartCount: 3, state: running, lastState: lastFinished(10) }, { state: waiting() }], statuses: [{ state: waiting() }] }, ['0/1', 'Init:0/2', '3 (10s ago)']],
  ['printers_test: first init done, second restarting', { init: 2, phase: 'podPhase', initStatuses: [{ state: terminated({}) }, { restartCount: 3, state: running, lastState: lastFinished(10) }], statuses: [{ state: waiting() }] }, ['0/1', 'Init:1/2', '3 (10s ago)']],
  ['printers_test: init restarts add up, latest restart wins', { init: 2, phase: 'podPhase', initStatuses: [{ restartCount: 2, state: terminated({}), lastState: lastFinished(120) }, { restartCount: 3, state: running, lastState: lastFinished(10) }], statuses: [{ state: waiting() }] }, ['0/1', 'Init:1/2', '5 (10s ago)']],
  ['printers_test: after init only main container restarts count', { init: 1, phase: 'Running', initStatuses: [{ restartCount: 2, state: terminated({}), lastState: lastFinished(120) }], statuses: [{ restartCount: 4, state: running, lastState: lastFinished(20) }] }, ['0/1', 'Running', '4 (20s ago)']],
  ['printers_test: restarted 5d ago', { phase: 'Running', statuses: [{ ready: true, restartCount: 3, state: running, lastState: lastFinished(5 * DAY) }] }, ['1/1', 'Running', '3 (5d ago)']],
  ['printers_test: one never restarted, one 10d ago', { containers: 2, phase: 'Running', statuses: [{ ready: true, state: running }, { ready: true, restartCount: 3, state: running, lastState: lastFinished(10 * DAY) }] }, ['2/2', 'Running', '3 (10d ago)']],
  ['printers_test: the most recent restart is shown', { containers: 2, phase: 'Running', statuses: [{ ready: true, restartCount: 6, state: running, lastState: lastFinished(5 * DAY) }, { ready: true, restartCount: 3, state: running, lastState: lastFinished(20 * DAY) }] }, ['2/2', 'Running', '9 (5d ago)']],
  ['printers_test: SchedulingGated', { containers: 2, phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }, ['0/2', 'SchedulingGated', '0']],
  ['printers_test: Succeeded', { phase: 'Succeeded', statuses: [{ state: terminated({ reason: 'Completed' }) }] }, ['0/1', 'Completed', '0']],
  ['printers_test: Failed', { phase: 'Failed', statuses: [{ state: terminated({ reason: 'Error', exitCode: 1 }) }] }, ['0/1', 'Error', '0']],
  ['printers_test: Succeeded while deleting stays Completed', { phase: 'Succeeded', deleting: true, statuses: [{ state: terminated({ reason: 'Completed' }) }] }, ['0/1', 'Completed', '0']],
  ['printers_test: Running while deleting is Terminating', { phase: 'Running', deleting: true, statuses: [{ state: running }] }, ['0/1', 'Terminating', '0']],
  ['printers_test: Pending while deleting is Terminating', { phase: 'Pending', deleting: true }, ['0/1', 'Terminating', '0']],
  // printers_test TestPrintPodWithRestartableInitContainer
  ['printers_test: sidecar running but not started', { init: [{ name: 'restartable-init-1', sidecar: true }, { name: 'restartable-init-2', sidecar: true }], phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }], initStatuses: [{ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: lastFinished(10) }, { name: 'restartable-init-2', state: waiting(), started: false }], statuses: [{ state: waiting() }] }, ['0/3', 'Init:0/2', '3 (10s ago)']],
  ['printers_test: first sidecar started, second not yet', { init: [{ name: 'restartable-init-1', sidecar: true }, { name: 'restartable-init-2', sidecar: true }], phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }], initStatuses: [{ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastFinished(10) }, { name: 'restartable-init-2', state: running, started: false }], statuses: [{ state: waiting() }] }, ['0/3', 'Init:1/2', '3 (10s ago)']],
  ['printers_test: sidecars started, app running', { init: [{ name: 'restartable-init-1', sidecar: true }, { name: 'restartable-init-2', sidecar: true }], phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initStatuses: [{ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastFinished(10) }, { name: 'restartable-init-2', state: running, started: true }], statuses: [{ ready: true, restartCount: 4, state: running, lastState: lastFinished(20) }] }, ['1/3', 'Running', '7 (10s ago)']],
  ['printers_test: sidecars killed after the app completed', { init: [{ name: 'restartable-init-1', sidecar: true }, { name: 'restartable-init-2', sidecar: true }], phase: 'Succeeded', conditions: [{ type: 'Initialized', status: 'True' }], initStatuses: [{ name: 'restartable-init-1', restartCount: 3, state: terminated({ reason: 'Error', exitCode: 137 }), started: false, lastState: lastFinished(10) }, { name: 'restartable-init-2', state: terminated({ reason: 'Error', exitCode: 137 }), started: false }], statuses: [{ restartCount: 4, state: terminated({ reason: 'Completed' }), lastState: lastFinished(20) }] }, ['0/3', 'Completed', '7 (10s ago)']],
  ['printers_test: statuses of containers not in the spec', { init: [{ name: 'init1' }, { name: 'sidecar1', sidecar: true }], phase: 'Running', initStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }], statuses: [{ name: 'containerinvalid' }, { name: 'container1' }] }, ['0/2', 'Init:0/2', '0']],
  // printers_test TestPrintNonTerminatedPod
  ['printers_test: phase Pending', { containers: 2, phase: 'Pending', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }, ['1/2', 'Pending', '6']],
  ['printers_test: phase Unknown', { containers: 2, phase: 'Unknown', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }, ['1/2', 'Unknown', '6']],
  ['printers_test: phase Succeeded', { containers: 2, phase: 'Succeeded', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }, ['1/2', 'Succeeded', '6']],
  ['printers_test: phase Failed', { containers: 2, phase: 'Failed', statuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }] }, ['1/2', 'Failed', '6']],
  // states from clusters
  ['scheduled, no statuses yet', { phase: 'Pending', created: 1 }, ['0/1', 'Pending', '0', '1s']],
  ['ContainerCreating', { phase: 'Pending', created: 5, statuses: [{ state: waiting('ContainerCreating') }] }, ['0/1', 'ContainerCreating', '0', '5s']],
  ['ErrImagePull', { phase: 'Pending', created: 130, statuses: [{ state: waiting('ErrImagePull') }] }, ['0/1', 'ErrImagePull', '0', '2m10s']],
  ['ImagePullBackOff', { phase: 'Pending', created: 7 * 60, statuses: [{ state: waiting('ImagePullBackOff') }] }, ['0/1', 'ImagePullBackOff', '0', '7m']],
  ['running, not ready (readiness probe failing)', { phase: 'Running', created: 3 * 3600, statuses: [{ state: running, started: true }] }, ['0/1', 'Running', '0', '3h']],
  ['CrashLoopBackOff after liveness kills (liveness-always-500)', { phase: 'Running', created: 19, statuses: [{ restartCount: 2, state: waiting('CrashLoopBackOff'), lastState: { terminated: { exitCode: 143, reason: 'Error', finishedAt: ago(1) } } }] }, ['0/1', 'CrashLoopBackOff', '2 (1s ago)', '19s']],
  ['restarted after exit 137 (liveness-exam)', { phase: 'Running', created: 71, statuses: [{ ready: true, restartCount: 1, state: running, lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: ago(2) } } }] }, ['1/1', 'Running', '1 (2s ago)', '71s']],
  ['main container killed, no reason: Signal:9', { phase: 'Running', statuses: [{ state: terminated({ exitCode: 137, signal: 9 }) }] }, ['0/1', 'Signal:9', '0']],
  ['main container exited, no reason: ExitCode:137', { phase: 'Running', statuses: [{ state: terminated({ exitCode: 137 }) }] }, ['0/1', 'ExitCode:137', '0']],
  ['main container OOMKilled', { phase: 'Running', statuses: [{ restartCount: 1, state: terminated({ exitCode: 137, reason: 'OOMKilled' }) }] }, ['0/1', 'OOMKilled', '1']],
  ['Init:CrashLoopBackOff', { init: 1, phase: 'Pending', initStatuses: [{ restartCount: 3, state: waiting('CrashLoopBackOff'), lastState: lastFinished(12) }], statuses: [{ state: waiting('PodInitializing') }] }, ['0/1', 'Init:CrashLoopBackOff', '3 (12s ago)']],
  ['Init:Error', { init: 2, phase: 'Pending', initStatuses: [{ restartCount: 1, state: terminated({ exitCode: 1, reason: 'Error' }) }, { state: waiting('PodInitializing') }], statuses: [{ state: waiting('PodInitializing') }] }, ['0/1', 'Init:Error', '1']],
  ['Init:Signal:9', { init: 1, phase: 'Pending', initStatuses: [{ state: terminated({ exitCode: 137, signal: 9 }) }] }, ['0/1', 'Init:Signal:9', '0']],
  ['Init:ExitCode:2', { init: 1, phase: 'Pending', initStatuses: [{ state: terminated({ exitCode: 2 }) }] }, ['0/1', 'Init:ExitCode:2', '0']],
  ['init containers waiting to start (init-containers)', { init: 2, phase: 'Pending', initStatuses: [{ state: waiting('PodInitializing') }, { state: waiting('PodInitializing') }], statuses: [{ state: waiting('PodInitializing') }] }, ['0/1', 'Init:0/2', '0']],
  ['second init container running (init-containers)', { init: 2, phase: 'Pending', initStatuses: [{ state: terminated({ reason: 'Completed' }) }, { state: running }], statuses: [{ state: waiting('PodInitializing') }] }, ['0/1', 'Init:1/2', '0']],
  ['all init done, app not started: PodInitializing', { init: 2, phase: 'Pending', conditions: [{ type: 'Initialized', status: 'True' }], initStatuses: [{ state: terminated({ reason: 'Completed' }) }, { state: terminated({ reason: 'Completed' }) }], statuses: [{ state: waiting('PodInitializing') }] }, ['0/1', 'PodInitializing', '0']],
  ['evicted: status.reason is shown', { phase: 'Failed', reason: 'Evicted' }, ['0/1', 'Evicted', '0']],
  ['node lost while deleting: Unknown', { phase: 'Running', reason: 'NodeLost', deleting: true, statuses: [{ ready: true, state: running }] }, ['1/1', 'Unknown', '0']],
  ['graceful termination: Terminating while still ready', { phase: 'Running', deleting: true, created: 4, statuses: [{ ready: true, state: running }] }, ['1/1', 'Terminating', '0', '4s']],
];

describe('podColumns: READY, STATUS, RESTARTS, AGE as kubectl get pods prints them', () => {
  it('covers at least 30 distinct pod states', () => {
    expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(30);
  });
  it.each(cases)('%s', (_name, shape, [ready, statusColumn, restarts, age]) => {
    const columns = podColumns(pod(shape), NOW);
    expect([columns.ready, columns.status, columns.restarts, columns.age]).toEqual([ready, statusColumn, restarts, age ?? '<unknown>']);
  });
});

describe('podColumns: -o wide columns (printers_test TestPrintPodwide)', () => {
  const gated: Shape = {
    containers: 2,
    nodeName: 'test1',
    gates: ['condition1', 'condition2', 'condition3'],
    conditions: [
      { type: 'condition1', status: 'False' },
      { type: 'condition2', status: 'True' },
    ],
    phase: 'podPhase',
    statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
  };
  it('counts true readiness-gate conditions and shows the IP and node', () => {
    const columns = podColumns(pod({ ...gated, ips: ['1.1.1.1'] }), NOW);
    expect([columns.ready, columns.status, columns.restarts, columns.ip, columns.node, columns.readinessGates]).toEqual(['1/2', 'podPhase', '6', '1.1.1.1', 'test1', '1/3']);
  });
  it('shows the first IP of a dual-stack pod', () => {
    expect(podColumns(pod({ ...gated, ips: ['1.1.1.1', '2001:db8::'] }), NOW).ip).toBe('1.1.1.1');
  });
  it('prints <none> without an IP, a node or readiness gates', () => {
    const columns = podColumns(pod({ containers: 2, phase: 'podPhase', statuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3, state: waiting('ContainerWaitingReason') }] }), NOW);
    expect([columns.status, columns.ip, columns.node, columns.readinessGates]).toEqual(['ContainerWaitingReason', '<none>', '<none>', '<none>']);
  });
  it('reports the numbers behind READY and RESTARTS', () => {
    const columns = podColumns(pod({ containers: 2, phase: 'Running', statuses: [{ ready: true, restartCount: 6, state: running, lastState: lastFinished(5) }, { restartCount: 3 }] }), NOW);
    expect([columns.readyContainers, columns.totalContainers, columns.restartCount]).toEqual([1, 2, 9]);
  });
});
