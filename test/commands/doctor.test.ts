import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { command } from '../../src/commands/doctor.js';
import type { Io } from '../../src/commands/command.js';
import { EXIT } from '../../src/exit-codes.js';
import { EDIT_RULES, NamespaceApi } from '../cluster/namespace-api.js';
import { ProtocolTestServer, TEST_TOKEN, sendJson } from '../cluster/protocol-test-server.js';

let server: ProtocolTestServer;
let dir: string;

beforeEach(async () => {
  server = await ProtocolTestServer.start();
  dir = mkdtempSync(path.join(tmpdir(), 'probelab-doctor-'));
  server.on('GET', '/version', (_request, response) => sendJson(response, 200, { gitVersion: 'v1.32.13' }));
});

afterEach(async () => {
  await server.close();
});

function io(): Io & { text(): string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(`ERR ${t}`), isTTY: false, env: { HOME: dir }, cwd: dir, text: () => lines.join('\n') };
}

/** Answers every SelfSubjectAccessReview, denying the ones `deny` matches. */
function reviews(deny: (attributes: { verb: string; resource: string; subresource?: string }) => boolean): void {
  server.on('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (request, response) => {
    const attributes = JSON.parse(request.body).spec.resourceAttributes;
    const denied = deny(attributes);
    sendJson(response, 201, { ...JSON.parse(request.body), status: denied ? { allowed: false, reason: 'no RBAC policy matched' } : { allowed: true } });
  });
}

describe('probelab doctor', () => {
  it('prints context, server, version, guard and a ✔ per permission; exit 0 when all are granted', async () => {
    reviews(() => false);
    const out = io();
    const code = await command.run({ values: { kubeconfig: server.writeKubeconfig(dir) }, positionals: [] }, out);
    expect(code).toBe(EXIT.ok);
    const text = out.text();
    expect(text).toContain('context:     kind-test');
    expect(text).toContain(`server:      ${server.url}`);
    expect(text).toContain('version:     v1.32.13');
    expect(text).toContain('✔ guard: context "kind-test" looks disposable (kind-*)');
    expect(text).toContain('  ✔ create pods/exec');
    expect(text).toMatch(/all \d+ permissions granted/);
    expect(text).not.toContain('✘');
    expect(text).not.toContain(TEST_TOKEN);
  });

  it('names the exact missing permission and exits 3', async () => {
    reviews((attributes) => attributes.resource === 'pods' && attributes.subresource === 'status');
    const out = io();
    const code = await command.run({ values: { kubeconfig: server.writeKubeconfig(dir) }, positionals: [] }, out);
    expect(code).toBe(EXIT.cluster);
    expect(out.text()).toContain('  ✘ patch pods/status — missing: `kubectl auth can-i patch pods --subresource=status -A` says no (needed for readiness-gate conditions); no RBAC policy matched');
    expect(out.text()).toMatch(/1 of \d+ permissions missing/);
  });

  it('answers within 5 s against an unreachable server, with the address and the reason', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port.toString()}`;
    await new Promise((resolve) => probe.close(resolve));
    const file = path.join(dir, 'down');
    writeFileSync(file, readFileSync(server.writeKubeconfig(dir), 'utf8').replace(server.url, url));
    const out = io();
    const started = Date.now();
    const code = await command.run({ values: { kubeconfig: file }, positionals: [] }, out);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(code).toBe(EXIT.cluster);
    expect(out.text()).toContain(`✘ cannot reach the API server ${url}: connection refused (ECONNREFUSED)`);
    expect(out.text()).not.toContain('permissions');
  });
});

describe('probelab doctor -n (protocol-level test server with RBAC, not a Kubernetes API)', () => {
  let api: NamespaceApi;
  beforeEach(async () => {
    api = await NamespaceApi.start(['student-ns']);
  });
  afterEach(async () => {
    await api.close();
  });
  const doctor = async (values: Record<string, string>) => {
    const out = io();
    const code = await command.run({ values: { kubeconfig: api.server.writeKubeconfig(dir), ...values }, positionals: [] }, out);
    return { code, text: out.text() };
  };

  it('checks in the namespace: edit plus patch pods/status (for readiness gates) is all run -n needs', async () => {
    api.rules = [...EDIT_RULES, { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] }];
    const { code, text } = await doctor({ namespace: 'student-ns' });
    expect(code).toBe(EXIT.ok);
    expect(text).toContain('✔ namespace student-ns exists (Active)');
    expect(text).toContain('permissions in namespace student-ns (SelfSubjectAccessReview):');
    expect(text).not.toContain('✘');
    const reviews = api.server.requestsTo('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews').map((request) => JSON.parse(request.body).spec.resourceAttributes);
    expect(reviews.length).toBeGreaterThan(10);
    expect(reviews.every((attributes) => attributes.namespace === 'student-ns')).toBe(true);
    expect(reviews.some((attributes) => attributes.resource === 'namespaces')).toBe(false);
  });

  it('names each missing permission as kubectl auth can-i asks it, and exits 3', async () => {
    // The edit role alone, without pods/exec and deployments/scale: patch pods/status is missing too.
    api.rules = EDIT_RULES.map((rule) => ({ ...rule, resources: rule.resources.filter((resource) => resource !== 'pods/exec' && resource !== 'deployments/scale') }));
    const { code, text } = await doctor({ namespace: 'student-ns' });
    expect(code).toBe(EXIT.cluster);
    expect(text).toContain('  ✘ create pods/exec — missing: `kubectl auth can-i create pods --subresource=exec -n student-ns` says no (needed for exec and signal faults)');
    expect(text).toContain('  ✘ patch deployments.apps/scale — missing: `kubectl auth can-i patch deployments.apps --subresource=scale -n student-ns` says no (needed for scale steps)');
    expect(text).toContain('  ✘ patch pods/status — missing: `kubectl auth can-i patch pods --subresource=status -n student-ns` says no (needed for readiness-gate conditions)');
    expect(text).toMatch(/^3 of \d+ permissions missing$/m);
  });

  it('says so when the namespace is not there', async () => {
    const { code, text } = await doctor({ namespace: 'nope' });
    expect(code).toBe(EXIT.cluster);
    expect(text).toContain('✘ namespace nope not found: run -n applies into a namespace you already have (kubectl create namespace nope makes one)');
  });

  it('without -n shows why a namespace-scoped account needs -n: nothing is granted across the cluster', async () => {
    api.rules = EDIT_RULES;
    const { code, text } = await doctor({});
    expect(code).toBe(EXIT.cluster);
    expect(text).toContain('  ✘ create namespaces — missing: `kubectl auth can-i create namespaces -A` says no (needed for a fresh namespace per run)');
    expect(text).not.toContain('  ✔ ');
  });
});
