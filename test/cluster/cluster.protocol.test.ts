import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCluster, type KubeCluster } from '../../src/cluster/cluster.js';
import { UnreachableError } from '../../src/cluster/errors.js';
import { EXIT, UserError } from '../../src/exit-codes.js';
import { ProtocolTestServer, TEST_TOKEN, sendJson, startWatch, status, type RecordedRequest } from './protocol-test-server.js';

let server: ProtocolTestServer;
let dir: string;

const discovery = {
  '/api/v1': { resources: [
    { name: 'pods', kind: 'Pod', namespaced: true, singularName: 'pod' },
    { name: 'pods/status', kind: 'Pod', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true, singularName: 'service' },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true, singularName: 'configmap' },
    { name: 'namespaces', kind: 'Namespace', namespaced: false, singularName: 'namespace' },
  ] },
  '/apis/apps/v1': { resources: [
    { name: 'deployments', kind: 'Deployment', namespaced: true, singularName: 'deployment' },
    { name: 'deployments/scale', kind: 'Scale', namespaced: true },
  ] },
};

beforeEach(async () => {
  server = await ProtocolTestServer.start();
  dir = mkdtempSync(path.join(tmpdir(), 'probelab-cluster-'));
  server.on('GET', '/version', (_request, response) => sendJson(response, 200, { gitVersion: 'v1.32.13' }));
  for (const [route, body] of Object.entries(discovery)) server.on('GET', route, (_request, response) => sendJson(response, 200, body));
});

afterEach(async () => {
  await server.close();
});

async function connect(): Promise<KubeCluster> {
  return createCluster({ kubeconfig: server.writeKubeconfig(dir), env: { HOME: dir } });
}

describe('createCluster', () => {
  it('connects, reads the server version and never exposes the token', async () => {
    const cluster = await connect();
    expect(cluster.connection).toEqual({ context: 'kind-test', server: server.url, serverVersion: 'v1.32.13' });
    expect(JSON.stringify(cluster.connection)).not.toContain(TEST_TOKEN);
    expect(cluster.guard.allowed).toBe(true);
  });

  it('authenticates through an exec credential plugin, as kubectl does', async () => {
    const plugin = path.join(dir, 'credential-plugin.sh');
    writeFileSync(plugin, '#!/bin/sh\necho \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin-42"}}\'\n');
    chmodSync(plugin, 0o755);
    const file = path.join(dir, 'exec-kubeconfig');
    writeFileSync(
      file,
      readFileSync(server.writeKubeconfig(dir), 'utf8').replace(
        `{ token: ${TEST_TOKEN} }`,
        `{ exec: { apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", interactiveMode: Never } }`,
      ),
    );
    await createCluster({ kubeconfig: file, env: { HOME: dir } });
    expect(server.requestsTo('GET', '/version')[0]!.headers.authorization).toBe('Bearer from-plugin-42');
  });

  it('refuses a context that does not look disposable, even on a server that answers', async () => {
    const file = server.writeKubeconfig(dir, 'production');
    // The test server is on 127.0.0.1, which the guard accepts; point the context elsewhere (the
    // guard refuses before any request, so the host is never contacted).
    writeFileSync(file, readFileSync(file, 'utf8').replace('127.0.0.1', 'api.example.invalid'));
    const error = await createCluster({ kubeconfig: file, env: { HOME: dir } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(EXIT.cluster);
    expect((error as UserError).message).toContain('--allow-context production');
    expect((error as UserError).message).toContain(path.join(dir, '.config', 'probelab', 'config.yaml'));
    expect(server.requests).toHaveLength(0);
  });

  it('allows such a context through the config file named by PROBELAB_CONFIG', async () => {
    const file = server.writeKubeconfig(dir, 'staging');
    const config = path.join(dir, 'probelab.yaml');
    writeFileSync(config, 'allowContexts: [staging]\n');
    const cluster = await createCluster({ kubeconfig: file, env: { HOME: dir, PROBELAB_CONFIG: config } });
    expect(cluster.guard.reason).toContain('explicitly allowed');
  });
});

describe('an unreachable API server', () => {
  let silent: Server | undefined;
  const held: Socket[] = [];
  afterEach(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
    silent = undefined;
  });

  function kubeconfigFor(url: string): string {
    const file = path.join(dir, 'unreachable');
    writeFileSync(file, readFileSync(server.writeKubeconfig(dir), 'utf8').replace(server.url, url));
    return file;
  }

  it('that accepts but never answers fails within the connect timeout, naming the server and "timeout"', async () => {
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port.toString()}`;
    const started = Date.now();
    const error = await createCluster({ kubeconfig: kubeconfigFor(url), env: { HOME: dir }, connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(EXIT.cluster);
    expect((error as Error).message).toBe(`cannot reach the API server ${url}: no answer within 0.3 s (timeout)`);
  });

  it('that refuses connections says ECONNREFUSED', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port.toString()}`;
    await new Promise((resolve) => probe.close(resolve));
    await expect(createCluster({ kubeconfig: kubeconfigFor(url), env: { HOME: dir } })).rejects.toThrow(`cannot reach the API server ${url}: connection refused (ECONNREFUSED)`);
  });
});

