import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { command } from '../../src/commands/doctor.js';
import type { Io } from '../../src/commands/command.js';
import { EXIT } from '../../src/exit-codes.js';
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
    expect(out.text()).toContain('  ✘ patch pods/status — missing permission: patch pods/status (needed for readiness-gate conditions); no RBAC policy matched');
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
