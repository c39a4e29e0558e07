// Lanes from hand-made observations: the cases the fixtures do not show.

import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '../../../src/model/kube.js';
import type { Observation } from '../../../src/model/observation.js';
import { Timeline } from '../../../src/timeline/timeline.js';
import { faults, podGroups } from '../../../src/report/html/lanes.js';

const pod = (rv: string, ready: boolean, restartCount = 0): Pod => ({
  metadata: { name: 'web-0', uid: 'p1', resourceVersion: rv, labels: { app: 'web' } },
  spec: { containers: [{ name: 'app' }] },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'app', ready, restartCount, state: { running: { startedAt: '2026-01-01T00:00:01Z' } } }] },
});
const event = (rv: string, reason: string, message: string, count: number, fieldPath = 'spec.containers{app}'): KubeEvent => ({
  metadata: { name: `web-0.${reason}`, uid: `e-${reason}`, resourceVersion: rv },
  involvedObject: { kind: 'Pod', name: 'web-0', uid: 'p1', fieldPath },
  reason,
  type: 'Warning',
  message,
  count,
});

function lanesOf(observations: Observation[]) {
  const timeline = new Timeline();
  return podGroups(observations.map((observation) => ({ observation, transitions: timeline.apply(observation) })));
}

describe('podGroups', () => {
  it('ticks once per delivery, counting the failures a jump in count stands for', () => {
    const [group] = lanesOf([
      { kind: 'watch', at: 1000, resource: 'pods', type: 'ADDED', object: pod('1', true) },
      { kind: 'watch', at: 2000, resource: 'events', type: 'ADDED', object: event('2', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', 1) },
      { kind: 'watch', at: 5000, resource: 'events', type: 'MODIFIED', object: event('3', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', 4) },
      // A repeated delivery of the same version is no new failure.
      { kind: 'watch', at: 5100, resource: 'events', type: 'MODIFIED', object: event('3', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', 4) },
    ]);
    expect(group!.containers[0]!.probes.map((t) => [t.at, t.probe, t.occurrences])).toEqual([
      [2000, 'liveness', 1],
      [5000, 'liveness', 3],
    ]);
  });

  it('follows READY per container, and puts events without a container on the pod', () => {
    const [group] = lanesOf([
      { kind: 'watch', at: 1000, resource: 'pods', type: 'ADDED', object: pod('1', false) },
      { kind: 'watch', at: 2000, resource: 'pods', type: 'MODIFIED', object: pod('2', true) },
      { kind: 'watch', at: 3000, resource: 'pods', type: 'MODIFIED', object: pod('3', false) },
      { kind: 'watch', at: 3500, resource: 'events', type: 'ADDED', object: event('4', 'FailedMount', 'MountVolume.SetUp failed', 1, '') },
    ]);
    expect(group!.containers[0]!.ready).toEqual([
      { at: 1000, ready: false },
      { at: 2000, ready: true },
      { at: 3000, ready: false },
    ]);
    expect(group!.markers.map((m) => [m.kind, m.label])).toEqual([['warning', 'FailedMount']]);
  });

  it('marks a restart with the exit code of the container that ended', () => {
    const restarted = pod('2', false, 1);
    restarted.status!.containerStatuses![0]!.lastState = { terminated: { exitCode: 137, reason: 'Error', containerID: 'c1' } };
    restarted.status!.containerStatuses![0]!.state = { running: { startedAt: '2026-01-01T00:00:40Z' } };
    const [group] = lanesOf([
      { kind: 'watch', at: 1000, resource: 'pods', type: 'ADDED', object: pod('1', true) },
      { kind: 'watch', at: 40_000, resource: 'pods', type: 'MODIFIED', object: restarted },
    ]);
    const lane = group!.containers[0]!;
    expect(lane.markers.map((m) => m.label)).toEqual(['↻1 exit 137']);
    expect(lane.running.at(-1)).toEqual({ from: 40_000, reportedStart: Date.parse('2026-01-01T00:00:40Z') });
  });
});

describe('faults', () => {
  it('keeps exec, signal, patchStatus and delete, with the command or signal as label', () => {
    const list = faults([
      { kind: 'action', at: 1, action: 'apply' },
      { kind: 'action', at: 2, action: 'exec', pod: 'web-0', command: ['rm', '/tmp/healthy'], exitCode: 0 },
      { kind: 'action', at: 3, action: 'signal', pod: 'web-0', detail: { signal: 'SIGUSR1' } },
      { kind: 'action', at: 4, action: 'patchStatus', pod: 'web-0', patch: [{ op: 'add' }] },
      { kind: 'action', at: 5, action: 'delete', pod: 'web-0' },
      { kind: 'action', at: 6, action: 'sleep' },
    ]);
    expect(list.map((f) => f.label)).toEqual(['exec rm /tmp/healthy', 'signal kill -s SIGUSR1 1', 'patchStatus', 'delete']);
    expect(list[2]!.detail).toContain('patch: [{"op":"add"}]');
  });
});
