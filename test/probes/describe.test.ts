import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Container, PodSpec } from '../../src/model/kube.js';
import { describeProbe, listProbes } from '../../src/probes/describe.js';
import { loadRecording, recordingNames } from './recording-facts.js';

describe('describeProbe (kubectl describe pod)', () => {
  it('prints an httpGet probe with the defaults filled in', () => {
    expect(describeProbe({ httpGet: { port: 80 } })).toBe('http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3');
  });

  it('prints exec commands the way Go prints a []string', () => {
    expect(describeProbe({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 3 })).toBe(
      'exec [cat /tmp/healthy] delay=5s timeout=1s period=3s #success=1 #failure=3',
    );
  });

  it('keeps host, scheme and named ports, and escapes the path like net/url', () => {
    expect(describeProbe({ httpGet: { host: '10.0.0.1', scheme: 'HTTPS', port: 'liveness-port', path: '/healthz' } })).toMatch(/^http-get https:\/\/10\.0\.0\.1:liveness-port\/healthz delay=/);
    expect(describeProbe({ httpGet: { host: 'fe80::1', port: 8080, path: 'ready?full=1' } })).toMatch(/^http-get http:\/\/\[fe80::1\]:8080\/ready%3Ffull=1 /);
  });

  it('prints tcpSocket with an empty host and gRPC with its (possibly empty) service', () => {
    expect(describeProbe({ tcpSocket: { port: 8080 }, failureThreshold: 2 })).toBe('tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=2');
    expect(describeProbe({ grpc: { port: 2379 } })).toBe('grpc <pod>:2379  delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ grpc: { port: 9090, service: 'health' } })).toMatch(/^grpc <pod>:9090 health delay=/);
  });

  it('reads the same for a manifest and for the pod the API server stored from it', () => {
    let compared = 0;
    for (const name of recordingNames()) {
      const recording = loadRecording(name);
      const written = new Map<string, Container>();
      for (const text of recording.recording.header.manifests ?? []) {
        for (const doc of parseAllDocuments(text)) {
          const object = doc.toJS() as { spec?: PodSpec & { template?: { spec?: PodSpec } } } | null;
          const spec = object?.spec?.template?.spec ?? object?.spec;
          for (const container of spec?.containers ?? []) written.set(container.name, container);
        }
      }
      for (const pod of recording.podNames()) {
        const stored = recording.pod(pod).spec!;
        for (const line of listProbes(stored)) {
          const manifestProbe = written.get(line.container)?.[`${line.kind}Probe`];
          expect(manifestProbe, `${name} ${line.container} ${line.kind}`).toBeDefined();
          expect(describeProbe(manifestProbe!)).toBe(line.text);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('lists every probe per container in describe order, sidecars included', () => {
    const spec: PodSpec = {
      initContainers: [
        { name: 'init', readinessProbe: { exec: { command: ['true'] } } },
        { name: 'proxy', restartPolicy: 'Always', livenessProbe: { tcpSocket: { port: 15000 } } },
      ],
      containers: [{ name: 'app', startupProbe: { httpGet: { port: 80 } }, livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { httpGet: { port: 80, path: '/ready' } } }],
    };
    expect(listProbes(spec).map((l) => `${l.container}/${l.kind}`)).toEqual(['proxy/liveness', 'app/liveness', 'app/readiness', 'app/startup']);
  });
});
