import { describe, expect, it } from 'vitest';
import type { Container, PodSpec } from '../../src/model/kube.js';
import { backOffInForceMs } from '../../src/probes/backoff.js';
import { AUTO_SLACK, autoDeadlineMs, OracleError, predict } from '../../src/probes/oracle.js';
import { guessSigterm } from '../../src/probes/stop.js';
import { afterProbeKill } from '../../src/probes/restart-policy.js';

const pod = (container: Container, extra: Partial<PodSpec> = {}): PodSpec => ({ containers: [container], ...extra });
const web: Container = { name: 'web', command: ['node', 'server.js'], livenessProbe: { httpGet: { port: 8080 }, periodSeconds: 5 } };

describe('liveness kill after a fault', () => {
  it('is (F−1)..F periods plus up to the timeout, and the explanation lists the terms', () => {
    const w = predict({ kind: 'liveness-kill-after-fault', spec: pod(web), container: 'web' });
    expect([w.earliestMs, w.latestMs]).toEqual([10_000, 16_000]);
    expect(w.explanation).toBe('3 failures × 5s period, +1s timeout');
  });

  it('adds the whole timeout to the earliest bound when the probe hangs', () => {
    const w = predict({ kind: 'liveness-kill-after-fault', spec: pod(web), container: 'web', fault: 'hangs' });
    expect([w.earliestMs, w.latestMs]).toEqual([11_000, 16_000]);
  });

  it('waits for initialDelaySeconds, counted again from each container start', () => {
    const delayed: Container = { ...web, livenessProbe: { ...web.livenessProbe!, initialDelaySeconds: 15 } };
    const w = predict({ kind: 'liveness-kill-after-fault', spec: pod(delayed), container: 'web', sinceStartMs: 0 });
    expect([w.earliestMs, w.latestMs]).toEqual([25_000, 31_000]);
    expect(w.explanation).toMatch(/^initialDelaySeconds 15s, 3 failures/);
  });
});

describe('readiness', () => {
  const ready: Container = { name: 'r', readinessProbe: { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 3, successThreshold: 3 } };

  it('lets pod syncs bring the successes forward, but never past N periods', () => {
    const w = predict({ kind: 'ready-after-repair', spec: pod(ready), container: 'r' });
    expect([w.earliestMs, w.latestMs]).toEqual([0, 10_000]);
    expect(w.explanation).toContain('UpdatePodStatus');
  });

  it('goes not-ready only on ticks: pod syncs do not probe a ready container', () => {
    const w = predict({ kind: 'not-ready-after-fault', spec: pod(ready), container: 'r' });
    expect([w.earliestMs, w.latestMs]).toEqual([6_000, 10_000]);
  });

  it('is ready at start after initialDelaySeconds, or at once without a readiness probe', () => {
    const delayed: Container = { ...ready, readinessProbe: { ...ready.readinessProbe!, initialDelaySeconds: 5, successThreshold: 1 } };
    expect(predict({ kind: 'ready-after-start', spec: pod(delayed), container: 'r' })).toMatchObject({ earliestMs: 5_000, latestMs: 9_000 });
    expect(predict({ kind: 'ready-after-start', spec: pod({ name: 'plain' }), container: 'plain' })).toMatchObject({ earliestMs: 0, latestMs: 2_000 });
  });

  it('is gated by a startup probe', () => {
    const gated: Container = { name: 'g', startupProbe: { exec: { command: ['true'] }, periodSeconds: 3, failureThreshold: 20 }, readinessProbe: { exec: { command: ['true'] }, periodSeconds: 3 } };
    const w = predict({ kind: 'ready-after-start', spec: pod(gated), container: 'g' });
    expect(w.earliestMs).toBe(0);
    expect(w.latestMs).toBe(2_000 + 3_000 + 1_000 + 3_000 + 1_000);
    expect(w.explanation).toMatch(/^readiness may run after 0s – 6s/);
  });

  it('makes the slowest container decide for the pod', () => {
    const slow: Container = { name: 'slow', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 20 } };
    const w = predict({ kind: 'ready-after-start', spec: { containers: [{ name: 'fast' }, slow] } });
    expect(w.earliestMs).toBe(20_000);
    expect(w.explanation).toContain('container slow is the slowest');
  });
});

