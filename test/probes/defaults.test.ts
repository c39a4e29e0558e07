import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Pod } from '../../src/model/kube.js';
import { effectiveProbe, podGracePeriodSeconds, PROBE_DEFAULTS } from '../../src/probes/defaults.js';
import { loadRecording } from './recording-facts.js';

describe('effectiveProbe', () => {
  it('fills in the API server defaults, treating 0 as unset like SetDefaults_Probe', () => {
    const p = effectiveProbe({ exec: { command: ['true'] }, periodSeconds: 0, failureThreshold: 5 });
    expect(p).toMatchObject({ initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 5 });
    expect(p.terminationGracePeriodSeconds).toBeUndefined();
    expect(effectiveProbe({ tcpSocket: { port: 1 }, terminationGracePeriodSeconds: 5 }).terminationGracePeriodSeconds).toBe(5);
  });

  it('defaults an httpGet path to / and scheme to HTTP', () => {
    expect(effectiveProbe({ httpGet: { port: 80 } }).handler).toEqual({ kind: 'httpGet', httpGet: { port: 80, path: '/', scheme: 'HTTP' } });
  });

  it('matches what the API server stored for the liveness-defaults recording', () => {
    const recording = loadRecording('liveness-defaults');
    const manifest = parse(recording.recording.header.manifests![0]!) as Pod;
    const stored = recording.pod('nginx-pod-liveness').spec!.containers[0]!.livenessProbe!;
    const fromManifest = effectiveProbe(manifest.spec!.containers[0]!.livenessProbe!);
    const { handler: _h1, ...timing } = fromManifest;
    const { handler: _h2, ...storedTiming } = effectiveProbe(stored);
    expect(timing).toEqual(storedTiming);
    expect(stored).toMatchObject({ timeoutSeconds: PROBE_DEFAULTS.timeoutSeconds, periodSeconds: PROBE_DEFAULTS.periodSeconds, successThreshold: 1, failureThreshold: 3 });
    expect(fromManifest.handler).toEqual({ kind: 'httpGet', httpGet: stored.httpGet });
    expect(podGracePeriodSeconds(recording.pod('nginx-pod-liveness').spec!)).toBe(30);
  });
});
