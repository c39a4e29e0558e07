// verifyLab on the exercises' own manifests (start, solution, a partly wrong solution), with the
// status and events the real cluster produced for the same pods (../shared/fixtures).

import { describe, expect, it } from 'vitest';
import type { Verify } from '../../src/lab/schema.js';
import type { KubeObject, Pod } from '../../src/model/kube.js';
import type { Evidence } from '../../src/verify/evidence.js';
import { percentOf, scoreOf, verifyLab } from '../../src/verify/verify-lab.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { finalState, manifestObjects, objectNamed, runningPod, withRecordedStatus } from './support.js';

const NS = 'student-01';

function evidence(target: KubeObject | undefined, pods: Pod[] = [], extra: Partial<Evidence> = {}): Evidence {
  return { namespace: NS, target, pods, events: [], objects: [], ...extra };
}

async function exam() {
  const loaded = await loadCatalogueLab('liveness-exam');
  const recorded = finalState(await readFixture('liveness-exam'));
  const solution = objectNamed(manifestObjects(loaded, '../manifests/liveness-exam-solution.yaml'), 'Pod', 'liveness-exam');
  const start = objectNamed(manifestObjects(loaded, '../manifests/liveness-exam-start.yaml'), 'Pod', 'liveness-exam');
  return { verify: loaded.lab.spec.verify!, recorded, solution, start };
}

/** The solution pod as the student applied it, with the recorded status (restarted once) and events. */
function gradedAnswer(pod: KubeObject, recorded: { pods: Pod[]; events: Evidence['events'] }): Evidence {
  const live = withRecordedStatus(pod, recorded.pods[0]!);
  return evidence(live as unknown as KubeObject, [live], { events: recorded.events });
}

describe('verifyLab: the liveness exam', () => {
  it('passes every check on the solution, with the status and events the real cluster recorded', async () => {
    const { verify, recorded, solution } = await exam();
    const results = verifyLab(verify, gradedAnswer(solution, recorded));
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(scoreOf(results)).toEqual({ earned: 9, total: 9, passed: 7, failed: 0 });
    const byName = Object.fromEntries(results.map((r) => [r.name, r.reason]));
    expect(byName['liveness probe runs `ls /tmp/healthy`']).toBe('livenessProbe uses exec; livenessProbe.exec.command is [ls, /tmp/healthy]');
    expect(byName['the kubelet restarted it for failing liveness']).toBe('RESTARTS 1; Killing event: Container busybox-container failed liveness probe, will be restarted');
    expect(byName['the probe reported the missing file']).toBe('Unhealthy event (x2): Liveness probe failed: ls: /tmp/healthy: No such file or directory');
  });

  it('fails the start manifest with what to add, check by check', async () => {
    const { verify, start } = await exam();
    const pod = runningPod(start);
    const results = verifyLab(verify, evidence(pod as unknown as KubeObject, [pod]));
    expect(results.map((r) => [r.name, r.passed, r.reason])).toEqual([
      ['liveness probe runs `ls /tmp/healthy`', false, 'no livenessProbe on container busybox-container'],
      ['first probe 10 s after start', false, 'no livenessProbe on container busybox-container'],
      ['probes every 5 s', false, 'no livenessProbe on container busybox-container'],
      ['one success is healthy', false, 'no livenessProbe on container busybox-container'],
      ['two failures mean restart', false, 'no livenessProbe on container busybox-container'],
      [
        'the kubelet restarted it for failing liveness',
        false,
        'the pod has not restarted yet (RESTARTS 0); container busybox-container has no livenessProbe that would restart it; no Killing event saying "failed liveness probe" for pod liveness-exam yet',
      ],
      ['the probe reported the missing file', false, 'no Unhealthy event saying "Liveness probe failed: ls: /tmp/healthy" for pod liveness-exam yet'],
    ]);
    expect(scoreOf(results)).toEqual({ earned: 0, total: 9, passed: 0, failed: 7 });
  });

  it('a solution probing every 10 s instead of 5 loses exactly that check', async () => {
    const { verify, recorded, solution } = await exam();
    const wrong = structuredClone(solution) as unknown as Pod;
    wrong.spec!.containers[0]!.livenessProbe!.periodSeconds = 10;
    const results = verifyLab(verify, gradedAnswer(wrong as unknown as KubeObject, recorded));
    expect(results.filter((r) => !r.passed).map((r) => [r.name, r.points, r.reason])).toEqual([['probes every 5 s', 1, 'livenessProbe.periodSeconds is 10, expected 5']]);
    expect(scoreOf(results)).toEqual({ earned: 8, total: 9, passed: 6, failed: 1 });
    expect(percentOf(scoreOf(results))).toBe(88);
  });

  it('compares an absent field as its API default and says so', async () => {
    const { verify, recorded, solution } = await exam();
    const answer = structuredClone(solution) as unknown as Pod;
    const probe = answer.spec!.containers[0]!.livenessProbe!;
    delete probe.initialDelaySeconds;
    delete probe.successThreshold; // the default, 1, is what the exam asks for
    probe.failureThreshold = 0; // SetDefaults_Probe turns 0 into the default 3
    const results = verifyLab(verify, gradedAnswer(answer as unknown as KubeObject, recorded));
    expect(results.filter((r) => !r.passed).map((r) => r.reason)).toEqual([
      'livenessProbe.initialDelaySeconds is 0 (not set, so the default), expected 10',
      'livenessProbe.failureThreshold is 3 (0 means the default), expected 2',
    ]);
    expect(results.find((r) => r.name === 'one success is healthy')).toMatchObject({ passed: true, reason: 'livenessProbe.successThreshold is 1 (not set, so the default)' });
  });

  it('names the handler and command a wrong probe uses', async () => {
    const { verify, recorded, solution } = await exam();
    const answer = structuredClone(solution) as unknown as Pod;
    answer.spec!.containers[0]!.livenessProbe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 2 };
    const [handler] = verifyLab(verify, gradedAnswer(answer as unknown as KubeObject, recorded));
    expect(handler).toEqual({
      name: 'liveness probe runs `ls /tmp/healthy`',
      points: 2,
      passed: false,
      reason: 'livenessProbe uses httpGet, expected exec; livenessProbe runs no command (it uses httpGet), expected exec [ls, /tmp/healthy]',
    });
  });

  it('fails every check with one reason when the pod is not there', async () => {
    const { verify } = await exam();
    const results = verifyLab(verify, evidence(undefined));
    expect(new Set(results.map((r) => r.reason))).toEqual(new Set(['pod liveness-exam not found in namespace student-01']));
    expect(results.every((r) => !r.passed)).toBe(true);
    expect(scoreOf(results).earned).toBe(0);
  });
});

