import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import { probesSettled } from '../../src/probes/settled.js';
import { loadRecording } from './recording-facts.js';

describe('probesSettled', () => {
  it('is the initial delay, one period and the timeout after the API’s startedAt (liveness-sigusr1: 11 s)', () => {
    const r = loadRecording('liveness-sigusr1-early-fault');
    const running = r.podSamples('liveness-app').find((s) => s.pod.status?.containerStatuses?.[0]?.state?.running)!.pod;
    const settled = probesSettled(running)!;
    expect(settled.at - Date.parse(running.status!.containerStatuses![0]!.state!.running!.startedAt!)).toBe(5_000 + 5_000 + 1_000);
    expect(settled.why).toBe('the liveness probe of liveness-app/liveness: delay 5s, then its first tick within one 5s period (+1s timeout)');
    // The recorded signal came before: the race this wait prevents.
    expect(r.actions('signal')[0]!.at).toBeLessThan(settled.at);
  });

  it('counts only the startup probe while it has not passed, and nothing for a pod without probes or not running', () => {
    const r = loadRecording('startup-probe');
    const samples = r.podSamples('sample-startup').map((s) => s.pod);
    const before = samples.find((p) => p.status?.containerStatuses?.[0]?.state?.running && !p.status.containerStatuses[0].started)!;
    expect(probesSettled(before)!.why).toMatch(/^the startup probe/);
    const after = samples.find((p) => p.status?.containerStatuses?.[0]?.started)!;
    expect(probesSettled(after)!.why).toMatch(/^the (liveness|readiness) probe/);
    const plain: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] }, status: { containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-21T20:00:00Z' } } }] } };
    expect(probesSettled(plain)).toBeUndefined();
    expect(probesSettled(samples[0]!)).toBeUndefined();
  });

  it('takes a probe without a delay from when the kubelet can see the container (2 s)', () => {
    const r = loadRecording('restart-never');
    const running = r.podSamples('one-shot').find((s) => s.pod.status?.containerStatuses?.[0]?.state?.running)!.pod;
    const startedAt = Date.parse(running.status!.containerStatuses![0]!.state!.running!.startedAt!);
    expect(probesSettled(running)!.at - startedAt).toBe(2_000 + 2_000 + 1_000);
  });
});

describe('a ready container', () => {
  it('has had its readiness probe run: only the liveness probe is waited for', () => {
    const r = loadRecording('webapl-timebomb');
    const ready = r.podSamples('webapl').find((s) => s.pod.status?.containerStatuses?.[0]?.ready)!.pod;
    expect(probesSettled(ready)!.why).toMatch(/^the liveness probe/);
    const rx = loadRecording('readiness-exec');
    const replica = rx.podSamples('readiness-deployment-').find((s) => s.pod.status?.containerStatuses?.[0]?.ready)!.pod;
    expect(probesSettled(replica)).toBeUndefined();
  });
});