describe('apply', () => {
  const manifests = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: readiness-deployment }',
    'spec: { replicas: 1 }',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: readiness-svc, namespace: somewhere-else }',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: settings }',
    'data: { a: "1" }',
  ].join('\n');

  it('server-side applies in dependency order into the lab namespace', async () => {
    server.on('PATCH', /^\/api/, (request, response) => sendJson(response, 200, JSON.parse(request.body)));
    const cluster = await connect();
    const applied = await cluster.apply('probelab-x-abcde', manifests);
    expect(applied).toEqual([
      { kind: 'ConfigMap', name: 'settings', namespace: 'probelab-x-abcde', apiVersion: 'v1' },
      { kind: 'Service', name: 'readiness-svc', namespace: 'probelab-x-abcde', apiVersion: 'v1' },
      { kind: 'Deployment', name: 'readiness-deployment', namespace: 'probelab-x-abcde', apiVersion: 'apps/v1' },
    ]);
    const patches = server.requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.path)).toEqual([
      '/api/v1/namespaces/probelab-x-abcde/configmaps/settings',
      '/api/v1/namespaces/probelab-x-abcde/services/readiness-svc',
      '/apis/apps/v1/namespaces/probelab-x-abcde/deployments/readiness-deployment',
    ]);
    for (const request of patches) {
      expect(request.headers['content-type']).toBe('application/apply-patch+yaml');
      expect(request.query.get('fieldManager')).toBe('probelab');
      expect(request.query.get('force')).toBe('true');
      expect(JSON.parse(request.body).metadata.namespace).toBe('probelab-x-abcde');
    }
  });

  it('names the object and carries the server message when the server rejects it', async () => {
    server.on('PATCH', /configmaps|services/, (request, response) => sendJson(response, 200, JSON.parse(request.body)));
    server.on('PATCH', /deployments/, (_request, response) =>
      sendJson(response, 422, status(422, 'Invalid', 'Deployment.apps "readiness-deployment" is invalid: spec.selector: Required value')),
    );
    const cluster = await connect();
    const error = await cluster.apply('lab', manifests).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'apply Deployment/readiness-deployment: Deployment.apps "readiness-deployment" is invalid: spec.selector: Required value (HTTP 422 Invalid)',
    );
    expect((error as UserError).exitCode).toBe(EXIT.badInput);
  });
});

