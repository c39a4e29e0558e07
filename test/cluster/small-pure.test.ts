import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/cluster/backoff.js';
import { labLabelValue, labNamespaceName, sanitizeLabName } from '../../src/cluster/labels.js';
import { describeNetworkError } from '../../src/cluster/network-error.js';
import { parseProbelabConfig, probelabConfigPath } from '../../src/cluster/probelab-config.js';
import { canICommand, NAMESPACED_PERMISSIONS, REQUIRED_PERMISSIONS, permissionLabel } from '../../src/cluster/permissions.js';
import { labelled } from '../../src/cluster/apply.js';
import { normalizeKind, resourcePath } from '../../src/cluster/resource-resolver.js';
import { randomWatchTimeoutSeconds } from '../../src/cluster/watch.js';

describe('backoffDelay', () => {
  it('doubles from 0.5 s, caps at 30 s, and jitters within the upper half', () => {
    const top = (attempt: number) => backoffDelay(attempt, undefined, () => 1);
    const bottom = (attempt: number) => backoffDelay(attempt, undefined, () => 0);
    expect([1, 2, 3, 4].map(top)).toEqual([500, 1000, 2000, 4000]);
    expect(top(7)).toBe(30_000);
    expect(top(50)).toBe(30_000);
    expect(bottom(1)).toBe(250);
    expect(bottom(20)).toBe(15_000);
  });
});

describe('randomWatchTimeoutSeconds', () => {
  it('stays within 240–300 s', () => {
    expect(randomWatchTimeoutSeconds(() => 0)).toBe(240);
    expect(randomWatchTimeoutSeconds(() => 0.9999)).toBe(300);
  });
});

describe('lab namespace names', () => {
  it('is probelab-<lab>-<5 random [a-z0-9]>', () => {
    const picks = [0, 35, 1, 26, 2];
    expect(labNamespaceName('readiness-exec', () => picks.shift()!)).toBe('probelab-readiness-exec-a9b0c');
  });

  it('keeps the name a valid DNS label whatever the lab is called', () => {
    expect(sanitizeLabName('My Lab__v2!')).toBe('my-lab-v2');
    expect(sanitizeLabName('---')).toBe('lab');
    const long = labNamespaceName('x'.repeat(100));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(labLabelValue('-Readiness Exec.')).toBe('Readiness-Exec');
  });
});

describe('describeNetworkError', () => {
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
  it('names the usual causes', () => {
    expect(describeNetworkError(fetchFailed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' })))).toBe('connection refused (ECONNREFUSED)');
    expect(describeNetworkError(fetchFailed(Object.assign(new Error('getaddrinfo ENOTFOUND k8s.invalid'), { code: 'ENOTFOUND' })))).toBe('host name not found (ENOTFOUND)');
    expect(describeNetworkError(fetchFailed(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })))).toBe(
      'TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(describeNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 5000)).toBe('no answer within 5 s (timeout)');
    const both = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]);
    expect(describeNetworkError(fetchFailed(both))).toBe('connection refused (ECONNREFUSED)');
  });
});

describe('probelab config', () => {
  it('lives in ~/.config/probelab/config.yaml unless PROBELAB_CONFIG says otherwise', () => {
    expect(probelabConfigPath({}, '/home/u')).toBe('/home/u/.config/probelab/config.yaml');
    expect(probelabConfigPath({ PROBELAB_CONFIG: '/etc/p.yaml' }, '/home/u')).toBe('/etc/p.yaml');
  });

  it('reads allowContexts and rejects anything else in its place', () => {
    expect(parseProbelabConfig('allowContexts: [a, b]\n', 'f')).toEqual({ allowContexts: ['a', 'b'] });
    expect(parseProbelabConfig('', 'f')).toEqual({ allowContexts: [] });
    expect(() => parseProbelabConfig('allowContexts: prod', 'f')).toThrow('f: allowContexts must be a list of context names');
  });
});

describe('permissions', () => {
  it('labels permissions as kubectl auth can-i does and covers what a run uses', () => {
    const labels = REQUIRED_PERMISSIONS.map(permissionLabel);
    for (const wanted of ['create namespaces', 'delete namespaces', 'watch namespaces', 'create pods/exec', 'patch pods/status', 'get pods/log', 'watch endpointslices.discovery.k8s.io', 'list events', 'patch deployments.apps', 'create configmaps']) {
      expect(labels).toContain(wanted);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('needs no right on namespaces for run -n, but reads what it is about to apply', () => {
    const labels = NAMESPACED_PERMISSIONS.map(permissionLabel);
    expect(labels.filter((label) => label.includes('namespaces'))).toEqual([]);
    for (const wanted of ['get deployments.apps', 'get services', 'create pods/exec', 'delete pods', 'watch pods']) expect(labels).toContain(wanted);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('asks as kubectl auth can-i would: subresources with --subresource, groups after a dot, -n or -A', () => {
    const [exec, scale, slices] = [
      { verb: 'create', group: '', resource: 'pods', subresource: 'exec', why: '' },
      { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', why: '' },
      { verb: 'watch', group: 'discovery.k8s.io', resource: 'endpointslices', why: '' },
    ];
    expect(canICommand(exec, 'my-ns')).toBe('kubectl auth can-i create pods --subresource=exec -n my-ns');
    expect(canICommand(scale, 'my-ns')).toBe('kubectl auth can-i patch deployments.apps --subresource=scale -n my-ns');
    expect(canICommand(slices)).toBe('kubectl auth can-i watch endpointslices.discovery.k8s.io -A');
  });
});

describe('resource paths', () => {
  it('accepts kinds and plurals and builds namespaced paths', () => {
    expect(['Deployment', 'deployments', 'deployment'].map(normalizeKind)).toEqual(['deployment', 'deployment', 'deployment']);
    expect(normalizeKind('Endpoints')).toBe('endpoints');
    expect(resourcePath({ apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespaced: true }, 'lab', 'web')).toBe('/apis/apps/v1/namespaces/lab/deployments/web');
    expect(resourcePath({ apiVersion: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false }, 'lab', 'x')).toBe('/api/v1/namespaces/x');
  });
});

describe('labelled (what run -n applies)', () => {
  const run = { 'probelab.dev/run': 'probelab-x-abcde' };
  it('labels the object and the pods its template makes, leaving the selector and the input alone', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { team: 'a' } }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: {} } } };
    const before = structuredClone(deployment);
    const out = labelled(deployment, run) as unknown as typeof deployment;
    expect(out.metadata.labels).toEqual({ team: 'a', ...run });
    expect(out.spec.template.metadata.labels).toEqual({ app: 'web', ...run });
    expect(out.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deployment).toEqual(before);
  });

  it('reaches the pod template of a CronJob, and leaves objects without one as they are otherwise', () => {
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: {} } } } } };
    expect((labelled(cronJob, run) as unknown as typeof cronJob & { spec: { jobTemplate: { spec: { template: { metadata: unknown } } } } }).spec.jobTemplate.spec.template.metadata).toEqual({ labels: run });
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } };
    expect(labelled(service, run)).toEqual({ ...service, metadata: { name: 'web', labels: run } });
  });
});
