import { describe, expect, it } from 'vitest';
import { applyTier, orderForApply } from '../../src/cluster/apply-order.js';
import { parseManifests } from '../../src/cluster/manifests.js';

const kinds = (objects: { kind?: string; name?: string }[]): string[] => objects.map((o) => `${o.kind ?? ''}${o.name ? `/${o.name}` : ''}`);

describe('orderForApply', () => {
  it('puts namespaces and CRDs first, then cluster-scoped, config, services, workloads, and unknown kinds last, keeping input order within a tier', () => {
    const input = [
      { kind: 'Deployment' },
      { kind: 'Widget' },
      { kind: 'Service' },
      { kind: 'ConfigMap' },
      { kind: 'ClusterRole' },
      { kind: 'Namespace' },
      { kind: 'Secret' },
      { kind: 'CustomResourceDefinition' },
      { kind: 'ServiceAccount' },
      { kind: 'Pod' },
      { kind: 'Ingress' },
    ];
    expect(kinds(orderForApply(input))).toEqual([
      'Namespace',
      'CustomResourceDefinition',
      'ClusterRole',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'Service',
      'Deployment',
      'Pod',
      'Ingress',
      'Widget',
    ]);
  });

  it('is stable within a tier and does not mutate its input', () => {
    const input = [
      { kind: 'Pod', name: 'b' },
      { kind: 'Service', name: 's' },
      { kind: 'Pod', name: 'a' },
      { kind: 'Deployment', name: 'c' },
    ];
    const copy = [...input];
    expect(kinds(orderForApply(input))).toEqual(['Service/s', 'Pod/b', 'Pod/a', 'Deployment/c']);
    expect(input).toEqual(copy);
  });

  it('ranks a missing kind with the unknown ones', () => {
    expect(applyTier(undefined)).toBe(applyTier('Widget'));
    expect(applyTier('Namespace')).toBeLessThan(applyTier('Service'));
  });
});

describe('parseManifests', () => {
  it('reads multi-document YAML, skips empty documents and expands Lists', () => {
    const objects = parseManifests(
      [
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: svc }',
        '---',
        '# only a comment',
        '---',
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- { apiVersion: v1, kind: ConfigMap, metadata: { name: one } }',
        '- { apiVersion: v1, kind: ConfigMap, metadata: { name: two } }',
      ].join('\n'),
    );
    expect(objects.map((o) => `${o.kind ?? ''}/${o.metadata.name}`)).toEqual(['Service/svc', 'ConfigMap/one', 'ConfigMap/two']);
  });

  it('names the document that is missing what apply needs', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata: { name: a }\n---\nkind: Pod\nmetadata: { name: b }', 'lab.yaml')).toThrow(
      'lab.yaml document 2: apiVersion and kind are required',
    );
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata: { generateName: web- }')).toThrow(/Pod needs metadata.name/);
    expect(() => parseManifests('a: [unclosed')).toThrow(/manifests document 1:/);
  });
});
