// `probelab run` end to end through the command layer, with a test double of the cluster port
// that answers with the readiness-exec recording from a real cluster (test/runner/recorded-cluster.ts).

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interruptSignal } from '../../src/commands/interrupt.js';
import { runCommand } from '../../src/commands/run.js';
import { createCluster } from '../../src/cluster/cluster.js';
import { UnreachableError } from '../../src/cluster/errors.js';
import type { KubeObject } from '../../src/model/kube.js';
import { systemClock } from '../../src/runner/clock.js';
import type { JsonReport, ReportWatchGap } from '../../src/report/json.js';
import { EDIT_RULES, NamespaceApi } from '../cluster/namespace-api.js';
import { until } from '../cluster/protocol-test-server.js';
import { parseRecording } from '../../src/recording/format.js';
import { readFixture, repoRoot } from '../support/fixtures.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';
import { captureIo } from './io.js';

async function run(args: string[], values: Record<string, string | boolean | string[]> = {}) {
  const cluster = new RecordedCluster(await readFixture('readiness-exec'));
  const io = captureIo();
  const code = await runCommand({ positionals: args, values }, io, { connect: async () => cluster, clock: cluster });
  return { code, io, cluster };
}

describe('probelab run (headless, recorded cluster)', () => {
  it('passes readiness-exec, prints a line per event and the summary, exit 0', async () => {
    const { code, io, cluster } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true });
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/step 2 .*✔ break one replica/);
    expect(out).toMatch(/pod readiness-deployment-774f8b876f-hqx8x READY 1\/1 → 0\/1/);
    expect(out).toMatch(/^1 passed, 0 failed$/m);
    expect(cluster.deleted).toEqual(['rec-readiness-exec']);
  });

  it('prints a JUnit report on stdout and moves the line log to stderr', async () => {
    const { code, io } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true, reporter: 'junit' });
    expect(code).toBe(0);
    const xml = io.stdout.join('\n');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('<testsuite name="readiness-exec" tests="3" failures="0"');
    expect(io.stderr.join('\n')).toMatch(/✔ break one replica/);
  });

  it('writes the report, the recording and the HTML timeline to files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probelab-run-'));
    const { code } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true, reporter: 'json', output: join(dir, 'r.json'), record: join(dir, 'r.jsonl'), html: join(dir, 'r.html') });
    expect(code).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html.startsWith('<!doctype html>') || html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('readiness-deployment-774f8b876f-hqx8x'.slice(0, 20));
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as { labs: { outcome: string }[] };
    expect(report.labs.map((lab) => lab.outcome)).toEqual(['passed']);
    const recording = parseRecording(await readFile(join(dir, 'r.jsonl'), 'utf8'));
    expect(recording.header.scenario).toBe('readiness-exec');
    expect(recording.header.expect?.map((e) => e.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(recording.observations.filter((o) => o.kind === 'action').map((o) => (o.kind === 'action' ? o.command : []))).toEqual([['rm', '/tmp/healthy'], ['touch', '/tmp/healthy']]);
  });

  it('exits 1 when a step fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probelab-run-'));
    const lab = (await readFile(`${repoRoot}labs/readiness-exec.yaml`, 'utf8')).replaceAll('../manifests/', `${repoRoot}manifests/`).replace('restarts: { increase: 1 }', 'restarts: 0\n          ready: "1/1"');
    await writeFile(join(dir, 'readiness-exec.yaml'), lab);
    const { code, io } = await run([join(dir, 'readiness-exec.yaml')], { headless: true });
    expect(code).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/^0 passed, 1 failed$/m);
  });

  it('exits 2 without running anything when a lab file is invalid', async () => {
    const cluster = new RecordedCluster(await readFixture('readiness-exec'));
    const io = captureIo();
    await expect(runCommand({ positionals: [`${repoRoot}test/lab/malformed/ready-not-ratio.yaml`], values: { headless: true } }, io, { connect: async () => cluster, clock: cluster })).rejects.toMatchObject({
      exitCode: 2,
      message: 'fix the lab files above first; nothing was run',
    });
    expect(io.stderr.join('\n')).toContain('ready-not-ratio.yaml:21:18 spec.steps[1].expect[0].ready: expected "N/M", got "ready"');
    expect(cluster.calls).toEqual([]);
  });

  it('rejects an unknown reporter with exit 2', async () => {
    await expect(run([`${repoRoot}labs/readiness-exec.yaml`], { reporter: 'xml' })).rejects.toThrow('--reporter: expected one of line, junit, json, tap, got "xml"');
  });

  it('rejects a language it has no messages for', async () => {
    await expect(run([`${repoRoot}labs/readiness-exec.yaml`], { lang: 'de' })).rejects.toThrow('--lang: expected one of en, ko, got "de"');
  });

  it('prints the kubectl command under each action in the line log', async () => {
    const { io } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true });
    expect(io.stdout).toContain('    $ kubectl -n rec-readiness-exec exec readiness-deployment-774f8b876f-hqx8x -- rm /tmp/healthy');
  });

  it('exits 3 when the cluster cannot be reached', async () => {
    const io = captureIo();
    await expect(
      runCommand({ positionals: [`${repoRoot}labs/readiness-exec.yaml`], values: {} }, io, {
        connect: async () => {
          throw new UnreachableError('https://127.0.0.1:6443', 'connection refused');
        },
        clock: { now: () => 0, sleep: async () => undefined },
      }),
    ).rejects.toMatchObject({ exitCode: 3, message: 'cannot reach the API server https://127.0.0.1:6443: connection refused' });
  });
});