describe('verifyLab: the readiness-gate exercise', () => {
  async function gate() {
    const loaded = await loadCatalogueLab('readiness-gate');
    const recorded = finalState(await readFixture('readiness-gate'));
    return { loaded, verify: loaded.lab.spec.verify!, recorded };
  }

  it('passes the solution with the recorded pod (READY 1/1, gate met) and its Service', async () => {
    const { loaded, verify, recorded } = await gate();
    const objects = manifestObjects(loaded, '../manifests/readiness-gate-solution.yaml');
    const pod = withRecordedStatus(objectNamed(objects, 'Pod', 'sample-readinessgate'), recorded.pods[0]!);
    const results = verifyLab(verify, evidence(pod as unknown as KubeObject, [pod], { objects }));
    expect(results.map((r) => [r.passed, r.reason])).toEqual([
      [true, 'readinessGates has example.com/feature-1'],
      [true, 'Service/sample-readinessgate exists'],
      [true, 'READY 1/1'],
    ]);
  });

  it('fails the start manifest: the gate is missing, the rest is fine', async () => {
    const { loaded, verify } = await gate();
    const objects = manifestObjects(loaded, '../manifests/readiness-gate-start.yaml');
    const pod = runningPod(objectNamed(objects, 'Pod', 'sample-readinessgate'));
    const results = verifyLab(verify, evidence(pod as unknown as KubeObject, [pod], { objects }));
    expect(results.map((r) => [r.name, r.passed, r.reason])).toEqual([
      ['the pod declares the readiness gate example.com/feature-1', false, 'readinessGates lacks example.com/feature-1'],
      ['the Service sample-readinessgate is there', true, 'Service/sample-readinessgate exists'],
      ['the container is ready (READY 1/1) while the gate holds the pod back', true, 'READY 1/1'],
    ]);
    expect(scoreOf(results)).toEqual({ earned: 2, total: 4, passed: 2, failed: 1 });
  });
});

