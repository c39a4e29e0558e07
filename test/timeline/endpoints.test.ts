import { describe, expect, it } from 'vitest';
import type { Endpoint, EndpointSlice, Endpoints } from '../../src/model/kube.js';
import {
  EndpointStore,
  diffEndpoints,
  endpointsFromEndpoints,
  endpointsFromSlices,
  sliceEndpointState,
} from '../../src/timeline/endpoints.js';
import type { ServiceEndpoints } from '../../src/timeline/endpoints.js';

function slice(name: string, endpoints: Endpoint[] | null, service = 'web', addressType = 'IPv4'): EndpointSlice {
  return {
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/service-name': service } },
    addressType,
    endpoints,
  };
}

const ep = (pod: string, ip: string, ready: boolean | null, serving: boolean | null, terminating: boolean | null): Endpoint => ({
  addresses: [ip],
  conditions: { ready, serving, terminating },
  targetRef: { kind: 'Pod', name: pod },
});

const names = (view: ServiceEndpoints | undefined) => ({
  ready: view?.ready.map((m) => m.pod ?? m.key),
  notReady: view?.notReady.map((m) => m.pod ?? m.key),
  terminating: view?.terminating.map((m) => m.pod ?? m.key),
});

describe('sliceEndpointState (discovery/v1 endpoint conditions)', () => {
  it('reads terminating first, then ready; unset ready counts as ready', () => {
    expect(sliceEndpointState({ ready: true, serving: true, terminating: false })).toBe('ready');
    expect(sliceEndpointState({ ready: false, serving: false, terminating: false })).toBe('notReady');
    expect(sliceEndpointState({ ready: false, serving: true, terminating: true })).toBe('terminating');
    expect(sliceEndpointState({ ready: false, serving: false, terminating: true })).toBe('terminating');
    expect(sliceEndpointState({})).toBe('ready');
    expect(sliceEndpointState(undefined)).toBe('ready');
  });
});

describe('endpointsFromSlices', () => {
  it('keeps a terminating pod in its own group with its serving condition', () => {
    const view = endpointsFromSlices('web', [
      slice('web-abc', [ep('web-1', '10.0.0.1', true, true, false), ep('web-2', '10.0.0.2', false, true, true), ep('web-3', '10.0.0.3', false, false, false)]),
    ]);
    expect(names(view)).toEqual({ ready: ['web-1'], notReady: ['web-3'], terminating: ['web-2'] });
    expect(view.terminating[0]).toMatchObject({ ips: ['10.0.0.2'], conditions: { ready: false, serving: true, terminating: true } });
    expect(view.source).toBe('EndpointSlice');
  });
  it('merges several slices of one service, one member per pod across address families', () => {
    const v4 = slice('web-v4', [ep('web-1', '10.0.0.1', true, true, false), ep('web-2', '10.0.0.2', true, true, false)]);
    const v6 = slice('web-v6', [ep('web-1', 'fd00::1', true, true, false)], 'web', 'IPv6');
    const more = slice('web-more', [ep('web-3', '10.0.0.3', false, false, false)]);
    const view = endpointsFromSlices('web', [v4, v6, more]);
    expect(names(view)).toEqual({ ready: ['web-1', 'web-2'], notReady: ['web-3'], terminating: [] });
    expect(view.ready[0]?.ips).toEqual(['10.0.0.1', 'fd00::1']);
  });
  it('counts a pod listed twice with different states by its least available state', () => {
    const view = endpointsFromSlices('web', [slice('a', [ep('web-1', '10.0.0.1', true, true, false)]), slice('b', [ep('web-1', '10.0.0.1', false, false, false)])]);
    expect(names(view)).toEqual({ ready: [], notReady: ['web-1'], terminating: [] });
  });
  it('keys an address without a targetRef by its IP, and reads null endpoints as none', () => {
    const view = endpointsFromSlices('ext', [slice('ext-1', [{ addresses: ['192.0.2.7'] }], 'ext'), slice('ext-2', null, 'ext')]);
    expect(view.ready).toEqual([{ key: '192.0.2.7', pod: undefined, ips: ['192.0.2.7'], state: 'ready', conditions: {}, nodeName: undefined }]);
  });
});