describe('a second Ctrl-C', () => {
  it('exits at once with 130, saying what may be left and how to delete it', () => {
    const io = captureIo();
    const exits: number[] = [];
    const interrupt = interruptSignal(io, () => ['namespace probelab-x-abcde: kubectl delete namespace probelab-x-abcde (or probelab clean)'], (code) => exits.push(code));
    try {
      interrupt.exitNow();
    } finally {
      interrupt.dispose();
    }
    expect(exits).toEqual([130]);
    expect(io.stderr).toEqual(['exiting before cleanup finished:', '  namespace probelab-x-abcde: kubectl delete namespace probelab-x-abcde (or probelab clean)']);
  });
});

describe('probelab run -n (protocol-level test server with RBAC, not a Kubernetes API)', () => {
  const NS = 'student-ns';
  let api: NamespaceApi;
  let dir: string;
  /** The uid the test server gave each object the run applied. */
  const uids = new Map<string, string>();

  beforeEach(async () => {
    api = await NamespaceApi.start([NS]);
    dir = await mkdtemp(join(tmpdir(), 'probelab-run-n-'));
    await writeFile(join(dir, 'web.yaml'), WEB_MANIFESTS);
    await writeFile(join(dir, 'web-ready.yaml'), WEB_LAB);
    // No controllers in the test server: an applied Deployment is available at once, with one pod made from its template.
    uids.clear();
    api.onApply = (resource, object) => {
      uids.set(`${resource}/${object.metadata.name}`, object.metadata.uid!);
      if (resource !== 'deployments') return;
      const template = (object as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template;
      api.put('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${object.metadata.name}-1`, namespace: NS, labels: template.metadata.labels }, status: { phase: 'Running' } } as unknown as KubeObject);
      api.put('deployments', { ...object, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 } } as KubeObject);
    };
  });

  afterEach(async () => {
    await api.close();
  });

  async function runIn(namespace: string, values: Record<string, string | boolean> = {}) {
    const io = captureIo();
    const kubeconfig = api.server.writeKubeconfig(dir);
    const code = await runCommand({ positionals: [join(dir, 'web-ready.yaml')], values: { headless: true, namespace, kubeconfig, ...values } }, io, {
      connect: (options) => createCluster({ ...options, env: { HOME: dir }, watchTuning: { backoff: () => 50 } }),
      clock: systemClock,
    });
    return { code, io, out: io.stdout.join('\n') };
  }

  const deletes = () => api.server.requests.filter((request) => request.method === 'DELETE').map((request) => `${request.path} ${request.body}`);

  it('labels what it applies, watches only its own pods, and deletes exactly that, never the namespace', async () => {
    api.rules = EDIT_RULES;
    api.put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine', namespace: NS } } as KubeObject);
    api.put('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user-pod', namespace: NS, labels: { app: 'web' } } } as KubeObject);
    const { code, out } = await runIn(NS);
    expect(code).toBe(0);

    const applies = api.server.requests.filter((request) => request.method === 'PATCH').map((request) => JSON.parse(request.body) as KubeObject & { spec?: { template?: KubeObject } });
    expect(applies.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['ConfigMap/settings', 'Service/web', 'Deployment/web']);
    const runId = applies[0]!.metadata.labels!['probelab.dev/run']!;
    expect(runId).toMatch(/^probelab-web-ready-[a-z0-9]{5}$/);
    for (const object of applies) expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/lab': 'web-ready', 'probelab.dev/run': runId });
    expect(applies[2]!.spec!.template!.metadata.labels).toEqual({ app: 'web', 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/lab': 'web-ready', 'probelab.dev/run': runId });
    const podWatches = api.server.requestsTo('GET', `/api/v1/namespaces/${NS}/pods`).filter((request) => request.query.get('watch') === 'true');
    expect(podWatches[0]!.query.get('labelSelector')).toBe(`probelab.dev/run=${runId}`);

    // Newest first, each by the uid it was given; then the run's pods, at once.
    const byUid = (key: string) => `{"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Background","preconditions":{"uid":"${uids.get(key)!}"}}`;
    expect(deletes()).toEqual([
      `/apis/apps/v1/namespaces/${NS}/deployments/web ${byUid('deployments/web')}`,
      `/api/v1/namespaces/${NS}/services/web ${byUid('services/web')}`,
      `/api/v1/namespaces/${NS}/configmaps/settings ${byUid('configmaps/settings')}`,
      `/api/v1/namespaces/${NS}/pods/web-1 {"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0}`,
    ]);
    expect(api.names('namespaces')).toEqual([NS]);
    expect(api.names('configmaps', NS)).toEqual(['mine']);
    expect(api.names('pods', NS)).toEqual(['user-pod']);
    expect(api.names('services', NS)).toEqual([]);
    expect(out).toMatch(new RegExp(`web-ready runs in namespace ${NS} \\(yours: kept\\); what it applies is labelled probelab\\.dev/run=${runId}`));
    expect(out).toMatch(new RegExp(`cleanup: deleted Deployment/web, Service/web, ConfigMap/settings from namespace ${NS} \\([\\d.]+s, the namespace stays\\)$`, 'm'));
  });

  it('stops at a forbidden create with the resource and the server\'s message, exit 3, and leaves nothing behind', async () => {
    api.rules = EDIT_RULES.map((rule) => (rule.apiGroups.includes('apps') ? { ...rule, verbs: rule.verbs.filter((verb) => verb !== 'create') } : rule));
    const { code, out } = await runIn(NS);
    expect(code).toBe(3);
    expect(out).toContain(
      'error: apply Deployment/web: deployments.apps "web" is forbidden: User "system:serviceaccount:student-ns:student" cannot create resource "deployments" in API group "apps" in the namespace "student-ns" (HTTP 403 Forbidden)',
    );
    // What was applied before the refusal is deleted again; the namespace stays and is all that is left.
    expect(deletes().map((line) => line.split(' ')[0])).toEqual([`/api/v1/namespaces/${NS}/services/web`, `/api/v1/namespaces/${NS}/configmaps/settings`]);
    expect([...api.objects.keys()]).toEqual([`namespaces//${NS}`]);
    expect(out).toMatch(/cleanup: deleted Service\/web, ConfigMap\/settings from namespace student-ns/);
  });

  it('refuses a namespace that does not exist, before applying anything (exit 2)', async () => {
    const { code, out } = await runIn('nope');
    expect(code).toBe(2);
    expect(out).toContain('error: namespace nope does not exist: -n names a namespace you already have (kubectl get namespace nope); without -n, probelab creates one per lab');
    expect(api.server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('leaves alone an object of the same name that probelab did not make (exit 2)', async () => {
    api.rules = EDIT_RULES;
    api.put('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: NS, labels: { team: 'a' } } } as KubeObject);
    const { code, out } = await runIn(NS);
    expect(code).toBe(2);
    expect(out).toContain('error: apply Service/web: Service "web" already exists in namespace student-ns and probelab did not create it, so it will not change or delete it: rename or delete yours (kubectl delete services web -n student-ns), or run without -n');
    expect(api.server.requestsTo('PATCH', `/api/v1/namespaces/${NS}/services/web`)).toEqual([]);
    expect(api.get('services', NS, 'web')?.metadata.labels).toEqual({ team: 'a' });
    expect(api.names('configmaps', NS)).toEqual([]);
  });

  it('keeps what it applied with --keep and says how to delete it by label', async () => {
    const { code, io } = await runIn(NS, { keep: true });
    expect(code).toBe(0);
    expect(deletes()).toEqual([]);
    expect(api.names('deployments', NS)).toEqual(['web']);
    expect(io.stderr.join('\n')).toMatch(/objects kept in namespace student-ns: delete them with `kubectl delete all,configmaps -n student-ns -l probelab\.dev\/run=probelab-web-ready-[a-z0-9]{5}`/);
  });

  it('tells in the line log and the JSON report that the API server went away and came back, and which step it overlapped', async () => {
    // This time the Deployment becomes available only while the server is down.
    api.onApply = () => undefined;
    const report = join(dir, 'report.json');
    const running = runIn(NS, { reporter: 'json', output: report });
    await until(() => api.names('deployments', NS).length === 1, 'the Deployment applied');
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // watches that ran a while end as healthy ones do
    await api.stopGracefully();
    await new Promise((resolve) => setTimeout(resolve, 300)); // refused reconnects meanwhile
    api.put('deployments', { ...api.get('deployments', NS, 'web')!, status: { replicas: 1, availableReplicas: 1 } } as KubeObject);
    api.goneBelow = api.resourceVersion; // a restarted server has not kept the old resourceVersions
    await api.server.restart();
    const { code, out } = await running;
    expect(code).toBe(0);

    const lines = out.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\+\d+\.\ds watch deployments lost: connection refused \(ECONNREFUSED\); resuming from resourceVersion \d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\+\d+\.\ds watch deployments resumed after [\d.]+s \(relist: 1 change missed\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\+\d+\.\ds watch events resumed after [\d.]+s \(relist: 0 changes missed\)$/));
    expect(lines.filter((line) => / watch \w+ lost: /.test(line))).toHaveLength(4);
    // The step passed on what the deployments relist found: its reason says the evidence had a gap.
    expect(lines).toContainEqual(expect.stringMatching(/step 1 ✔ web is available \([\d.]+s\) — The .*(was|were) down for [\d.]+s.* of this step/));
    expect(lines.find((line) => line.includes('step 1 ✔'))).toContain('deployments');

    const lab = (JSON.parse(await readFile(report, 'utf8')) as JsonReport).labs[0]!;
    const gaps = lab.timeline.filter((entry): entry is ReportWatchGap => entry.kind === 'watchLost' || entry.kind === 'watchResumed');
    expect(gaps.filter((entry) => entry.kind === 'watchLost').map((entry) => entry.resource).sort()).toEqual(['deployments', 'endpointslices', 'events', 'pods']);
    expect(gaps.find((entry) => entry.kind === 'watchResumed' && entry.resource === 'deployments')).toMatchObject({ relist: { missed: 1 } });
    expect(lab.steps[0]!.message).toMatch(/^The .* down for [\d.]+s.* of this step/);
  });

  it('refuses --parallel with -n: labs in one namespace could take each other\'s objects', async () => {
    await expect(runIn(NS, { parallel: '2' })).rejects.toThrow('-n runs the labs one after the other in that namespace: leave out --parallel, or leave out -n to give each lab its own');
  });
});

const WEB_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx:1.27 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { a: "1" }
`;

const WEB_LAB = `apiVersion: probelab.dev/v1
kind: Lab
metadata: { name: web-ready, title: A Deployment becomes available }
spec:
  learn: A Deployment becomes available once its pod is ready.
  manifests: [web.yaml]
  timeout: 1m
  steps:
    - name: web is available
      expect:
        - deployment: web
          available: 1
      within: 20s
`;
