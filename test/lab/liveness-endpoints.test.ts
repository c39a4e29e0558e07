// liveness-endpoints has no recording of a real run yet. What can be checked without one: it is in
// the catalogue, the oracle's windows for it use the tutorial's 10 s period, and the lab judges
// built streams of its two pods the way it should: a run whose kill comes as late as the kubelet
// allows still passes, and a pod that leaves the Service's ready endpoints while it answers 500
// fails the step. The pods come from the lab's own Deployment template; the events carry the
// kubelet's messages as recorded for the same probe failure (liveness-always-500.jsonl).

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { LoadedLab } from '../../src/lab/load.js';
import { main } from '../../src/main.js';
import type { Deployment, EndpointSlice, KubeEvent, Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { RECORDING_FORMAT, type Recording } from '../../src/recording/format.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import { captureIo } from '../commands/io.js';
import { loadCatalogueLab, readFixture, repoRoot } from '../support/fixtures.js';
import { templatePods } from '../verify/support.js';

const T0 = Date.parse('2026-11-21T20:00:00Z');
const at = (seconds: number) => T0 + Math.round(seconds * 1000);
const NS = 'probelab-liveness-endpoints-test1';

interface Scenario {
  /** Seconds from /break to the first failed probe: the next tick, 0 to 10 s later. */
  firstFailure: number;
  /**
   * Between its second and third failure the broken pod turns not ready, and the EndpointSlice
   * follows ('ready'), or only its endpoint turns not ready ('endpoint'). Neither may happen.
   */
  leaves?: 'ready' | 'endpoint';
}

function runningStatus(restarts: number, ready = true): Pod['status'] {
  return {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: ready ? 'True' : 'False' },
      { type: 'ContainersReady', status: ready ? 'True' : 'False' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'web',
        ready,
        started: true,
        restartCount: restarts,
        state: { running: { startedAt: new Date(T0 + 1000).toISOString() } },
        lastState: restarts === 0 ? {} : { terminated: { exitCode: 0, reason: 'Completed', startedAt: new Date(T0 + 1000).toISOString(), finishedAt: new Date(T0).toISOString() } },
      },
    ],
  };
}