describe('restart after a kill', () => {
  it('is immediate when PID 1 exits on SIGTERM, the grace period when a shell is PID 1', () => {
    expect(predict({ kind: 'restart-after-kill', spec: pod(web), container: 'web' })).toMatchObject({ earliestMs: 0, latestMs: 1_000 });
    const shell: Container = { ...web, command: ['sh', '-c', 'node server.js'] };
    const w = predict({ kind: 'restart-after-kill', spec: pod(shell, { terminationGracePeriodSeconds: 20 }), container: 'web' });
    expect([w.earliestMs, w.latestMs]).toEqual([20_000, 21_000]);
    expect(w.explanation).toContain('sh as PID 1 ignores SIGTERM');
  });

  it('prefers the probe-level terminationGracePeriodSeconds for a liveness kill, and a frozen process waits it out', () => {
    const override: Container = { ...web, livenessProbe: { ...web.livenessProbe!, terminationGracePeriodSeconds: 4 } };
    const w = predict({ kind: 'restart-after-kill', spec: pod(override), container: 'web', fault: 'freezes' });
    expect([w.earliestMs, w.latestMs]).toEqual([4_000, 5_000]);
  });

  it('never waits on the first two restarts, then may wait the doubled back-off', () => {
    expect([0, 1, 2, 3, 4, 7, 20].map(backOffInForceMs)).toEqual([undefined, undefined, 10_000, 20_000, 40_000, 300_000, 300_000]);
    const unknown = predict({ kind: 'restart-after-kill', spec: pod(web), container: 'web', restartCount: 3 });
    expect([unknown.earliestMs, unknown.latestMs]).toEqual([0, 20_000 + 16_000 + 1_000]);
    expect(unknown.explanation).toMatch(/restarts at once, or after a CrashLoopBackOff of up to 20s/);
  });

  it('decides from the previous container’s exit, not the one just killed', () => {
    const waits = predict({ kind: 'restart-after-kill', spec: pod(web), container: 'web', restartCount: 2, previousExitBeforeKillMs: 6_000 });
    expect([waits.earliestMs, waits.latestMs]).toEqual([4_000, 4_000 + 16_000 + 1_000]);
    const atOnce = predict({ kind: 'restart-after-kill', spec: pod(web), container: 'web', restartCount: 3, previousExitBeforeKillMs: 21_000 });
    expect([atOnce.earliestMs, atOnce.latestMs]).toEqual([0, 1_000]);
    const reset = predict({ kind: 'restart-after-kill', spec: pod(web), container: 'web', restartCount: 6, previousExitBeforeKillMs: 1_000, previousRunMs: 11 * 60_000 });
    expect(reset.latestMs).toBe(1_000);
  });
});

