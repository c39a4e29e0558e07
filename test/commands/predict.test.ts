import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from './io.js';

const fixtures = fileURLToPath(new URL('../probes/fixtures/', import.meta.url));

describe('probelab predict', () => {
  it('prints probe lines and windows for each pod template in a manifest', async () => {
    const io = captureIo();
    expect(await main(['predict', `${fixtures}web.yaml`], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines).toContain(`Deployment/web  (${fixtures}web.yaml)`);
    expect(lines).toContain('    liveness   http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3');
    expect(lines).toContain('    readiness  exec [cat /tmp/ready] delay=5s timeout=1s period=3s #success=2 #failure=3');
    expect(lines.find((l) => l.includes('liveness kill after fault'))).toMatch(/liveness kill after fault\s+10s – 16s\s+\(3 failures × 5s period, \+1s timeout\)$/);
    expect(lines.find((l) => l.includes('ready after start'))).toMatch(/5s – 12s\s+\(initialDelaySeconds 5s, 2 successes × 3s period, \+1s timeout, sooner when a pod sync/);
    expect(lines.find((l) => l.includes('restart after 3rd+ kill'))).toMatch(/0s – 27s .*CrashLoopBackOff of up to 10s/);
    // The CronJob's template is found too; the ConfigMap is not a pod template.
    expect(lines).toContain(`CronJob/nightly  (${fixtures}web.yaml)`);
    expect(lines.some((l) => l.startsWith('ConfigMap/'))).toBe(false);
    expect(lines.find((l) => l.includes('terminating after delete') && l.includes('sh as PID 1'))).toMatch(/30s – 31s/);
  });

  it('reads the manifests a lab file names', async () => {
    const io = captureIo();
    expect(await main(['predict', `${fixtures}web-lab.yaml`], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('Deployment/web  (web.yaml)');
    expect(text).toContain('terminating after delete');
  });

  it('exits 2 naming a file without pods, or one that does not exist', async () => {
    const io = captureIo();
    expect(await main(['predict', `${fixtures}service-only.yaml`], io)).toBe(2);
    expect(io.stderr).toEqual([`probelab predict: ${fixtures}service-only.yaml: no Pod or pod template in the manifests`]);

    const missing = captureIo();
    expect(await main(['predict', `${fixtures}nope.yaml`], missing)).toBe(2);
    expect(missing.stderr[0]).toMatch(/^probelab predict: .*nope\.yaml: cannot read the file \(ENOENT\)$/);
  });

  it('exits 2 with the lab errors when a lab names a missing manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probelab-predict-'));
    const lab = join(dir, 'lab.yaml');
    writeFileSync(lab, 'apiVersion: probelab.dev/v1\nkind: Lab\nmetadata: { name: x, title: X }\nspec:\n  learn: x\n  manifests: [gone.yaml]\n  steps: [{ name: s, expect: [{ deployment: web, available: 1 }] }]\n');
    const io = captureIo();
    expect(await main(['predict', lab], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/lab\.yaml: not a valid lab file\n.*gone\.yaml.*cannot be read/);
  });

  it('shows sidecars and what the restart policy makes of a liveness kill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probelab-predict-'));
    const file = join(dir, 'pods.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: once }',
        'spec:',
        '  restartPolicy: Never',
        '  initContainers:',
        '  - { name: proxy, image: envoy, restartPolicy: Always, readinessProbe: { tcpSocket: { port: 9901 }, periodSeconds: 2 } }',
        '  containers:',
        '  - name: app',
        '    image: busybox',
        '    command: [sh, -c, sleep 3600]',
        '    livenessProbe: { exec: { command: [cat, /tmp/alive] }, initialDelaySeconds: 4, periodSeconds: 2, failureThreshold: 2 }',
      ].join('\n'),
    );
    const io = captureIo();
    expect(await main(['predict', file], io)).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines).toContain("  sidecar proxy (init container with restartPolicy Always: counts in READY, restarted whatever the pod's policy)");
    expect(lines.some((l) => l.includes('not ready after readiness fault'))).toBe(true);
    expect(lines.some((l) => l.includes('liveness restart after fault'))).toBe(false);
    expect(lines.find((l) => l.includes('ends after liveness fault, no restart'))).toMatch(/SIGKILL after the 30s grace period/);
    expect(lines.find((l) => l.includes('liveness kill, fault at start'))).toMatch(/6s – 9s\s+\(initialDelaySeconds 4s, 2 failures × 2s period/);
    expect(lines.find((l) => l.startsWith('  pod'))).toMatch(/restartPolicy Never: a probe kill ends the container for good/);
    expect(lines.find((l) => l.includes('pod ready after start'))).toBeDefined();
  });
});

