// Every recording in ../shared/fixtures replayed through the Timeline. The expected values come
// from each recording's header (`expect`) and from reading its lines (names, counts, exit codes).

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import type { ActionObservation, Observation } from '../../src/model/observation.js';
import { parseRecording } from '../../src/recording/format.js';
import type { Recording } from '../../src/recording/format.js';
import { Timeline } from '../../src/timeline/timeline.js';
import type { EndpointChanged, Transition } from '../../src/timeline/transitions.js';

const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
const files = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.jsonl'))
  .sort();

function load(file: string): Recording {
  return parseRecording(readFileSync(fileURLToPath(new URL(file, FIXTURES)), 'utf8'), file);
}

interface Replay {
  recording: Recording;
  timeline: Timeline;
  transitions: Transition[];
  /** Seconds from the recording's start. */
  t(transition: { at: number }): number;
}

function replay(file: string): Replay {
  const recording = load(file);
  const timeline = new Timeline();
  const transitions = recording.observations.flatMap((observation) => timeline.apply(observation));
  const start = Date.parse(recording.header.startedAt);
  return { recording, timeline, transitions, t: (x) => (x.at - start) / 1000 };
}

function of<K extends Transition['kind']>(transitions: Transition[], kind: K, pod?: string): Extract<Transition, { kind: K }>[] {
  return transitions.filter((t): t is Extract<Transition, { kind: K }> => t.kind === kind && (pod === undefined || !('pod' in t) || t.pod === pod));
}

function firstAction(recording: Recording, action: ActionObservation['action']): ActionObservation {
  const found = recording.observations.find((o): o is ActionObservation => o.kind === 'action' && o.action === action);
  if (found === undefined) throw new Error(`no ${action} action in ${recording.header.scenario}`);
  return found;
}

const endpointMoves = (transitions: Transition[], pod: string, source: EndpointChanged['source']): string[] =>
  of(transitions, 'endpointChanged')
    .filter((t) => t.pod === pod && t.source === source)
    .map((t) => `${t.from}->${t.to}`);

const eventsNamed = (timeline: Timeline, pod: string, reason: string) => timeline.events({ kind: 'Pod', name: pod }).filter((e) => e.reason === reason);