describe('status patches', () => {
  it('sets a condition with a strategic merge patch on the status subresource', async () => {
    server.on('PATCH', '/api/v1/namespaces/lab/pods/web/status', (_request, response) => sendJson(response, 200, {}));
    const cluster = await connect();
    await cluster.setPodCondition('lab', 'web', { type: 'www.example.com/feature-1', status: 'True' });
    await cluster.setPodCondition('lab', 'web', { type: 'www.example.com/feature-1', status: 'True' });
    const [first, second] = server.requestsTo('PATCH', '/api/v1/namespaces/lab/pods/web/status');
    expect(first!.headers['content-type']).toBe('application/strategic-merge-patch+json');
    expect(JSON.parse(first!.body)).toEqual({ status: { conditions: [{ type: 'www.example.com/feature-1', status: 'True' }] } });
    expect(second!.body).toBe(first!.body);
  });

  it('sends the tutorial\'s JSON patch literally', async () => {
    server.on('PATCH', '/api/v1/namespaces/lab/pods/web/status', (_request, response) => sendJson(response, 200, {}));
    const cluster = await connect();
    const patch = [{ op: 'add' as const, path: '/status/conditions/-', value: { type: 'www.example.com/feature-1', status: 'False', lastProbeTime: null } }];
    await cluster.patchPodStatus('lab', 'web', patch);
    const [request] = server.requestsTo('PATCH', '/api/v1/namespaces/lab/pods/web/status');
    expect(request!.headers['content-type']).toBe('application/json-patch+json');
    expect(JSON.parse(request!.body)).toEqual(patch);
  });
});

