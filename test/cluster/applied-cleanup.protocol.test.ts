// Cleanup of a run in a namespace the user named, against the protocol-level test server of
// namespace-api.ts (not a Kubernetes API): exactly what the run applied goes, by uid; its pods end at
// once, also one a ReplicaSet still being deleted makes while the others go; the namespace and the
// user's objects stay.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCluster, type KubeCluster } from '../../src/cluster/cluster.js';
import type { KubeObject } from '../../src/model/kube.js';
import { NamespaceApi } from './namespace-api.js';

const NS = 'student-ns';
const RUN = 'probelab.dev/run=probelab-web-abcde';
const runLabels = { 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/run': 'probelab-web-abcde', app: 'web' };

let api: NamespaceApi;
let cluster: KubeCluster;

beforeEach(async () => {
  api = await NamespaceApi.start([NS]);
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-applied-'));
  cluster = await createCluster({ kubeconfig: api.server.writeKubeconfig(dir), env: { HOME: dir } });
});

afterEach(async () => {
  await api.close();
});

const put = (resource: string, kind: string, name: string, labels: Record<string, string>) =>
  api.put(resource, { apiVersion: 'v1', kind, metadata: { name, namespace: NS, labels } } as KubeObject);

describe('deleteApplied', () => {
  it('deletes what the run applied by uid, ends its pods at once, also one made while others were going, and nothing else', async () => {
    const deployment = put('deployments', 'Deployment', 'web', runLabels);
    const service = put('services', 'Service', 'web', runLabels);
    put('pods', 'Pod', 'web-1', runLabels);
    put('pods', 'Pod', 'web-3', runLabels);
    put('pods', 'Pod', 'mine', { app: 'web' });
    put('configmaps', 'ConfigMap', 'settings', {});
    // The ReplicaSet is not gone at once: it replaces the pod that was ended, one last time.
    const remove = api.remove.bind(api);
    api.remove = (resource, namespace, name) => {
      remove(resource, namespace, name);
      if (resource === 'pods' && name === 'web-1') put('pods', 'Pod', 'web-2', runLabels);
    };
    const applied = [deployment, service].map((object) => ({ kind: object.kind!, name: object.metadata.name, namespace: NS, apiVersion: object.apiVersion, uid: object.metadata.uid }));

    const result = await cluster.deleteApplied(NS, [applied[1]!, applied[0]!], RUN, 5000);
    expect(result).toMatchObject({ namespace: NS, deleted: ['Deployment/web', 'Service/web'], failed: [], podsGone: true, deleteWith: `kubectl delete all,configmaps -n ${NS} -l ${RUN}` });
    const deletes = api.server.requests.filter((request) => request.method === 'DELETE');
    expect(deletes.map((request) => request.path)).toEqual([
      `/apis/apps/v1/namespaces/${NS}/deployments/web`,
      `/api/v1/namespaces/${NS}/services/web`,
      `/api/v1/namespaces/${NS}/pods/web-1`,
      `/api/v1/namespaces/${NS}/pods/web-3`,
      `/api/v1/namespaces/${NS}/pods/web-2`,
    ]);
    expect(JSON.parse(deletes[0]!.body)).toMatchObject({ preconditions: { uid: deployment.metadata.uid } });
    expect(deletes.slice(2).map((request) => JSON.parse(request.body).gracePeriodSeconds)).toEqual([0, 0, 0]);
    expect(api.names('pods', NS)).toEqual(['mine']);
    expect(api.names('configmaps', NS)).toEqual(['settings']);
    expect(api.names('namespaces')).toEqual([NS]);
  });

  it('does not delete an object of the same name made since the run applied its own', async () => {
    const old = put('services', 'Service', 'web', runLabels);
    api.remove('services', NS, 'web');
    put('services', 'Service', 'web', { team: 'a' });
    const result = await cluster.deleteApplied(NS, [{ kind: 'Service', name: 'web', namespace: NS, apiVersion: 'v1', uid: old.metadata.uid }], RUN, 5000);
    expect(result.deleted).toEqual([]);
    expect(result.failed).toEqual([`Service/web: delete Service/web: Precondition failed: UID in precondition: ${old.metadata.uid!}, UID in object meta: ${api.get('services', NS, 'web')!.metadata.uid!} (HTTP 409 Conflict)`]);
    expect(api.names('services', NS)).toEqual(['web']);
  });
});
