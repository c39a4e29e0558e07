import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKubeconfigSources } from '../../src/cluster/kubeconfig-sources.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { EXIT, UserError } from '../../src/exit-codes.js';

describe('resolveKubeconfigSources', () => {
  it('prefers --kubeconfig over everything', () => {
    expect(resolveKubeconfigSources({ flag: '/a/config', env: { KUBECONFIG: '/b:/c' }, home: '/home/u' })).toEqual({ files: ['/a/config'], origin: '--kubeconfig' });
  });

  it('splits KUBECONFIG, skips empty entries and duplicates, keeps order', () => {
    expect(resolveKubeconfigSources({ env: { KUBECONFIG: '/b::/c:/b' }, home: '/home/u', delimiter: ':' })).toEqual({ files: ['/b', '/c'], origin: 'KUBECONFIG' });
  });

  it('uses the platform delimiter', () => {
    expect(resolveKubeconfigSources({ env: { KUBECONFIG: 'C:\\x;C:\\y' }, home: '/h', delimiter: ';' }).files).toHaveLength(2);
  });

  it('falls back to ~/.kube/config', () => {
    expect(resolveKubeconfigSources({ env: {}, home: '/home/u' })).toEqual({ files: ['/home/u/.kube/config'], origin: 'default' });
    expect(resolveKubeconfigSources({ env: { KUBECONFIG: '' }, home: '/home/u' }).origin).toBe('default');
  });
});

function config(current: string, clusters: [string, string][]): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...clusters.map(([name, server]) => `- { name: ${name}, cluster: { server: "${server}" } }`),
    'users:',
    ...clusters.map(([name]) => `- { name: ${name}, user: { token: tok-${name} } }`),
    'contexts:',
    ...clusters.map(([name]) => `- { name: ${name}, context: { cluster: ${name}, user: ${name} } }`),
    `current-context: ${current}`,
  ].join('\n');
}

describe('loadKubeconfig', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-kc-'));
  const first = path.join(dir, 'first');
  const second = path.join(dir, 'second');
  writeFileSync(first, config('kind-a', [['kind-a', 'https://127.0.0.1:1111']]));
  // kind-a again in the second file (must not replace the first), and a current-context that must not win.
  writeFileSync(second, config('kind-b', [['kind-b', 'https://127.0.0.1:2222'], ['kind-a', 'https://other.example:1']]));

  it('merges KUBECONFIG files with the first one winning, like kubectl', () => {
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${first}${path.delimiter}${second}` }, home: dir });
    expect(loaded.context).toBe('kind-a');
    expect(loaded.server).toBe('https://127.0.0.1:1111');
    expect(loaded.kc.getContexts().map((context) => context.name)).toEqual(['kind-a', 'kind-b']);
  });

  it('selects --context and reports the server without credentials', () => {
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${first}${path.delimiter}${second}` }, context: 'kind-b', home: dir });
    expect(loaded.server).toBe('https://127.0.0.1:2222');
    expect(JSON.stringify({ context: loaded.context, server: loaded.server })).not.toContain('tok-');
  });

  it('ignores missing KUBECONFIG entries but not a missing --kubeconfig', () => {
    expect(loadKubeconfig({ env: { KUBECONFIG: `${path.join(dir, 'nope')}${path.delimiter}${first}` }, home: dir }).context).toBe('kind-a');
    expect(() => loadKubeconfig({ kubeconfig: path.join(dir, 'nope'), env: {}, home: dir })).toThrow(/does not exist/);
  });

  it('names the available contexts when --context is unknown', () => {
    let error: unknown;
    try {
      loadKubeconfig({ kubeconfig: first, context: 'prod', env: {}, home: dir });
    } catch (caught) {
      error = caught;
    }
    expect((error as UserError).exitCode).toBe(EXIT.badInput);
    expect((error as UserError).message).toBe('context "prod" is not in the kubeconfig (contexts: kind-a)');
  });

  it('reads ~/.kube/config by default and keeps exec-plugin users intact', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'probelab-home-'));
    const kube = path.join(home, '.kube');
    mkdirSync(kube);
    writeFileSync(
      path.join(kube, 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: eks, cluster: { server: "https://abc.eks.amazonaws.com" } }]',
        'users: [{ name: eks, user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token] } } }]',
        'contexts: [{ name: eks, context: { cluster: eks, user: eks } }]',
        'current-context: eks',
      ].join('\n'),
    );
    const loaded = loadKubeconfig({ env: {}, home });
    expect(loaded.sources.origin).toBe('default');
    expect(loaded.kc.getCurrentUser()?.exec).toMatchObject({ command: 'aws', args: ['eks', 'get-token'] });
  });
});
