// The run view's reducer, fed with the RunEvents of a real runner pass over the readiness-exec
// recording.

import { beforeAll, describe, expect, it } from 'vitest';
import { describeAction } from '../../src/report/describe.js';
import type { RunEvent } from '../../src/runner/events.js';
import { endpointGroups } from '../../src/ui/view-endpoints.js';
import { activeStepIndex, initialRunViewState, reduceRunView, type RunViewState } from '../../src/ui/run-view-state.js';
import { currentProbeLines } from '../../src/ui/probe-lines.js';
import { indexOfTransition, PICKED, recordedRun, type RecordedRun } from './recorded-run.js';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordedRun();
});

function reduceAll(events: RunEvent[], from = initialRunViewState(run.loaded, run.connection, 'en')): RunViewState {
  return events.reduce(reduceRunView, from);
}

describe('reduceRunView', () => {
  it('starts from the lab: steps waiting, the Service and probes of its manifests', () => {
    const state = initialRunViewState(run.loaded, run.connection, 'en');
    expect(state.lab).toMatchObject({ name: 'readiness-exec', title: 'Readiness probe drops a pod from the Service' });
    expect(state.connection.context).toBe('kind-test');
    expect(state.steps.map((s) => [s.name, s.state])).toEqual([
      ['all replicas become ready', 'waiting'],
      ['break one replica', 'waiting'],
      ['repair it', 'waiting'],
    ]);
    expect(state.services.map((s) => s.service)).toEqual(['readiness-svc']);
    expect(state.manifestProbes.map((p) => `${p.container} ${p.kind} ${p.text}`)).toEqual([
      'readiness-deployment readiness exec [cat /tmp/healthy] delay=5s timeout=1s period=3s #success=1 #failure=3',
    ]);
  });

  it('follows the picked pod to READY 0/1 and records when the cell changed', () => {
    const drop = indexOfTransition(run.events, (t) => t.kind === 'readyChanged' && t.pod === PICKED && t.from === '1/1' && t.to === '0/1');
    const before = reduceAll(run.events.slice(0, drop));
    const after = reduceRunView(before, run.events[drop]!);
    const row = (state: RunViewState) => state.pods.find((p) => p.name === PICKED)!;
    expect(before.pods.map((p) => p.name)).toHaveLength(3);
    expect(row(before).pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(row(after).pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(row(after).changedAt.ready).toBe(run.events[drop]!.at);
    expect(row(after).changedAt.restarts).toBe(row(before).changedAt.restarts);
    expect(after.now).toBe(run.events[drop]!.at);
  });

  it('moves the picked pod to not ready in the Service, from EndpointSlices', () => {
    const moved = indexOfTransition(run.events, (t) => t.kind === 'endpointChanged' && t.preferred && t.pod === PICKED && t.from === 'ready' && t.to === 'notReady');
    const state = reduceAll(run.events.slice(0, moved + 1));
    const view = state.services.find((s) => s.service === 'readiness-svc')!;
    expect(view.source).toBe('EndpointSlice');
    const groups = endpointGroups(view);
    expect(groups.notReady.map((m) => m.pod)).toEqual([PICKED]);
    expect(groups.ready).toHaveLength(2);
    expect(groups.terminating).toEqual([]);
  });

  it('folds repeated events into one entry with a rising count, as kubectl describe does', () => {
    const state = reduceAll(run.events);
    const unhealthy = state.events.filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]!.count).toBeGreaterThanOrEqual(3);
    const times = state.events.map((e) => e.lastSeen ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('tracks steps: actions, the pending deadline, verdicts, then outcome and cleanup', () => {
    const firstAction = run.events.findIndex((e) => e.kind === 'action');
    const acting = reduceAll(run.events.slice(0, firstAction + 1));
    expect(acting.steps[1]!.state).toBe('acting');
    // The picked pod by name, in the namespace the run made: the command a learner can type.
    const action = run.events[firstAction]!;
    if (action.kind !== 'action') throw new Error('not an action');
    expect(acting.steps[1]!.actions).toEqual([{ observation: action.result, argv: ['kubectl', '-n', acting.namespace, 'exec', PICKED, '--', 'rm', '/tmp/healthy'] }]);
    expect(describeAction(acting.steps[1]!.actions[0]!.observation)).toBe(`exec rm /tmp/healthy in ${PICKED} (exit 0)`);
    // The selector's pick, as the judge binds it: labels in other languages name it too.
    expect(acting.bindings.get('$picked')).toBe(PICKED);
    expect(activeStepIndex(acting)).toBe(1);

    const pending = run.events.findIndex((e) => e.kind === 'stepStarted' && e.index === 1);
    const waiting = reduceAll(run.events.slice(0, pending + 1));
    expect(waiting.steps[1]!.state).toBe('pending');
    expect(waiting.steps[1]!.verdict?.deadline).toBeGreaterThan(waiting.now);

    const done = reduceAll(run.events);
    expect(done.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
    expect(done.finished?.outcome).toBe('passed');
    expect(done.cleanup).toEqual({ namespace: 'rec-readiness-exec', gone: true, waitedMs: 1200 });
    expect(activeStepIndex(done)).toBeUndefined();
  });

  it('marks steps that never ran as skipped when a run fails early', async () => {
    const failing = await recordedRun((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '20s' }];
    });
    const state = failing.events.reduce(reduceRunView, initialRunViewState(failing.loaded, failing.connection, 'en'));
    expect(state.steps.map((s) => s.state)).toEqual(['passed', 'failed', 'skipped']);
    expect(state.steps[1]!.verdict?.reason).toContain('was not seen within 20s');
    expect(state.finished?.outcome).toBe('failed');
  });

  it('takes probe lines from the live pods once they are reported', () => {
    const state = reduceAll(run.events);
    expect(state.pods.length).toBeGreaterThan(0);
    const live = currentProbeLines(state.pods, []);
    expect(live.map((p) => p.text)).toEqual(state.manifestProbes.map((p) => p.text));
  });

  it('moves the clock with ticks but never backwards', () => {
    const state = reduceAll(run.events.slice(0, 5));
    expect(reduceRunView(state, { kind: 'tick', at: state.now + 1500 }).now).toBe(state.now + 1500);
    expect(reduceRunView(state, { kind: 'tick', at: state.now - 1500 }).now).toBe(state.now);
  });
});
