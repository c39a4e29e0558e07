// `npm run bench:cleanup`: the requests and the time of probelab's own part of a
// lab namespace's cleanup (deleteNamespace in dist/cluster/namespaces.js), against a scripted local
// HTTP server. The server is a MODEL, not a Kubernetes API and not a cluster measurement: a pod
// deleted with gracePeriodSeconds 0 goes at once, any other after GRACE_MS (a `sh` PID 1 that
// ignores SIGTERM waits out its whole grace period); the namespace goes FINALIZE_MS after its last
// pod (the namespace controller's last pass). It shows what probelab adds on top of the cluster and
// how many requests it sends; how long a real namespace takes can only be measured on a cluster.

import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession } from '../dist/cluster/cluster.js';
import { deleteNamespace } from '../dist/cluster/namespaces.js';

const GRACE_MS = Number(process.env.GRACE_MS ?? 3000);
const FINALIZE_MS = Number(process.env.FINALIZE_MS ?? 300);
const PODS = 3;
const RUNS = 5;

function model({ podsForbidden }) {
  const pods = new Map(); // name → removal timer (undefined while running)
  let namespace = 'Active';
  let version = 1;
  const watchers = new Set();
  const counts = new Map();
  const count = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let i = 0; i < PODS; i++) pods.set(`web-${i}`, undefined);

  const finalizeWhenEmpty = () => {
    if (namespace !== 'Terminating' || pods.size > 0) return;
    namespace = 'Finalizing';
    setTimeout(() => {
      namespace = 'Gone';
      version++;
      for (const send of watchers) send({ type: 'DELETED', object: { metadata: { name: 'lab', resourceVersion: String(version) } } });
    }, FINALIZE_MS);
  };
  const removePod = (name, afterMs) => {
    if (!pods.has(name)) return;
    if (afterMs === 0) {
      clearTimeout(pods.get(name));
      pods.delete(name);
      version++;
      finalizeWhenEmpty();
    } else if (pods.get(name) === undefined) {
      pods.set(name, setTimeout(() => removePod(name, 0), afterMs));
    }
  };
  const json = (response, status, body) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url, 'http://model');
      const watch = url.searchParams.get('watch') === 'true';
      const key = `${request.method} ${url.pathname.replace(/\/web-\d+$/, '/<pod>')}${watch ? ' (watch)' : ''}`;
      count(key);
      if (url.pathname === '/version') return json(response, 200, { gitVersion: 'model' });
      if (url.pathname === '/api/v1/namespaces/lab/pods' && request.method === 'GET') {
        if (podsForbidden) return json(response, 403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods is forbidden' });
        return json(response, 200, { kind: 'PodList', metadata: { resourceVersion: String(version) }, items: [...pods.keys()].map((name) => ({ metadata: { name } })) });
      }
      if (url.pathname.startsWith('/api/v1/namespaces/lab/pods/') && request.method === 'DELETE') {
        const grace = JSON.parse(body || '{}').gracePeriodSeconds;
        removePod(url.pathname.split('/').pop(), grace === 0 ? 0 : GRACE_MS);
        return json(response, 200, {});
      }
      if (url.pathname === '/api/v1/namespaces/lab' && request.method === 'DELETE') {
        if (namespace === 'Gone') return json(response, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'namespaces "lab" not found' });
        namespace = 'Terminating';
        // The namespace controller deletes what is left, with each pod's own grace period.
        for (const name of pods.keys()) removePod(name, GRACE_MS);
        finalizeWhenEmpty();
        return json(response, 200, { metadata: { name: 'lab' } });
      }
      if (url.pathname === '/api/v1/namespaces' && request.method === 'GET') {
        if (!watch) return json(response, 200, { kind: 'NamespaceList', metadata: { resourceVersion: String(version) }, items: namespace === 'Gone' ? [] : [{ metadata: { name: 'lab' } }] });
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.flushHeaders();
        const send = (event) => response.write(`${JSON.stringify(event)}\n`);
        watchers.add(send);
        response.on('close', () => watchers.delete(send));
        return;
      }
      json(response, 404, { kind: 'Status', code: 404, message: `the model does not serve ${request.method} ${url.pathname}` });
    });
  });
  return { server, counts };
}

async function once(podsForbidden) {
  const { server, counts } = model({ podsForbidden });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-bench-cleanup-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: model\n  cluster: { server: "http://127.0.0.1:${server.address().port}", insecure-skip-tls-verify: true }\nusers:\n- name: u\n  user: { token: bench }\ncontexts:\n- name: kind-model\n  context: { cluster: model, user: u }\ncurrent-context: kind-model\n`,
  );
  const { api } = await openSession({ kubeconfig, env: { HOME: dir } });
  const t0 = performance.now();
  const result = await deleteNamespace(api, 'lab', 60_000);
  const ms = performance.now() - t0;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  const requests = [...counts.entries()].reduce((sum, [, n]) => sum + n, 0);
  return { ms, gone: result.gone, requests, counts: Object.fromEntries(counts) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`cleanup of a namespace with ${PODS} pods; model: grace period ${GRACE_MS} ms, namespace finalized ${FINALIZE_MS} ms after its last pod; ${RUNS} runs each`);
for (const [label, forbidden] of [
  ['pods ended at once (grace 0), then the namespace, waited for with a watch', false],
  ['pods may not be listed: the namespace alone (its pods keep their grace period)', true],
]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(forbidden));
  const ms = median(runs.map((run) => run.ms));
  console.log(`\n${label}`);
  console.log(`  median ${ms.toFixed(0)} ms (model floor ${(forbidden ? GRACE_MS : 0) + FINALIZE_MS} ms, so probelab adds ${(ms - (forbidden ? GRACE_MS : 0) - FINALIZE_MS).toFixed(0)} ms); gone: ${runs.every((run) => run.gone)}`);
  console.log(`  requests: ${runs[0].requests} (${Object.entries(runs[0].counts).map(([key, n]) => `${n}× ${key}`).join(', ')})`);
}