describe('verifyLab: the readiness-exec exercise (a Deployment)', () => {
  async function deployment() {
    const loaded = await loadCatalogueLab('readiness-exec');
    const recorded = finalState(await readFixture('readiness-exec'));
    return { loaded, verify: loaded.lab.spec.verify!, recorded };
  }

  it("reads the probe from the pod template and the behaviour from the Deployment's recorded pods", async () => {
    const { loaded, verify, recorded } = await deployment();
    const objects = manifestObjects(loaded, '../manifests/readiness-exec-solution.yaml');
    const target = objectNamed(objects, 'Deployment', 'readiness-deployment');
    expect(recorded.pods).toHaveLength(3);
    const results = verifyLab(verify, evidence(target, recorded.pods, { objects, events: recorded.events }));
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.at(-1)!.reason).toMatch(/^pod readiness-deployment-[a-z0-9]+-[a-z0-9]+: RESTARTS 0; READY 1\/1$/);
  });

  it('fails the start manifest on the missing readinessProbe only', async () => {
    const { loaded, verify } = await deployment();
    const objects = manifestObjects(loaded, '../manifests/readiness-exec-start.yaml');
    const target = objectNamed(objects, 'Deployment', 'readiness-deployment');
    const template = (target as unknown as { spec: { template: KubeObject } }).spec.template;
    const pods = ['a', 'b'].map((suffix) => runningPod({ ...template, kind: 'Pod', metadata: { name: `readiness-deployment-7d9f-${suffix}` } }));
    const results = verifyLab(verify, evidence(target, pods, { objects }));
    expect(results.filter((r) => !r.passed).map((r) => r.reason)).toEqual([
      'no readinessProbe on container readiness-deployment',
      'no readinessProbe on container readiness-deployment',
      'no readinessProbe on container readiness-deployment',
    ]);
  });

  it('says a Deployment without pods has none', async () => {
    const { loaded, verify } = await deployment();
    const objects = manifestObjects(loaded, '../manifests/readiness-exec-solution.yaml');
    const results = verifyLab(verify, evidence(objectNamed(objects, 'Deployment', 'readiness-deployment'), [], { objects }));
    expect(results.at(-1)).toMatchObject({ passed: false, reason: 'deployment readiness-deployment has no pods' });
  });
});

describe('verifyLab: the catalogue verify sections on their own manifests and recordings', () => {
  // Every lab with a verify section was recorded on a real cluster running its manifests: the
  // recorded end state must grade as a full score, or the lab's checks ask for the wrong thing.
  for (const name of ['liveness-defaults', 'liveness-always-500', 'init-containers', 'graceful-termination']) {
    it(`${name}: full score`, async () => {
      const loaded = await loadCatalogueLab(name);
      const verify = loaded.lab.spec.verify!;
      const recorded = finalState(await readFixture(name));
      const objects = loaded.manifests.flatMap((m) => structuredClone(m.objects));
      const targetName = 'pod' in verify.target ? verify.target.pod : verify.target.deployment;
      const target = objects.find((o) => o.metadata.name === targetName && o.kind === ('pod' in verify.target ? 'Pod' : 'Deployment'))!;
      const pods = 'pod' in verify.target ? recorded.pods.filter((p) => p.metadata.name === targetName).map((p) => withRecordedStatus(target, p)) : recorded.pods;
      const results = verifyLab(verify, evidence('pod' in verify.target ? (pods[0] as unknown as KubeObject) : target, pods, { objects, events: recorded.events }));
      expect(results.filter((r) => !r.passed)).toEqual([]);
    });
  }

  it('lifecycle-hooks (spec checks only, no recording): full score on its manifest', async () => {
    const loaded = await loadCatalogueLab('lifecycle-hooks');
    const pod = runningPod(objectNamed(loaded.manifests.flatMap((m) => structuredClone(m.objects)), 'Pod', 'lifecycle-hooks'));
    const results = verifyLab(loaded.lab.spec.verify!, evidence(pod as unknown as KubeObject, [pod]));
    expect(results.map((r) => [r.passed, r.reason])).toEqual([
      [true, 'container main has postStart exec and preStop exec'],
      [true, 'terminationGracePeriodSeconds is 10'],
    ]);
  });
});