async function scenario(loaded: LoadedLab, { firstFailure, leaves }: Scenario): Promise<Recording> {
  const deployment = loaded.manifests.flatMap((m) => m.objects).find((o) => o.kind === 'Deployment') as unknown as Deployment;
  const [a, b] = templatePods(deployment).map((pod, i) => ({ ...pod, metadata: { ...pod.metadata, namespace: NS, uid: `uid-${String(i)}`, resourceVersion: '100' } }));
  let version = 200;
  const podAt = (seconds: number, pod: Pod, status: Pod['status'], type: 'ADDED' | 'MODIFIED' = 'MODIFIED'): Observation => ({
    kind: 'watch', resource: 'pods', type, at: at(seconds), object: { ...pod, metadata: { ...pod.metadata, resourceVersion: String(version++) }, status },
  });
  const sliceAt = (seconds: number, aReady: boolean, type: 'ADDED' | 'MODIFIED' = 'MODIFIED'): Observation => {
    const slice: EndpointSlice = {
      metadata: { name: 'liveness-web-x7k2p', namespace: NS, uid: 'slice-1', resourceVersion: String(version++), labels: { 'kubernetes.io/service-name': 'liveness-web' } },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.244.0.31'], conditions: { ready: aReady, serving: aReady, terminating: false }, targetRef: { kind: 'Pod', name: a!.metadata.name, namespace: NS } },
        { addresses: ['10.244.0.32'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', name: b!.metadata.name, namespace: NS } },
      ],
    } as EndpointSlice;
    return { kind: 'watch', resource: 'endpointslices', type, at: at(seconds), object: slice };
  };
  // The kubelet's own events for this failure, as recorded, moved onto pod a and its container.
  const recorded = (await readFixture('liveness-always-500')).observations.filter((o) => o.kind === 'watch' && o.resource === 'events').map((o) => o.object as KubeEvent);
  const unhealthy = recorded.find((e) => e.reason === 'Unhealthy')!;
  const killing = recorded.find((e) => e.reason === 'Killing')!;
  const eventAt = (seconds: number, template: KubeEvent, count: number): Observation => ({
    kind: 'watch', resource: 'events', type: count === 1 ? 'ADDED' : 'MODIFIED', at: at(seconds),
    object: {
      ...structuredClone(template),
      metadata: { ...template.metadata, namespace: NS, resourceVersion: String(version++) },
      involvedObject: { ...template.involvedObject, namespace: NS, name: a!.metadata.name, uid: a!.metadata.uid, fieldPath: 'spec.containers{web}' },
      message: template.message!.replace('unhealthy-container', 'web'),
      count,
    },
  });
  const exec = (seconds: number, step: number, stdout: string): Observation => {
    const action = loaded.lab.spec.steps[step]!.do!.find((d) => 'exec' in d) as { exec: { command: string[] } };
    return { kind: 'action', action: 'exec', at: at(seconds), pod: a!.metadata.name, container: 'web', command: action.exec.command, exitCode: 0, stdout, stderr: '' };
  };
  const fault = 18;
  const third = fault + firstFailure + 20;
  const observations: Observation[] = [
    podAt(0.1, a!, { phase: 'Pending' }, 'ADDED'),
    podAt(0.1, b!, { phase: 'Pending' }, 'ADDED'),
    podAt(1.0, a!, runningStatus(0)),
    podAt(1.0, b!, runningStatus(0)),
    sliceAt(1.1, true, 'ADDED'),
    exec(17.2, 1, `{"status":"ok","pod":"${a!.metadata.name}","probes":2}`),
    exec(fault, 2, '{"broken":true,"note":"from now on every answer is 500"}'),
    eventAt(fault + firstFailure, unhealthy, 1),
    eventAt(fault + firstFailure + 10, unhealthy, 2),
    ...(leaves === 'ready' ? [podAt(fault + firstFailure + 10.5, a!, runningStatus(0, false))] : []),
    ...(leaves ? [sliceAt(fault + firstFailure + 10.6, false)] : []),
    eventAt(third, unhealthy, 3),
    eventAt(third + 0.01, killing, 1),
    podAt(third + 0.4, a!, runningStatus(1)),
    exec(third + 0.6, 3, `{"status":"ok","pod":"${a!.metadata.name}","probes":0}`),
  ].sort((x, y) => x.at - y.at);
  return { header: { format: RECORDING_FORMAT, scenario: 'liveness-endpoints', namespace: NS, startedAt: new Date(T0).toISOString() }, observations };
}

describe('liveness-endpoints (tutorial 004, the liveness half)', () => {
  it('is in the catalogue, the lab README and the workshop', async () => {
    const io = captureIo();
    expect(await main(['validate', `${repoRoot}labs`], io)).toBe(0);
    expect(io.stdout).toContain(`✔ ${repoRoot}labs/liveness-endpoints.yaml  liveness-endpoints — Liveness restarts a pod that answers 500, but never takes it out of the Service`);
    expect(await readFile(`${repoRoot}labs/README.md`, 'utf8')).toContain('| [liveness-endpoints](liveness-endpoints.yaml) |');
    expect(await readFile(`${repoRoot}workshops/health-checks.yaml`, 'utf8')).toContain('- lab: ../labs/liveness-endpoints.yaml');
  });

  it("predicts the restart with the tutorial's 10 s period", async () => {
    const io = captureIo();
    expect(await main(['predict', `${repoRoot}labs/liveness-endpoints.yaml`], io)).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines).toContain('    liveness   http-get http://:3000/health delay=5s timeout=1s period=10s #success=1 #failure=3');
    expect(lines.find((line) => line.includes('liveness kill after fault'))).toMatch(/20s – 31s +\(3 failures × 10s period, \+1s timeout\)/);
    expect(lines.find((line) => line.includes('liveness restart after fault'))).toMatch(/20s – 32s/);
  });

  it("the fault step's deadlines come from the oracle with the 10 s period, not a fallback", async () => {
    const loaded = await loadCatalogueLab('liveness-endpoints');
    const { verdicts } = judgeRecording(loaded.lab, await scenario(loaded, { firstFailure: 4 }), autoWithinFor(loaded));
    const fault = verdicts[2]!;
    const deadlines = fault.items.filter((item) => item.group === 'expect').map((item) => item.deadline - fault.startedAt);
    // The latest kill is 31 s after the fault (3 failures × 10 s, +1 s timeout), plus the slack of
    // `auto`; a 5 s period would give about half, the fallback for an unpredicted wait 120 s.
    expect(deadlines).toHaveLength(3);
    for (const deadline of deadlines) {
      expect(deadline).toBeGreaterThanOrEqual(33_000);
      expect(deadline).toBeLessThan(40_000);
    }
  });

  it.each([0.2, 10])('passes a run whose first failure comes %s s after /break (the kill at the earliest and the latest)', async (firstFailure) => {
    const loaded = await loadCatalogueLab('liveness-endpoints');
    const { verdicts } = judgeRecording(loaded.lab, await scenario(loaded, { firstFailure }), autoWithinFor(loaded));
    expect(verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'passed', 'passed']);
    const fault = verdicts[2]!;
    // The step passed when the restart was seen, 20.4 s after the first failure, well before its deadline.
    expect(fault.at! - fault.startedAt).toBe(Math.round((firstFailure + 20.4) * 1000));
    expect(fault.deadline - fault.at!).toBeGreaterThan(5_000);
  });

  it.each([
    ['ready' as const, /^pod \$victim \(liveness-web-5d8c7b9f4-abcde\) READY 0\/1 happened, which this step does not allow \(READY 0\/1\)\.$/],
    ['endpoint' as const, /^endpoints liveness-web: notReady ∋ \$victim \(liveness-web-5d8c7b9f4-abcde\) happened, which this step does not allow \(notReady: \[liveness-web-5d8c7b9f4-abcde\] \(EndpointSlice\)\)\.$/],
  ])('fails the fault step when the broken pod turns not ready (%s): liveness alone must not take it out of the Service', async (leaves, reason) => {
    const loaded = await loadCatalogueLab('liveness-endpoints');
    const { verdicts } = judgeRecording(loaded.lab, await scenario(loaded, { firstFailure: 4, leaves }), autoWithinFor(loaded));
    expect(verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'failed', undefined]);
    expect(verdicts[2]!.reason).toMatch(reason);
  });

  it('fails the second step when the app has not been probed yet, instead of breaking it during the initial delay', async () => {
    const loaded = await loadCatalogueLab('liveness-endpoints');
    const recording = await scenario(loaded, { firstFailure: 4 });
    const probed = recording.observations.find((o) => o.kind === 'action')!;
    if (probed.kind === 'action') probed.stdout = probed.stdout!.replace('"probes":2', '"probes":0');
    const { verdicts } = judgeRecording(loaded.lab, recording, autoWithinFor(loaded));
    expect(verdicts.map((v) => v?.state)).toEqual(['passed', 'failed', undefined, undefined]);
    expect(verdicts[1]!.reason).toContain('expected /"status":"ok".*"probes":[1-9]/');
  });
});