describe('termination', () => {
  it('runs the preStop hook inside the grace period, then SIGTERM', () => {
    const hooked: Container = { name: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10'] } } } };
    expect(predict({ kind: 'terminating-after-delete', spec: pod(hooked, { terminationGracePeriodSeconds: 20 }) })).toMatchObject({ earliestMs: 10_000, latestMs: 11_000 });
    // sh as PID 1 waits out the rest of the grace period, but always at least 2 s.
    const both: Container = { ...hooked, command: ['sh', '-c', 'sleep 3600'], lifecycle: { preStop: { sleep: { seconds: 19 } } } };
    expect(predict({ kind: 'terminating-after-delete', spec: pod(both, { terminationGracePeriodSeconds: 20 }) })).toMatchObject({ earliestMs: 21_000, latestMs: 22_000 });
    expect(predict({ kind: 'terminating-after-delete', spec: pod(both), graceSeconds: 5 })).toMatchObject({ earliestMs: 7_000 });
  });

  it('guesses what PID 1 does with SIGTERM from the command', () => {
    expect(guessSigterm({ name: 'a', command: ['/bin/sh', '-c', 'sleep 3600'] }).behaviour).toBe('ignores');
    expect(guessSigterm({ name: 'a', args: ['/bin/sh', '-c', 'touch x; sleep 600'] }).behaviour).toBe('ignores');
    expect(guessSigterm({ name: 'a', command: ['sh', '-c', 'exec nginx -g "daemon off;"'] }).behaviour).toBe('exits');
    expect(guessSigterm({ name: 'a', command: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"] }).behaviour).toBe('exits');
    expect(guessSigterm({ name: 'a' }).behaviour).toBe('exits');
  });
});

describe('startup probe', () => {
  const slow: Container = { name: 's', startupProbe: { exec: { command: ['test', '-f', '/ok'] }, periodSeconds: 3, failureThreshold: 20 } };
  it('gives the container failureThreshold × period before killing it', () => {
    expect(predict({ kind: 'startup-kill', spec: pod(slow), container: 's' })).toMatchObject({ earliestMs: 57_000, latestMs: 2_000 + 60_000 + 1_000 });
    expect(predict({ kind: 'started-after-repair', spec: pod(slow), container: 's' })).toMatchObject({ earliestMs: 0, latestMs: 4_000 });
  });
});

describe('autoDeadlineMs', () => {
  it('adds the documented slack to the latest bound', () => {
    const consequence = { kind: 'liveness-kill-after-fault' as const, spec: pod(web), container: 'web' };
    expect(autoDeadlineMs(consequence)).toBe(Math.ceil(16_000 * (1 + AUTO_SLACK.fraction) + AUTO_SLACK.fixedMs));
  });

  it('refuses a consequence the container cannot have', () => {
    expect(() => predict({ kind: 'ready-after-repair', spec: pod(web), container: 'web' })).toThrow(OracleError);
    expect(() => predict({ kind: 'ready-after-repair', spec: pod(web), container: 'nope' })).toThrow(/no container named "nope"/);
  });
});

describe('what follows a liveness kill depends on the restart policy', () => {
  const shell: Container = { name: 'app', command: ['sh', '-c', 'sleep 3600'], livenessProbe: { exec: { command: ['cat', '/tmp/alive'] }, periodSeconds: 2, failureThreshold: 2 } };

  it('restarts under Always and OnFailure, whatever the exit code', () => {
    for (const restartPolicy of [undefined, 'Always', 'OnFailure'] as const) {
      const outcome = afterProbeKill(pod(shell, restartPolicy ? { restartPolicy } : {}), shell);
      expect(outcome).toMatchObject({ after: 'restarts', message: 'Container app failed liveness probe, will be restarted' });
    }
  });

  it('under Never stops the pod of a single container: "Stopping container", no restart, the phase follows', () => {
    const spec = pod(shell, { restartPolicy: 'Never', terminationGracePeriodSeconds: 2 });
    expect(afterProbeKill(spec, shell)).toMatchObject({ after: 'pod-ends', message: 'Stopping container app' });
    expect(() => predict({ kind: 'restart-after-liveness-fault', spec, container: 'app' })).toThrow(/not restarted after a liveness kill: restartPolicy Never/);
    const ended = predict({ kind: 'ended-after-liveness-fault', spec, container: 'app' });
    // kill 2–5 s, SIGKILL after the 2 s grace (sh ignores SIGTERM), +≤1 s PLEG.
    expect([ended.earliestMs, ended.latestMs]).toEqual([4_000, 8_000]);
    const phase = predict({ kind: 'pod-ended-after-liveness-fault', spec, container: 'app' });
    expect([phase.earliestMs, phase.latestMs]).toEqual([4_000, 8_000 + 2 * 2_000 + 1_000]);
    expect(phase.explanation).toMatch(/torn the pod down/);
  });

  it('under Never uses the pod’s grace period for the stop, not the probe’s own', () => {
    const override: Container = { ...shell, livenessProbe: { ...shell.livenessProbe!, terminationGracePeriodSeconds: 1 } };
    const spec = pod(override, { restartPolicy: 'Never', terminationGracePeriodSeconds: 10 });
    expect(predict({ kind: 'ended-after-liveness-fault', spec, container: 'app' }).latestMs).toBe(5_000 + 10_000 + 1_000);
  });

  it('under Never with another container running ends only the failing one, and the pod runs on', () => {
    const spec = pod(shell, { restartPolicy: 'Never', containers: [shell, { name: 'other' }] });
    expect(afterProbeKill(spec, shell)).toMatchObject({ after: 'container-ends', message: 'Container app failed liveness probe' });
    expect(() => predict({ kind: 'pod-ended-after-liveness-fault', spec, container: 'app' })).toThrow(/pod does not end/);
  });

  it('restarts a sidecar whatever the pod’s policy', () => {
    const sidecar: Container = { ...shell, name: 'proxy', restartPolicy: 'Always' };
    const spec: PodSpec = { restartPolicy: 'Never', initContainers: [sidecar], containers: [{ name: 'main' }] };
    expect(afterProbeKill(spec, sidecar)).toMatchObject({ after: 'restarts', message: 'Init container proxy failed liveness probe' });
    expect(predict({ kind: 'restart-after-liveness-fault', spec, container: 'proxy' }).latestMs).toBeGreaterThan(0);
  });
});

describe('a fault inside the initial delay', () => {
  // liveness-sigusr1-early-fault: SIGUSR1 1.6 s after the start, initialDelaySeconds 5, period 5.
  const app: Container = { name: 'app', command: ['node', 'server.js'], livenessProbe: { httpGet: { port: 3000 }, initialDelaySeconds: 5, periodSeconds: 5 } };

  it('waits for the delay, then up to one period for the first tick after it', () => {
    const w = predict({ kind: 'liveness-kill-after-fault', spec: pod(app), container: 'app', fault: 'hangs', sinceStartMs: 1_600 });
    expect([w.earliestMs, w.latestMs]).toEqual([3_400 + 10_000 + 1_000, 3_400 + 15_000 + 1_000]);
  });

  it('adds nothing once the container has run past the delay', () => {
    const late = predict({ kind: 'liveness-kill-after-fault', spec: pod(app), container: 'app', fault: 'hangs', sinceStartMs: 7_000 });
    expect(late).toEqual(predict({ kind: 'liveness-kill-after-fault', spec: pod(app), container: 'app', fault: 'hangs' }));
  });

  it('holds back readiness the same way', () => {
    const ready: Container = { name: 'r', readinessProbe: { exec: { command: ['cat', '/tmp/ok'] }, initialDelaySeconds: 5, periodSeconds: 3 } };
    const w = predict({ kind: 'not-ready-after-fault', spec: pod(ready), container: 'r', sinceStartMs: 1_000 });
    expect([w.earliestMs, w.latestMs]).toEqual([4_000 + 6_000, 4_000 + 9_000 + 1_000]);
  });
});

describe('sidecars', () => {
  it('make the pod wait for their readiness too', () => {
    const sidecar: Container = { name: 'proxy', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 20 } };
    const w = predict({ kind: 'ready-after-start', spec: { initContainers: [sidecar], containers: [{ name: 'main' }] } });
    expect(w.earliestMs).toBe(20_000);
    expect(w.explanation).toContain('container proxy is the slowest');
  });
});
