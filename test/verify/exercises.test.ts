// Every exercise in the catalogue, graded by its own verify section: the start manifests as the
// student receives them must fail, and the solution manifests must pass every check when their
// pods carry the status and events a real cluster recorded for the same answer
// (../shared/fixtures). liveness-endpoints has no recording of its own: its pods and events are
// taken from the recordings of the same mechanics (a Node.js app restarted by its liveness probe,
// exiting 0 on SIGTERM, and the kubelet's events for a probe answered with 500).

import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { LoadedLab } from '../../src/lab/load.js';
import type { Deployment, KubeEvent, KubeObject } from '../../src/model/kube.js';
import type { Evidence } from '../../src/verify/evidence.js';
import { scoreOf, verifyLab } from '../../src/verify/verify-lab.js';
import { loadCatalogueLab, readFixture, repoRoot } from '../support/fixtures.js';
import { finalState, manifestObjects, runningPod, templatePods, withRecordedStatus } from './support.js';

const NS = 'student-01';

/** The objects a namespace holds after applying these manifests of the lab. */
function applied(loaded: LoadedLab, paths: readonly string[]): KubeObject[] {
  return paths.flatMap((path) => manifestObjects(loaded, path));
}

function targetOf(loaded: LoadedLab, objects: KubeObject[]): KubeObject {
  const target = loaded.lab.spec.verify!.target;
  const [kind, name] = 'pod' in target ? ['Pod', target.pod] : ['Deployment', target.deployment];
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${loaded.lab.metadata.name}: no ${kind}/${name} in the manifests`);
  return found;
}

/** What a student's namespace shows right after `exercise start`: the pods run, nothing happened yet. */
function startEvidence(loaded: LoadedLab): Evidence {
  const objects = applied(loaded, loaded.lab.spec.exercise!.start);
  const target = targetOf(loaded, objects);
  const pods = target.kind === 'Pod' ? [runningPod(target)] : templatePods(target as unknown as Deployment).map((pod) => runningPod(pod as unknown as KubeObject));
  return { namespace: NS, target: target.kind === 'Pod' ? (pods[0] as unknown as KubeObject) : target, pods, events: [], objects };
}

/** The solution's Pod with the status and events recorded for the same pod on a real cluster. */
async function recordedPodAnswer(loaded: LoadedLab, fixture: string): Promise<Evidence> {
  const objects = applied(loaded, loaded.lab.spec.exercise!.solution);
  const recorded = finalState(await readFixture(fixture));
  const target = targetOf(loaded, objects);
  const pod = withRecordedStatus(target, recorded.pods.find((p) => p.metadata.name === target.metadata.name)!);
  return { namespace: NS, target: pod as unknown as KubeObject, pods: [pod], events: recorded.events, objects };
}

/** The same pod's events under another pod's name (as if the kubelet had reported them for it). */
function renamedEvents(events: KubeEvent[], from: string, to: string): KubeEvent[] {
  return events.filter((e) => e.involvedObject.name === from).map((e) => ({ ...structuredClone(e), involvedObject: { ...e.involvedObject, name: to } }));
}

const recordedAnswers: Record<string, (loaded: LoadedLab) => Promise<Evidence>> = {
  'liveness-exam': (loaded) => recordedPodAnswer(loaded, 'liveness-exam'),
  'readiness-gate': (loaded) => recordedPodAnswer(loaded, 'readiness-gate'),
  'startup-probe': (loaded) => recordedPodAnswer(loaded, 'startup-probe'),
  'readiness-nginx-50x': (loaded) => recordedPodAnswer(loaded, 'readiness-nginx-50x'),
  'readiness-exec': async (loaded) => {
    const objects = applied(loaded, loaded.lab.spec.exercise!.solution);
    const recorded = finalState(await readFixture('readiness-exec'));
    return { namespace: NS, target: targetOf(loaded, objects), pods: recorded.pods, events: recorded.events, objects };
  },
  'liveness-endpoints': async (loaded) => {
    const objects = applied(loaded, loaded.lab.spec.exercise!.solution);
    const deployment = targetOf(loaded, objects) as unknown as Deployment;
    const [broken, healthy] = templatePods(deployment);
    // liveness-sigusr1: a Node.js app killed by its liveness probe, exit 0 on SIGTERM, RESTARTS 1.
    const restarted = finalState(await readFixture('liveness-sigusr1')).pods[0]!;
    const always500 = finalState(await readFixture('liveness-always-500'));
    const pods = [withRecordedStatus(broken as unknown as KubeObject, restarted), runningPod(healthy as unknown as KubeObject)];
    pods[0]!.status!.containerStatuses![0]!.name = 'web';
    return { namespace: NS, target: deployment as unknown as KubeObject, pods, events: renamedEvents(always500.events, 'liveness-pod', broken!.metadata.name), objects };
  },
};

const exerciseLabs: LoadedLab[] = [];
for (const file of (await readdir(`${repoRoot}labs`)).filter((name) => name.endsWith('.yaml')).sort()) {
  const loaded = await loadCatalogueLab(file.replace(/\.yaml$/, ''));
  if (loaded.lab.spec.exercise) exerciseLabs.push(loaded);
}

describe('the catalogue exercises', () => {
  it('are at least six, and each has a recorded answer here', () => {
    const names = exerciseLabs.map((loaded) => loaded.lab.metadata.name);
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(names.filter((name) => !(name in recordedAnswers))).toEqual([]);
  });

  it.each(exerciseLabs.map((loaded) => [loaded.lab.metadata.name, loaded] as const))('%s: the start manifests fail a spec check of the task', (_, loaded) => {
    const results = verifyLab(loaded.lab.spec.verify!, startEvidence(loaded));
    const specChecks = loaded.lab.spec.verify!.checks.flatMap((check, i) => ('probe' in check || 'readinessGates' in check ? [results[i]!] : []));
    expect(specChecks.length).toBeGreaterThan(0);
    expect(specChecks.filter((r) => r.passed)).toEqual([]);
    expect(scoreOf(results).earned).toBeLessThan(scoreOf(results).total);
  });

  it.each(exerciseLabs.map((loaded) => [loaded.lab.metadata.name, loaded] as const))('%s: the solution passes every check with the recorded status and events', async (name, loaded) => {
    const results = verifyLab(loaded.lab.spec.verify!, await recordedAnswers[name]!(loaded));
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('liveness-endpoints: the probe and restart checks read the broken replica, and say why without a probe', async () => {
    const loaded = exerciseLabs.find((l) => l.lab.metadata.name === 'liveness-endpoints')!;
    const passed = verifyLab(loaded.lab.spec.verify!, await recordedAnswers['liveness-endpoints']!(loaded));
    expect(passed.map((r) => r.reason)).toEqual([
      'livenessProbe uses httpGet; livenessProbe.httpGet.path is /health; livenessProbe port is 3000',
      'livenessProbe.initialDelaySeconds is 5',
      'livenessProbe.periodSeconds is 10',
      'livenessProbe.failureThreshold is 3',
      'Service/liveness-web exists',
      expect.stringMatching(/^pod liveness-web-[a-z0-9]+-[a-z0-9]+: Unhealthy event \(x9\): Liveness probe failed: HTTP probe failed with statuscode: 500$/),
      expect.stringMatching(/^pod liveness-web-[a-z0-9]+-[a-z0-9]+: RESTARTS 1; Killing event \(x4\): Container unhealthy-container failed liveness probe, will be restarted$/),
    ]);
    const start = verifyLab(loaded.lab.spec.verify!, startEvidence(loaded));
    expect(start.at(-1)!.reason).toMatch(/the pod has not restarted yet \(RESTARTS 0\); container web has no livenessProbe that would restart it; no Killing event saying "failed liveness probe"/);
  });
});
