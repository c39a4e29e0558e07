// A protocol-level HTTP test double, NOT a Kubernetes API: a plain node:http server on 127.0.0.1
// that answers the GET requests `probelab verify` makes (version, discovery, namespaces, and
// per namespace a Deployment, a Service, pods by label selector, events) from namespaces filled
// with objects made from a lab's manifests and a real recording. It implements no Kubernetes
// semantics beyond those lookups, counts every request, and can hold each answer back a fixed
// time to stand for a remote API server.

import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RESOURCES = {
  '/api/v1': [
    ['pods', 'Pod', true],
    ['events', 'Event', true],
    ['services', 'Service', true],
    ['endpoints', 'Endpoints', true],
    ['namespaces', 'Namespace', false],
  ],
  '/apis/apps/v1': [
    ['deployments', 'Deployment', true],
    ['replicasets', 'ReplicaSet', true],
  ],
};

function discovery(groupVersion, entries) {
  return { kind: 'APIResourceList', groupVersion, resources: entries.map(([name, kind, namespaced]) => ({ name, kind, namespaced, singularName: kind.toLowerCase(), verbs: ['get', 'list'] })) };
}

function status(code, reason, message) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

// `app=web,tier=front`: the equality selectors verify sends for a Deployment's matchLabels.
function selects(selector, labels = {}) {
  return (selector ?? '').split(',').filter(Boolean).every((term) => {
    const [key, value] = term.split('=');
    return labels[key] === value;
  });
}

/**
 * @param {Map<string, {labels: Record<string, string>, objects: object[]}>} namespaces
 * @param {{ delayMs?: number }} options
 */
export async function startApiDouble(namespaces, { delayMs = 0 } = {}) {
  const requests = [];
  const answer = (request) => {
    const url = new URL(request.url ?? '/', 'http://double');
    const parts = url.pathname.split('/').filter(Boolean);
    if (request.method !== 'GET') return [405, status(405, 'MethodNotAllowed', 'the verify double only answers GET')];
    if (url.pathname === '/version') return [200, { major: '1', minor: '32', gitVersion: 'v1.32.13' }];
    if (RESOURCES[url.pathname]) return [200, discovery(url.pathname.replace(/^\/apis?\//, ''), RESOURCES[url.pathname])];
    if (url.pathname === '/api/v1/namespaces') {
      return [200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [...namespaces].map(([name, ns]) => ({ metadata: { name, labels: ns.labels } })) }];
    }
    // /api/v1/namespaces/NS/RESOURCE[/NAME] or /apis/apps/v1/namespaces/NS/RESOURCE[/NAME]
    const at = parts.indexOf('namespaces');
    const [namespace, resource, name] = parts.slice(at + 1);
    const kind = Object.values(RESOURCES)
      .flat()
      .find(([plural]) => plural === resource)?.[1];
    const ns = namespaces.get(namespace);
    if (at < 0 || kind === undefined) return [404, status(404, 'NotFound', `the verify double has no route for ${url.pathname}`)];
    const objects = (ns?.objects ?? []).filter((o) => o.kind === kind);
    if (name !== undefined) {
      const found = objects.find((o) => o.metadata.name === name);
      return found ? [200, found] : [404, status(404, 'NotFound', `${resource} "${name}" not found`)];
    }
    const items = objects.filter((o) => selects(url.searchParams.get('labelSelector'), o.metadata.labels));
    return [200, { kind: `${kind}List`, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items }];
  };
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const [code, body] = answer(request);
    const send = () => {
      response.writeHead(code, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    /** A kubeconfig whose context points at the double (a bearer token it never checks). */
    kubeconfig() {
      const dir = mkdtempSync(path.join(tmpdir(), 'probelab-bench-'));
      const file = path.join(dir, 'kubeconfig');
      const lines = [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: verify-double`,
        `  cluster: { server: "${url}", insecure-skip-tls-verify: true }`,
        'users:',
        '- name: grader',
        '  user: { token: bench-token }',
        'contexts:',
        '- name: kind-verify-double',
        '  context: { cluster: verify-double, user: grader }',
        'current-context: kind-verify-double',
        '',
      ];
      writeFileSync(file, lines.join('\n'));
      return { dir, file };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