describe('endpointsFromEndpoints (core/v1, the fallback)', () => {
  it('maps addresses to ready and notReadyAddresses to notReady across subsets', () => {
    const endpoints: Endpoints = {
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1', targetRef: { kind: 'Pod', name: 'web-1' } }],
          notReadyAddresses: [{ ip: '10.0.0.3', targetRef: { kind: 'Pod', name: 'web-3' } }],
        },
        { addresses: [{ ip: '10.0.0.4' }] },
      ],
    };
    const view = endpointsFromEndpoints(endpoints);
    expect(names(view)).toEqual({ ready: ['10.0.0.4', 'web-1'], notReady: ['web-3'], terminating: [] });
    expect(view).toMatchObject({ service: 'web', source: 'Endpoints' });
  });
  it('has no members for an Endpoints object without subsets', () => {
    expect(names(endpointsFromEndpoints({ metadata: { name: 'web' } }))).toEqual({ ready: [], notReady: [], terminating: [] });
  });
});

describe('diffEndpoints', () => {
  it('reports members that moved, appeared and left', () => {
    const before = endpointsFromSlices('web', [slice('s', [ep('web-1', '10.0.0.1', true, true, false), ep('web-2', '10.0.0.2', true, true, false)])]);
    const after = endpointsFromSlices('web', [slice('s', [ep('web-2', '10.0.0.2', false, true, true), ep('web-3', '10.0.0.3', false, false, false)])]);
    expect(diffEndpoints(before, after)).toEqual([
      { key: 'web-1', pod: 'web-1', ips: ['10.0.0.1'], from: 'ready', to: 'absent' },
      { key: 'web-2', pod: 'web-2', ips: ['10.0.0.2'], from: 'ready', to: 'terminating' },
      { key: 'web-3', pod: 'web-3', ips: ['10.0.0.3'], from: 'absent', to: 'notReady' },
    ]);
    expect(diffEndpoints(after, after)).toEqual([]);
  });
});

describe('EndpointStore', () => {
  it('prefers EndpointSlices and falls back to Endpoints for a service without slices', () => {
    const store = new EndpointStore();
    store.applyEndpoints('ADDED', { metadata: { name: 'legacy' }, subsets: [{ addresses: [{ ip: '10.0.0.9', targetRef: { name: 'old-1' } }] }] });
    store.applyEndpoints('ADDED', { metadata: { name: 'web' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1', targetRef: { name: 'web-1' } }] }] });
    store.applySlice('ADDED', slice('web-abc', [ep('web-1', '10.0.0.1', true, true, false)]));
    expect(store.view('legacy')?.source).toBe('Endpoints');
    expect(names(store.view('legacy')).ready).toEqual(['old-1']);
    expect(store.view('web')?.source).toBe('EndpointSlice');
    expect(names(store.view('web')).ready).toEqual(['web-1']);
    expect(names(store.from('web', 'Endpoints')).notReady).toEqual(['web-1']);
    expect(store.services()).toEqual(['legacy', 'web']);
  });
  it('drops a deleted slice and finds its service from the copy held', () => {
    const store = new EndpointStore();
    const held = slice('web-abc', [ep('web-1', '10.0.0.1', true, true, false)]);
    store.applySlice('ADDED', held);
    const unlabelled: EndpointSlice = { ...held, metadata: { name: held.metadata.name, uid: held.metadata.uid } };
    expect(store.sliceService(unlabelled)).toBe('web');
    store.applySlice('DELETED', unlabelled);
    expect(store.from('web', 'EndpointSlice')).toBeUndefined();
    expect(store.view('web')).toBeUndefined();
  });
});