describe('namespaces', () => {
  it('creates probelab-<lab>-<5 chars> with the managed-by and lab labels', async () => {
    server.on('POST', '/api/v1/namespaces', (request, response) => sendJson(response, 201, JSON.parse(request.body)));
    const cluster = await connect();
    const name = await cluster.createLabNamespace('readiness-exec');
    expect(name).toMatch(/^probelab-readiness-exec-[a-z0-9]{5}$/);
    const body = JSON.parse(server.requestsTo('POST', '/api/v1/namespaces')[0]!.body);
    expect(body.metadata).toEqual({ name, labels: { 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/lab': 'readiness-exec' } });
  });

  const podList = (...names: string[]) => ({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '50' }, items: names.map((name) => ({ metadata: { name, namespace: 'old' } })) });
  const nsList = (...names: string[]) => ({ kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: '100' }, items: names.map((name) => ({ metadata: { name } })) });
  const summary = (request: RecordedRequest) => {
    const query = [...request.query].filter(([key]) => key !== 'timeoutSeconds').map(([key, value]) => `${key}=${value}`).join('&');
    const grace = request.method === 'DELETE' ? JSON.parse(request.body || '{}').gracePeriodSeconds : undefined;
    return `${request.method} ${request.path}${query ? `?${query}` : ''}${grace === undefined ? '' : ` grace=${String(grace)}`}`;
  };

  it('ends the pods at once before deleting the namespace, then waits for it with a watch, never polling', async () => {
    let podLists = 0;
    server.on('GET', '/api/v1/namespaces/old/pods', (_request, response) => sendJson(response, 200, ++podLists === 1 ? podList('web-1', 'web-2') : podList('web-3')));
    server.on('DELETE', /^\/api\/v1\/namespaces\/old\/pods\//, (_request, response) => sendJson(response, 200, {}));
    server.on('DELETE', '/api/v1/namespaces/old', (_request, response) => sendJson(response, 200, { metadata: { name: 'old' }, status: { phase: 'Terminating' } }));
    server.on('GET', '/api/v1/namespaces', (request, response) => {
      if (request.query.get('watch') !== 'true') return sendJson(response, 200, nsList('old'));
      const send = startWatch(response);
      send({ type: 'MODIFIED', object: { metadata: { name: 'old' }, status: { phase: 'Terminating' } } });
      setTimeout(() => send({ type: 'DELETED', object: { metadata: { name: 'old' } } }), 20);
    });
    const cluster = await connect();
    const result = await cluster.deleteNamespace('old', 5000);
    expect(result).toMatchObject({ namespace: 'old', gone: true });
    expect(server.requests.filter((request) => request.path !== '/version').map(summary)).toEqual([
      'GET /api/v1/namespaces/old/pods',
      'DELETE /api/v1/namespaces/old/pods/web-1 grace=0',
      'DELETE /api/v1/namespaces/old/pods/web-2 grace=0',
      'DELETE /api/v1/namespaces/old',
      // A pod the Deployment's ReplicaSet made in between: it cannot be replaced any more.
      'GET /api/v1/namespaces/old/pods',
      'DELETE /api/v1/namespaces/old/pods/web-3 grace=0',
      'GET /api/v1/namespaces?fieldSelector=metadata.name=old',
      'GET /api/v1/namespaces?fieldSelector=metadata.name=old&watch=true&resourceVersion=100',
    ]);
    expect(server.requestsTo('GET', '/api/v1/namespaces/old')).toHaveLength(0);
  });

  it('still deletes the namespace when the pods may not be ended, and gives up waiting at the timeout with one watch', async () => {
    server.on('GET', '/api/v1/namespaces/stuck/pods', (_request, response) => sendJson(response, 403, status(403, 'Forbidden', 'pods is forbidden: User "dev" cannot list resource "pods"')));
    server.on('DELETE', '/api/v1/namespaces/stuck', (_request, response) => sendJson(response, 200, {}));
    server.on('GET', '/api/v1/namespaces', (request, response) => {
      if (request.query.get('watch') !== 'true') return sendJson(response, 200, nsList('stuck'));
      startWatch(response); // the namespace controller is still at it
    });
    const cluster = await connect();
    const result = await cluster.deleteNamespace('stuck', 600);
    expect(result).toMatchObject({ namespace: 'stuck', gone: false });
    expect(server.requestsTo('DELETE', '/api/v1/namespaces/stuck')).toHaveLength(1);
    expect(server.requestsTo('GET', '/api/v1/namespaces').map((request) => request.query.get('watch'))).toEqual([null, 'true']);
    expect(server.requestsTo('GET', '/api/v1/namespaces')[1]!.query.get('timeoutSeconds')).toBe('1');
  });

  it('is done at once when the namespace is already gone', async () => {
    server.on('GET', '/api/v1/namespaces/gone/pods', (_request, response) => sendJson(response, 200, podList()));
    server.on('DELETE', '/api/v1/namespaces/gone', (_request, response) => sendJson(response, 404, status(404, 'NotFound', 'namespaces "gone" not found')));
    const cluster = await connect();
    expect(await cluster.deleteNamespace('gone', 5000)).toMatchObject({ namespace: 'gone', gone: true });
    expect(server.requestsTo('GET', '/api/v1/namespaces')).toHaveLength(0);
  });
});

describe('objects by kind', () => {
  it('deletes a pod for a lab step with the grace period the step names, or the pod\'s own', async () => {
    server.on('DELETE', /^\/api\/v1\/namespaces\/lab\/pods\//, (_request, response) => sendJson(response, 200, {}));
    const cluster = await connect();
    await cluster.deleteObject('lab', 'Pod', 'web-1');
    await cluster.deleteObject('lab', 'Pod', 'web-2', 45);
    const [own, named] = server.requests.filter((request) => request.method === 'DELETE').map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(own).not.toHaveProperty('gracePeriodSeconds');
    expect(named).toMatchObject({ gracePeriodSeconds: 45 });
  });

  it('scales through the scale subresource and returns undefined for a missing object', async () => {
    server.on('PATCH', '/apis/apps/v1/namespaces/lab/deployments/web/scale', (_request, response) => sendJson(response, 200, {}));
    const cluster = await connect();
    await cluster.scale('lab', 'Deployment', 'web', 3);
    const [request] = server.requestsTo('PATCH', '/apis/apps/v1/namespaces/lab/deployments/web/scale');
    expect(request!.headers['content-type']).toBe('application/merge-patch+json');
    expect(JSON.parse(request!.body)).toEqual({ spec: { replicas: 3 } });
    expect(await cluster.getObject('lab', 'pods', 'missing')).toBeUndefined();
  });
});