describe('replaying every recording', () => {
  it('finds the recordings', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(files)('%s', (file) => {
    it('reports each pod once when added and never lowers a restart count', () => {
      const { recording, transitions } = replay(file);
      const uids = new Set(recording.observations.flatMap((o) => (o.kind === 'watch' && o.resource === 'pods' ? [(o.object as Pod).metadata.uid] : [])));
      expect(of(transitions, 'podAdded').map((t) => t.uid).sort()).toEqual([...uids].sort());
      for (const restart of of(transitions, 'restarted')) expect(restart.to).toBeGreaterThan(restart.from);
      expect(of(transitions, 'action')).toHaveLength(recording.observations.filter((o) => o.kind === 'action').length);
    });

    it('reports nothing for a second delivery of each observation', () => {
      const { recording, transitions } = replay(file);
      const timeline = new Timeline();
      const doubled = recording.observations.flatMap((observation) => {
        const first = timeline.apply(observation);
        const again = observation.kind === 'watch' ? timeline.apply(observation) : [];
        expect(again).toEqual([]);
        return first;
      });
      expect(doubled).toEqual(transitions);
    });

    it('reports nothing for a relist of the objects it holds', () => {
      const { recording } = replay(file);
      const timeline = new Timeline();
      const latest = new Map<string, Observation>();
      for (const observation of recording.observations) {
        timeline.apply(observation);
        if (observation.kind !== 'watch') continue;
        const { uid, name } = observation.object.metadata;
        const key = `${observation.resource}/${uid ?? name}`;
        if (observation.type === 'DELETED') latest.delete(key);
        else latest.set(key, observation);
      }
      const relistAt = (timeline.lastObservationAt ?? 0) + 1;
      for (const held of latest.values()) {
        expect(timeline.apply({ ...held, at: relistAt, type: 'ADDED', synthetic: true } as Observation)).toEqual([]);
      }
    });
  });
});

describe('readiness-exec', () => {
  const { recording, timeline, transitions } = replay('readiness-exec.jsonl');
  const broken = firstAction(recording, 'exec');
  const pod = broken.pod as string;
  const afterBreak = transitions.filter((t) => t.at >= broken.at);

  it('the broken pod goes READY 1/1 -> 0/1 and back, the others stay ready', () => {
    expect(broken.command).toEqual(['rm', '/tmp/healthy']);
    expect(of(afterBreak, 'readyChanged').map((t) => `${t.pod} ${t.from}->${t.to}`)).toEqual([`${pod} 1/1->0/1`, `${pod} 0/1->1/1`]);
    expect(timeline.pods().map((p) => p.columns.ready)).toEqual(['1/1', '1/1', '1/1']);
  });

  it('it is never restarted', () => {
    expect(of(transitions, 'restarted')).toEqual([]);
    expect(timeline.pods().map((p) => p.columns.restarts)).toEqual(['0', '0', '0']);
  });

  it('its endpoint goes ready -> notReady -> ready in the EndpointSlice and in core Endpoints', () => {
    expect(endpointMoves(afterBreak, pod, 'EndpointSlice')).toEqual(['ready->notReady', 'notReady->ready']);
    expect(endpointMoves(afterBreak, pod, 'Endpoints')).toEqual(['ready->notReady', 'notReady->ready']);
    expect(of(afterBreak, 'endpointChanged').every((t) => t.pod === pod)).toBe(true);
    expect(timeline.endpoints('readiness-svc')?.ready).toHaveLength(3);
  });

  it('Unhealthy "Readiness probe failed" repeats in place up to x6', () => {
    const [unhealthy, ...others] = eventsNamed(timeline, pod, 'Unhealthy');
    expect(others).toEqual([]);
    expect(unhealthy).toMatchObject({ type: 'Warning', count: 6, from: 'kubelet' });
    expect(unhealthy?.message).toMatch(/^Readiness probe failed: cat: can't open '\/tmp\/healthy'/);
    const seen = of(transitions, 'eventSeen').filter((t) => t.event.reason === 'Unhealthy');
    expect(seen.map((t) => t.event.count)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.filter((t) => t.isNew)).toHaveLength(1);
  });
});

describe('liveness-always-500', () => {
  const { timeline, transitions } = replay('liveness-always-500.jsonl');

  it('RESTARTS climbs to 4, every restart after an exit 143', () => {
    const restarts = of(transitions, 'restarted', 'liveness-pod');
    expect(restarts.map((t) => t.to)).toEqual([1, 2, 3, 4]);
    expect(restarts.every((t) => t.lastState?.exitCode === 143 && t.lastState.reason === 'Error')).toBe(true);
    expect(timeline.pod('liveness-pod')?.columns).toMatchObject({ restartCount: 4, restarts: '4 (3s ago)', status: 'Running' });
  });

  it('each of the four killed instances is reported once, from lastState', () => {
    const terminated = of(transitions, 'containerTerminated', 'liveness-pod');
    expect(terminated.map((t) => [t.termination.exitCode, t.seenIn])).toEqual([
      [143, 'lastState'],
      [143, 'lastState'],
      [143, 'lastState'],
      [143, 'lastState'],
    ]);
  });

  it('STATUS shows CrashLoopBackOff while the restart waits out the back-off', () => {
    expect(of(transitions, 'statusChanged', 'liveness-pod').map((t) => t.to)).toEqual(['ContainerCreating', 'Running', 'CrashLoopBackOff', 'Running']);
    // The first change is the Ready condition appearing (False) while READY stays 0/1.
    expect(of(transitions, 'readyChanged', 'liveness-pod').map((t) => `${t.from}->${t.to} ${t.readyCondition.from}->${t.readyCondition.to}`)).toEqual([
      '0/1->0/1 undefined->False',
      '0/1->1/1 False->True',
      '1/1->0/1 True->False',
      '0/1->1/1 False->True',
    ]);
  });

  it('Unhealthy, Killing and BackOff events repeat in place', () => {
    expect(eventsNamed(timeline, 'liveness-pod', 'Unhealthy')[0]).toMatchObject({ count: 9, message: 'Liveness probe failed: HTTP probe failed with statuscode: 500' });
    expect(eventsNamed(timeline, 'liveness-pod', 'Killing')[0]).toMatchObject({ count: 4, message: 'Container unhealthy-container failed liveness probe, will be restarted' });
    expect(eventsNamed(timeline, 'liveness-pod', 'BackOff')[0]?.message).toMatch(/^Back-off restarting failed container unhealthy-container/);
  });

  it('the kubelet makes 30 writes about the pod: past the default spam burst, which this cluster did not enforce', () => {
    const unhealthy = eventsNamed(timeline, 'liveness-pod', 'Unhealthy')[0];
    // Pulled 5 + Created 5 + Started 5 + Unhealthy 9 + Killing 4 + BackOff 2 = 30 kubelet events about the pod.
    expect(unhealthy && timeline.spamBudget(unhealthy)).toMatchObject({ recorded: 30, limited: true });
    const kubelet = of(transitions, 'eventSeen').filter((t) => t.event.from === 'kubelet');
    expect(kubelet.findIndex((t) => t.spamLimited)).toBe(24);
    // Every count still rose one at a time: no write was dropped in the 43 s recorded.
    expect(kubelet.every((t) => t.event.count - t.previousCount === 1)).toBe(true);
  });
});

describe('init-containers', () => {
  const { timeline, transitions } = replay('init-containers.jsonl');

  it('STATUS goes Init:0/2 -> Init:1/2 -> PodInitializing -> Running', () => {
    expect(of(transitions, 'statusChanged', 'sample-initcontainer').map((t) => t.to)).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    expect(timeline.pod('sample-initcontainer')?.columns).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('both init containers run once and complete, in order', () => {
    const terminated = of(transitions, 'containerTerminated', 'sample-initcontainer');
    expect(terminated.map((t) => [t.container, t.init, t.termination.exitCode, t.termination.reason])).toEqual([
      ['output-1', true, 0, 'Completed'],
      ['output-2', true, 0, 'Completed'],
    ]);
    expect(of(transitions, 'containerStarted', 'sample-initcontainer').map((t) => t.container)).toEqual(['output-1', 'output-2', 'nginx-container']);
    const initialized = of(transitions, 'conditionChanged', 'sample-initcontainer').find((t) => t.type === 'Initialized' && t.to === 'True');
    expect(initialized?.at).toBe(of(transitions, 'statusChanged', 'sample-initcontainer').find((t) => t.to === 'PodInitializing')?.at);
  });
});

describe('graceful-termination', () => {
  const { recording, timeline, transitions } = replay('graceful-termination.jsonl');
  const deletion = firstAction(recording, 'delete');
  const deleted = deletion.pod as string;

  it('two ready endpoints before the deletion', () => {
    const before = transitions.filter((t) => t.at < deletion.at);
    const ready = of(before, 'endpointChanged').filter((t) => t.source === 'EndpointSlice' && t.to === 'ready');
    expect(ready.map((t) => t.pod).sort()).toEqual([deleted, 'web-5ddf88b4b7-kvhcq'].sort());
  });

  it('the deleted pod shows Terminating, then disappears', () => {
    expect(of(transitions, 'statusChanged', deleted).map((t) => t.to)).toEqual(['ContainerCreating', 'Running', 'Terminating', 'Completed']);
    const gone = of(transitions, 'podDeleted', deleted);
    expect(gone).toHaveLength(1);
    const terminating = of(transitions, 'statusChanged', deleted).find((t) => t.to === 'Terminating');
    expect(((gone[0]?.at ?? 0) - (terminating?.at ?? 0)) / 1000).toBeGreaterThan(9);
    expect(timeline.pod(deleted)).toBeUndefined();
  });

  it('its slice endpoint goes terminating (serving, not ready) while core Endpoints drop it at once', () => {
    expect(endpointMoves(transitions, deleted, 'EndpointSlice')).toEqual(['absent->ready', 'ready->terminating', 'terminating->absent']);
    expect(endpointMoves(transitions, deleted, 'Endpoints')).toEqual(['absent->ready', 'ready->absent']);
    const sliceTerminating = of(transitions, 'endpointChanged').find((t) => t.pod === deleted && t.to === 'terminating');
    const endpointsDrop = of(transitions, 'endpointChanged').find((t) => t.pod === deleted && t.source === 'Endpoints' && t.to === 'absent');
    const sliceDrop = of(transitions, 'endpointChanged').find((t) => t.pod === deleted && t.source === 'EndpointSlice' && t.to === 'absent');
    expect(sliceTerminating?.preferred).toBe(true);
    expect(((endpointsDrop?.at ?? 0) - deletion.at) / 1000).toBeLessThan(1);
    expect(sliceDrop?.at).toBeGreaterThan(endpointsDrop?.at ?? Infinity);
  });

  it('while terminating the slice keeps serving=true, ready=false', () => {
    const timeline2 = new Timeline();
    for (const observation of recording.observations) {
      timeline2.apply(observation);
      if (observation.at > deletion.at && observation.kind === 'watch' && observation.resource === 'endpointslices') break;
    }
    expect(timeline2.endpoints('web')?.terminating).toEqual([expect.objectContaining({ pod: deleted, conditions: { ready: false, serving: true, terminating: true } })]);
    expect(timeline2.endpointsFrom('web', 'Endpoints')?.ready.map((m) => m.pod)).toContain(deleted);
  });

  it('a replacement pod appears and becomes ready', () => {
    const added = of(transitions, 'podAdded').filter((t) => t.at > deletion.at);
    expect(added).toHaveLength(1);
    const replacement = added[0]?.pod as string;
    expect(timeline.pod(replacement)?.columns.ready).toBe('1/1');
    expect(timeline.endpoints('web')?.ready.map((m) => m.pod).sort()).toEqual([replacement, 'web-5ddf88b4b7-kvhcq'].sort());
  });
});

describe('readiness-gate', () => {
  const { recording, timeline, transitions } = replay('readiness-gate.jsonl');
  const patch = firstAction(recording, 'patchStatus');

  it('READINESS GATES 0/1 -> 1/1 after the status patch', () => {
    const before = transitions.filter((t) => t.at < patch.at);
    expect(of(before, 'podAdded')[0]?.columns.readinessGates).toBe('0/1');
    const gate = of(transitions, 'conditionChanged', 'sample-readinessgate').find((t) => t.readinessGate);
    expect(gate).toMatchObject({ type: 'example.com/feature-1', from: undefined, to: 'True', columns: { readinessGates: '1/1' } });
    expect(gate?.at).toBeGreaterThanOrEqual(patch.at);
  });

  it('ContainersReady True and Ready False until the gate is met, then Ready True', () => {
    const ready = of(transitions, 'readyChanged', 'sample-readinessgate');
    const [containersUp, gateMet] = ready.filter((t) => t.to === '1/1');
    expect(containersUp?.readyCondition).toEqual({ from: 'False', to: 'False' });
    expect(gateMet).toMatchObject({ from: '1/1', to: '1/1', readyCondition: { from: 'False', to: 'True' } });
    expect(gateMet && (gateMet.at - patch.at) / 1000).toBeLessThan(1);
  });

  it('the endpoint goes notReady -> ready', () => {
    expect(endpointMoves(transitions, 'sample-readinessgate', 'EndpointSlice')).toEqual(['absent->notReady', 'notReady->ready']);
    expect(timeline.endpoints('sample-readinessgate')?.ready.map((m) => m.pod)).toEqual(['sample-readinessgate']);
  });
});

describe('liveness-exam', () => {
  const { timeline, transitions } = replay('liveness-exam.jsonl');

  it('restarts once; the last state is Error, exit 137, after the 30 s grace period', () => {
    const [restart, ...more] = of(transitions, 'restarted', 'liveness-exam');
    expect(more).toEqual([]);
    expect(restart).toMatchObject({ from: 0, to: 1, lastState: { exitCode: 137, reason: 'Error' } });
    const killing = of(transitions, 'eventSeen').find((t) => t.event.reason === 'Killing');
    expect(killing?.event.message).toBe('Container busybox-container failed liveness probe, will be restarted');
    expect(((restart?.at ?? 0) - (killing?.at ?? 0)) / 1000).toBeGreaterThan(29);
    expect(timeline.pod('liveness-exam')?.columns).toMatchObject({ ready: '1/1', status: 'Running', restartCount: 1 });
  });

  it('Unhealthy "Liveness probe failed" x2 before the kill', () => {
    expect(eventsNamed(timeline, 'liveness-exam', 'Unhealthy')[0]).toMatchObject({ count: 2, type: 'Warning' });
    expect(eventsNamed(timeline, 'liveness-exam', 'Unhealthy')[0]?.message).toMatch(/^Liveness probe failed: ls: \/tmp\/healthy: No such file or directory$/);
  });
});

describe('single-restart liveness recordings', () => {
  // [file, pod, container, last exit code, Unhealthy count], read from each recording.
  const cases: [string, string, string, number, number][] = [
    ['liveness-nginx.jsonl', 'sample-liveness', 'nginx-container', 0, 2],
    ['liveness-sigusr1.jsonl', 'liveness-app', 'liveness', 0, 3],
    ['liveness-tcp.jsonl', 'tcp-liveness', 'server', 137, 2],
    ['liveness-grpc.jsonl', 'etcd-with-grpc', 'etcd', 137, 2],
    ['webapl-timebomb.jsonl', 'webapl', 'webapl', 0, 3],
  ];
  it.each(cases)('%s: %s/%s restarts once after exit %d, Liveness probe failed x%d', (file, pod, container, exitCode, failures) => {
    const { timeline, transitions } = replay(file);
    const restarts = of(transitions, 'restarted', pod);
    expect(restarts.map((t) => [t.container, t.to, t.lastState?.exitCode])).toEqual([[container, 1, exitCode]]);
    const liveness = eventsNamed(timeline, pod, 'Unhealthy').filter((e) => e.message.startsWith('Liveness probe failed'));
    expect(liveness.map((e) => e.count)).toEqual([failures]);
    expect(eventsNamed(timeline, pod, 'Killing')[0]?.message).toBe(`Container ${container} failed liveness probe, will be restarted`);
  });

  it('liveness-grpc: only the etcd container restarts, READY 2/2 at the end', () => {
    const { timeline, transitions } = replay('liveness-grpc.jsonl');
    expect(of(transitions, 'restarted').map((t) => t.container)).toEqual(['etcd']);
    expect(timeline.pod('etcd-with-grpc')?.columns).toMatchObject({ ready: '2/2', restartCount: 1 });
  });
});

describe('webapl-timebomb', () => {
  const { timeline, transitions, t } = replay('webapl-timebomb.jsonl');
  it('READY 0/1 -> 1/1 at ~21-27 s, then not ready after the liveness restart', () => {
    const ready = of(transitions, 'readyChanged', 'webapl');
    const firstReady = ready.find((x) => x.to === '1/1');
    expect(firstReady && t(firstReady)).toBeGreaterThanOrEqual(21);
    expect(firstReady && t(firstReady)).toBeLessThanOrEqual(27);
    const restart = of(transitions, 'restarted', 'webapl')[0];
    expect(restart && t(restart)).toBeGreaterThanOrEqual(50);
    expect(restart && t(restart)).toBeLessThanOrEqual(57);
    expect(eventsNamed(timeline, 'webapl', 'Unhealthy').find((e) => e.message.startsWith('Readiness probe failed'))?.message).toBe(
      'Readiness probe failed: HTTP probe failed with statuscode: 500',
    );
  });
});

describe('startup-probe', () => {
  const { recording, timeline, transitions } = replay('startup-probe.jsonl');
  const touch = firstAction(recording, 'exec');
  it('started stays false while the startup probe fails, flips after the touch, then READY 1/1', () => {
    const started = of(transitions, 'startedChanged', 'sample-startup');
    expect(started.map((x) => [x.from, x.to])).toEqual([[false, true]]);
    expect(started[0]?.at).toBeGreaterThan(touch.at);
    const ready = of(transitions, 'readyChanged', 'sample-startup').find((x) => x.to === '1/1');
    expect(ready?.at).toBeGreaterThan(started[0]?.at ?? Infinity);
    expect(eventsNamed(timeline, 'sample-startup', 'Unhealthy')[0]).toMatchObject({ count: 4, message: 'Startup probe failed:' });
    expect(of(transitions, 'restarted')).toEqual([]);
  });
});

describe('readiness-hostpath and readiness-nginx-50x', () => {
  it('readiness-hostpath: notReady (notReadyAddresses) until ready.txt exists, then ready', () => {
    const { recording, timeline, transitions } = replay('readiness-hostpath.jsonl');
    const write = firstAction(recording, 'exec');
    expect(endpointMoves(transitions, 'pod-readiness-exec', 'Endpoints')).toEqual(['absent->notReady', 'notReady->ready']);
    const toReady = of(transitions, 'endpointChanged').find((x) => x.pod === 'pod-readiness-exec' && x.to === 'ready');
    expect(toReady?.at).toBeGreaterThan(write.at);
    expect(eventsNamed(timeline, 'pod-readiness-exec', 'Unhealthy')[0]?.message).toMatch(/^Readiness probe failed: cat: can't open '\/readiness\/ready.txt'/);
  });

  it('readiness-nginx-50x: READY 1/1 -> 0/1 -> 1/1, never restarted', () => {
    const { recording, transitions } = replay('readiness-nginx-50x.jsonl');
    const remove = firstAction(recording, 'exec');
    const after = of(transitions, 'readyChanged', 'sample-readiness').filter((x) => x.at > remove.at);
    expect(after.map((x) => `${x.from}->${x.to}`)).toEqual(['1/1->0/1', '0/1->1/1']);
    expect(of(transitions, 'restarted')).toEqual([]);
  });

  it('liveness-defaults: READY 1/1, RESTARTS 0', () => {
    const { timeline } = replay('liveness-defaults.jsonl');
    expect(timeline.pod('nginx-pod-liveness')?.columns).toMatchObject({ ready: '1/1', restarts: '0', status: 'Running' });
  });
});
