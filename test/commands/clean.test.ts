import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runClean, type CleanIo } from '../../src/cluster/clean.js';
import { EXIT } from '../../src/exit-codes.js';
import { ProtocolTestServer, sendJson } from '../cluster/protocol-test-server.js';

let server: ProtocolTestServer;
let dir: string;
const deleted = new Set<string>();

const namespace = (name: string, lab: string) => ({
  metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/lab': lab }, creationTimestamp: '2026-01-01T00:00:00Z' },
  status: { phase: 'Active' },
});

beforeEach(async () => {
  deleted.clear();
  server = await ProtocolTestServer.start();
  dir = mkdtempSync(path.join(tmpdir(), 'probelab-clean-'));
  server.on('GET', '/version', (_request, response) => sendJson(response, 200, { gitVersion: 'v1.32.13' }));
  // Lists honour a metadata.name field selector, as the API server does; a deleted namespace is gone at once.
  server.on('GET', '/api/v1/namespaces', (request, response) => {
    const only = request.query.get('fieldSelector')?.replace(/^metadata\.name=/, '');
    const items = [namespace('probelab-b-22222', 'b'), namespace('probelab-a-11111', 'a')].filter((n) => !deleted.has(n.metadata.name) && (only === undefined || n.metadata.name === only));
    sendJson(response, 200, { kind: 'NamespaceList', metadata: { resourceVersion: '7' }, items });
  });
  server.on('GET', /^\/api\/v1\/namespaces\/[^/]+\/pods$/, (_request, response) => sendJson(response, 200, { kind: 'PodList', metadata: { resourceVersion: '7' }, items: [] }));
  server.on('DELETE', /^\/api\/v1\/namespaces\/[^/]+$/, (request, response) => {
    deleted.add(request.path.split('/').pop()!);
    sendJson(response, 200, {});
  });
});

afterEach(async () => {
  await server.close();
});

function io(isTTY: boolean, answer = false): CleanIo & { out: (l: string) => void; lines: string[]; asked: string[] } {
  const lines: string[] = [];
  const asked: string[] = [];
  return {
    lines,
    asked,
    isTTY,
    out: (line) => lines.push(line),
    err: (line) => lines.push(`ERR ${line}`),
    confirm: async (question) => {
      asked.push(question);
      return answer;
    },
    now: () => Date.parse('2026-01-01T02:00:00Z'),
  };
}

const options = () => ({ kubeconfig: server.writeKubeconfig(dir), env: { HOME: dir } });

describe('probelab clean', () => {
  it('without a terminal and without --yes it lists, deletes nothing and exits 1 saying to add --yes', async () => {
    const out = io(false);
    expect(await runClean({ ...options(), yes: false }, out)).toBe(EXIT.failed);
    expect(out.lines[0]).toBe(`2 namespaces labelled app.kubernetes.io/managed-by=probelab in context "kind-test" (${server.url}):`);
    expect(out.lines[1]).toBe('  probelab-a-11111  lab=a  age 2h');
    expect(out.lines[2]).toBe('  probelab-b-22222  lab=b  age 2h');
    expect(out.lines[3]).toBe('ERR not deleting without confirmation: run again with --yes to delete these 2 namespaces');
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(server.requestsTo('GET', '/api/v1/namespaces')[0]!.query.get('labelSelector')).toBe('app.kubernetes.io/managed-by=probelab');
  });

  it('asks on a terminal and deletes nothing when the answer is no', async () => {
    const out = io(true, false);
    expect(await runClean({ ...options(), yes: false }, out)).toBe(EXIT.ok);
    expect(out.asked).toEqual(['delete these 2 namespaces? [y/N] ']);
    expect(out.lines.at(-1)).toBe('nothing deleted');
    expect(deleted.size).toBe(0);
  });

  it('deletes every listed namespace with --yes and waits for each to go', async () => {
    const out = io(false);
    expect(await runClean({ ...options(), yes: true, waitMs: 2000 }, out)).toBe(EXIT.ok);
    expect([...deleted].sort()).toEqual(['probelab-a-11111', 'probelab-b-22222']);
    expect(out.lines.filter((line) => line.startsWith('✔ deleted'))).toHaveLength(2);
    // Each namespace's pods were listed to be ended at once; nothing polled a namespace.
    expect(server.requestsTo('GET', /\/pods$/)).toHaveLength(4);
    expect(server.requestsTo('GET', /^\/api\/v1\/namespaces\/[^/]+$/)).toHaveLength(0);
  });

  it('says so when there is nothing to clean', async () => {
    deleted.add('probelab-a-11111').add('probelab-b-22222');
    const out = io(false);
    expect(await runClean({ ...options(), yes: false }, out)).toBe(EXIT.ok);
    expect(out.lines).toEqual([`no namespaces labelled app.kubernetes.io/managed-by=probelab in context "kind-test" (${server.url})`]);
  });
});
