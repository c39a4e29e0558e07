// The cluster layer against a real cluster. Runs only when PROBELAB_E2E_KUBECONFIG names a
// kubeconfig (its current context is used and explicitly allowed: the user pointed at it), e.g.
//   kind create cluster --name probelab
//   PROBELAB_E2E_KUBECONFIG=$HOME/.kube/config npx vitest run test/live
// It walks the readiness-gate tutorial: a busybox pod whose exec readiness probe passes but whose
// readiness gate is unmet is not Ready; setting the gate's condition makes it Ready; removing the
// probe's file makes it unready again; everything is observed through the watch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type KubeCluster } from '../../src/cluster/cluster.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { WatchHandle } from '../../src/cluster/port.js';
import type { Pod } from '../../src/model/kube.js';
import type { WatchObservation } from '../../src/model/observation.js';

const kubeconfig = process.env.PROBELAB_E2E_KUBECONFIG;
if (!kubeconfig) console.warn('live suite skipped: PROBELAB_E2E_KUBECONFIG is not set');

const GATE = 'www.example.com/feature-1';
const MANIFEST = `
apiVersion: v1
kind: Pod
metadata:
  name: gated
  labels: { app: gated }
spec:
  terminationGracePeriodSeconds: 1
  readinessGates:
  - conditionType: ${GATE}
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "touch /tmp/healthy; sleep 3600"]
    readinessProbe:
      exec: { command: [cat, /tmp/healthy] }
      periodSeconds: 1
      failureThreshold: 1
---
apiVersion: v1
kind: Service
metadata: { name: gated-svc }
spec:
  selector: { app: gated }
  ports: [{ port: 80, targetPort: 8080 }]
`;

function condition(pod: Pod | undefined, type: string): string | undefined {
  return pod?.status?.conditions?.find((entry) => entry.type === type)?.status;
}

describe.skipIf(!kubeconfig)('cluster layer on a real cluster', () => {
  let cluster: KubeCluster;
  let namespace = '';
  let handle: WatchHandle | undefined;
  const observations: WatchObservation[] = [];

  const latestPod = (): Pod | undefined =>
    observations.filter((o): o is Extract<WatchObservation, { resource: 'pods' }> => o.resource === 'pods' && o.object.metadata.name === 'gated').at(-1)?.object;

  async function waitForPod(what: string, check: (pod: Pod | undefined) => boolean, timeoutMs = 120_000): Promise<Pod> {
    const deadline = Date.now() + timeoutMs;
    while (!check(latestPod())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last pod status: ${JSON.stringify(latestPod()?.status)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return latestPod()!;
  }

  beforeAll(async () => {
    const { context } = loadKubeconfig({ kubeconfig, env: process.env });
    cluster = await createCluster({ kubeconfig, allowContexts: [context], env: process.env });
    namespace = await cluster.createLabNamespace('live-readiness-gate');
    handle = await cluster.watch({
      namespace,
      onObservation: (o) => {
        if (o.kind === 'watch') observations.push(o);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await handle?.stop();
    if (namespace) await cluster.deleteNamespace(namespace, 120_000);
  }, 130_000);

  it('applies the manifest in order into the lab namespace', async () => {
    expect(namespace).toMatch(/^probelab-live-readiness-gate-[a-z0-9]{5}$/);
    const applied = await cluster.apply(namespace, MANIFEST);
    expect(applied).toEqual([
      { kind: 'Service', name: 'gated-svc', namespace },
      { kind: 'Pod', name: 'gated', namespace },
    ]);
  });

  it('sees the containers ready but the pod not Ready while the gate is unmet', async () => {
    const pod = await waitForPod('ContainersReady=True', (p) => condition(p, 'ContainersReady') === 'True', 150_000);
    expect(condition(pod, 'Ready')).toBe('False');
  }, 160_000);

  it('sets the gate condition through the status subresource, idempotently, and sees Ready', async () => {
    await cluster.setPodCondition(namespace, 'gated', { type: GATE, status: 'True', reason: 'ProbelabLive' });
    await cluster.setPodCondition(namespace, 'gated', { type: GATE, status: 'True', reason: 'ProbelabLive' });
    const pod = await waitForPod('Ready=True', (p) => condition(p, 'Ready') === 'True', 30_000);
    expect(pod.status?.conditions?.filter((entry) => entry.type === GATE)).toHaveLength(1);
  }, 40_000);

  it('execs rm /tmp/healthy and sees Ready False through the watch', async () => {
    const result = await cluster.exec(namespace, 'gated', ['rm', '/tmp/healthy']);
    expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const missing = await cluster.exec(namespace, 'gated', ['cat', '/tmp/healthy']);
    expect(missing.exitCode).toBe(1);
    await waitForPod('Ready=False after the probe fails', (p) => condition(p, 'Ready') === 'False', 30_000);
  }, 40_000);

  it('applies the tutorial\'s literal JSON patch to the status', async () => {
    await cluster.patchPodStatus(namespace, 'gated', [
      { op: 'add', path: '/status/conditions/-', value: { type: 'probelab.dev/live-check', status: 'True', lastProbeTime: null } },
    ]);
    await waitForPod('the patched condition', (p) => condition(p, 'probelab.dev/live-check') === 'True', 30_000);
  }, 40_000);

  it('watched the Service\'s EndpointSlice and the probe events too', () => {
    expect(observations.some((o) => o.resource === 'endpointslices' || o.resource === 'endpoints')).toBe(true);
    expect(observations.every((o) => typeof o.at === 'number')).toBe(true);
  });

  it('deletes the namespace and waits until it is gone', async () => {
    await handle?.stop();
    handle = undefined;
    const result = await cluster.deleteNamespace(namespace, 120_000);
    expect(result.gone).toBe(true);
    namespace = '';
  }, 130_000);
});