describe('verifyLab: checks written without a name, and ports', () => {
  const pod = runningPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      terminationGracePeriodSeconds: 10,
      initContainers: [{ name: 'second' }, { name: 'first' }],
      containers: [
        { name: 'sidecar', image: 'busybox' },
        {
          name: 'app',
          image: 'nginx',
          ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: { httpGet: { port: 'http' } },
          lifecycle: { preStop: { httpGet: { port: 80, path: '/quit' } } },
        },
      ],
    },
  });
  const verify = (checks: Verify['checks']): Verify => ({ target: { pod: 'web' }, checks });
  const grade = (checks: Verify['checks']) => verifyLab(verify(checks), evidence(pod as unknown as KubeObject, [pod]));

  it('derives names from what is checked', () => {
    expect(
      grade([
        { probe: { kind: 'liveness', periodSeconds: 5 }, points: 1 },
        { probe: { kind: 'readiness', path: '/', port: 80 }, points: 1, container: 'app' },
        { readinessGates: ['example.com/a'], points: 1 },
        { initContainers: ['first', 'second'], points: 1 },
        { lifecycle: { preStop: 'exec' }, points: 1 },
        { terminationGracePeriodSeconds: 30, points: 1 },
        { object: 'Service/web', points: 1 },
        { observed: { restarts: { atLeast: 1 }, event: { reason: 'Killing' } }, points: 1 },
      ]).map((r) => r.name),
    ).toEqual([
      'liveness probe periodSeconds',
      'readiness probe path, port (container app)',
      'readiness gates example.com/a',
      'init containers first, second',
      'lifecycle preStop exec',
      'terminationGracePeriodSeconds 30',
      'Service/web exists',
      'observed RESTARTS ≥ 1, Killing event',
    ]);
  });

  it('finds the container that has the probe, resolves a named port, and fills the httpGet path default', () => {
    expect(grade([{ probe: { kind: 'readiness', handler: 'httpGet', path: '/', port: 80 }, points: 1 }])[0]).toMatchObject({
      passed: true,
      reason: 'container app: readinessProbe uses httpGet; readinessProbe.httpGet.path is /; readinessProbe port is http (80)',
    });
    expect(grade([{ probe: { kind: 'readiness', port: 8080 }, points: 1 }])[0]!.reason).toBe('container app: readinessProbe port is http (80), expected 8080');
    expect(grade([{ probe: { kind: 'liveness' }, points: 1 }])[0]!.reason).toBe('no livenessProbe on any container (sidecar, app)');
    expect(grade([{ probe: { kind: 'readiness' }, points: 1, container: 'db' }])[0]!.reason).toBe('no container named db (containers: sidecar, app)');
  });

  it('says what is wrong with init order, hooks and the grace period', () => {
    expect(grade([{ initContainers: ['first', 'second'], points: 1 }])[0]!.reason).toBe('initContainers run in the order second, first, expected first before second');
    expect(grade([{ initContainers: ['third'], points: 1 }])[0]!.reason).toBe('initContainers lacks third (has second, first)');
    expect(grade([{ lifecycle: { preStop: 'exec', postStart: 'exec' }, points: 1 }])[0]!.reason).toBe('no postStart hook on container app; preStop hook uses httpGet, expected exec');
    expect(grade([{ terminationGracePeriodSeconds: 30, points: 1 }])[0]!.reason).toBe('terminationGracePeriodSeconds is 10, expected 30');
    const defaulted = structuredClone(pod);
    delete defaulted.spec!.terminationGracePeriodSeconds;
    expect(verifyLab(verify([{ terminationGracePeriodSeconds: 20, points: 1 }]), evidence(defaulted as unknown as KubeObject, [defaulted]))[0]!.reason).toBe(
      'terminationGracePeriodSeconds is 30 (not set, so the default), expected 20',
    );
  });

  it('reports observed state that is not there yet, and points from passed checks only', () => {
    const results = grade([
      { observed: { restarts: 2 }, points: 2 },
      { observed: { ready: '0/2', lastState: { reason: 'Error', exitCode: 137 } }, points: 3, container: 'app' },
    ]);
    expect(results.map((r) => r.reason)).toEqual(['RESTARTS is 0, expected 2', 'READY is 2/2, expected 0/2; container app has no last state yet (it has not terminated), expected Error, exit code 137']);
    expect(scoreOf(results)).toEqual({ earned: 0, total: 5, passed: 0, failed: 2 });
  });
});
