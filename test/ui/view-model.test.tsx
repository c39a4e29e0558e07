// The parts of the view state the readiness-exec recording does not reach: terminating
// backends, a Service falling back to core Endpoints, a pod replaced under the same name, and
// the panes that show them. Transitions come from a real Timeline fed hand-made observations.

import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import { Timeline } from '../../src/timeline/timeline.js';
import { messagesFor } from '../../src/i18n/messages.js';
import { endpointLines } from '../../src/ui/endpoints-pane.js';
import { headerLines, watchSummary } from '../../src/ui/header.js';
import { applyEndpointTransitions, endpointGroups, type ServiceView } from '../../src/ui/view-endpoints.js';
import { applyPodTransitions, type PodRow } from '../../src/ui/view-pods.js';

const EN = messagesFor('en');
const T0 = Date.parse('2026-01-01T10:00:00Z');

function slice(rv: string, endpoints: EndpointSlice['endpoints']): Observation {
  const object: EndpointSlice = { metadata: { name: 'web-abc', uid: 'slice-1', resourceVersion: rv, labels: { 'kubernetes.io/service-name': 'web' } }, endpoints };
  return { kind: 'watch', at: T0 + Number(rv) * 1000, resource: 'endpointslices', type: rv === '1' ? 'ADDED' : 'MODIFIED', object };
}

const member = (pod: string, conditions: { ready: boolean; terminating?: boolean }) => ({ addresses: [`10.0.0.${pod.length}`], conditions, targetRef: { kind: 'Pod', name: pod } });

function pod(name: string, uid: string, rv: string, ready: boolean): Pod {
  return {
    metadata: { name, uid, resourceVersion: rv, creationTimestamp: '2026-01-01T10:00:00Z' },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2026-01-01T10:00:01Z' } } }],
    },
  } as Pod;
}

describe('endpoints from transitions', () => {
  it('groups backends as ready / not ready / terminating and highlights a move', () => {
    const timeline = new Timeline();
    let services: readonly ServiceView[] = [];
    for (const observation of [
      slice('1', [member('web-a', { ready: true }), member('web-b', { ready: true })]),
      slice('2', [member('web-a', { ready: false, terminating: true }), member('web-b', { ready: false })]),
    ]) {
      services = applyEndpointTransitions(services, timeline.apply(observation));
    }
    const groups = endpointGroups(services[0]!);
    expect(groups.ready).toEqual([]);
    expect(groups.notReady.map((m) => m.pod)).toEqual(['web-b']);
    expect(groups.terminating.map((m) => m.pod)).toEqual(['web-a']);

    const lines = endpointLines({ services, now: T0 + 2500, width: 80, m: EN });
    const texts = lines.map((l) => l.segments.map((s) => s.text).join(''));
    expect(texts).toEqual(['Endpoints', '  Service web: 0 ready · 1 not ready · 1 terminating (EndpointSlice)', '    not ready: web-b', '    terminating: web-a']);
    expect(lines[3]!.segments.find((s) => s.text === 'web-a')?.highlight).toBe(true);
    const later = endpointLines({ services, now: T0 + 5000, width: 80, m: EN });
    expect(later[3]!.segments.some((s) => s.highlight)).toBe(false);
  });

  it('shows core Endpoints until a slice exists, then the slices', () => {
    const timeline = new Timeline();
    const endpoints: Endpoints = { metadata: { name: 'web', uid: 'ep-1', resourceVersion: '1' }, subsets: [{ addresses: [{ ip: '10.0.0.5', targetRef: { kind: 'Pod', name: 'web-a' } }] }] };
    let services = applyEndpointTransitions([], timeline.apply({ kind: 'watch', at: T0, resource: 'endpoints', type: 'ADDED', object: endpoints }));
    expect(services[0]!.source).toBe('Endpoints');
    expect(endpointGroups(services[0]!).ready.map((m) => m.pod)).toEqual(['web-a']);
    services = applyEndpointTransitions(services, timeline.apply(slice('2', [member('web-a', { ready: false })])));
    expect(services[0]!.source).toBe('EndpointSlice');
    expect(endpointGroups(services[0]!).notReady.map((m) => m.pod)).toEqual(['web-a']);
  });
});

describe('pods from transitions', () => {
  it('replaces a pod recreated under the same name and ignores stale deliveries', () => {
    const timeline = new Timeline();
    let rows: readonly PodRow[] = [];
    const apply = (at: number, type: 'ADDED' | 'MODIFIED', object: Pod) => {
      const observation: Observation = { kind: 'watch', at, resource: 'pods', type, object };
      rows = applyPodTransitions(rows, observation, timeline.apply(observation));
    };
    apply(T0, 'ADDED', pod('web-0', 'uid-1', '10', true));
    apply(T0 + 1000, 'MODIFIED', pod('web-0', 'uid-1', '11', false));
    expect(rows[0]!.changedAt.ready).toBe(T0 + 1000);
    apply(T0 + 2000, 'MODIFIED', pod('web-0', 'uid-1', '10', true));
    expect(rows[0]!.pod.metadata.resourceVersion).toBe('11');
    apply(T0 + 3000, 'ADDED', pod('web-0', 'uid-2', '20', true));
    expect(rows.map((r) => [r.name, r.uid])).toEqual([['web-0', 'uid-2']]);
    expect(rows[0]!.changedAt).toEqual({ name: T0 + 3000, ready: T0 + 3000, status: T0 + 3000, restarts: T0 + 3000 });
  });
});

describe('header', () => {
  it('says when a watch is reconnecting, and drops the server first when narrow', () => {
    const watch = {
      pods: { state: 'connected' as const, resource: 'pods', since: T0 },
      events: { state: 'reconnecting' as const, resource: 'events', since: T0, attempt: 3, reason: 'ECONNRESET' },
    };
    expect(watchSummary(watch, EN)).toEqual({ text: 'watch reconnecting (events, attempt 3)', tone: 'warn' });
    const props = { lab: { name: 'lab', title: 'A lab' }, connection: { context: 'kind-x', server: 'https://127.0.0.1:6443' }, namespace: 'probelab-lab-1', elapsedMs: 5000, watch };
    const wide = headerLines({ ...props, width: 120, m: EN })[1]!.segments.map((s) => s.text).join('');
    expect(wide).toBe('ctx kind-x  https://127.0.0.1:6443  ns probelab-lab-1  0:05  watch reconnecting (events, attempt 3)');
    const narrow = headerLines({ ...props, width: 50, m: EN })[1]!.segments.map((s) => s.text).join('');
    expect(narrow).toBe('ctx kind-x  ns probelab-lab-1  0:05');
  });
});
