import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/model/kube.js';
import {
  EVENT_CORRELATOR,
  EventStore,
  describeEventAge,
  describeEventRow,
  eventView,
  formatEvents,
  sortEvents,
  spamAllowance,
  spamKey,
} from '../../src/timeline/events.js';

const NOW = Date.parse('2026-11-21T20:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();
const POD = { kind: 'Pod', namespace: 'rec', name: 'web-1', uid: 'pod-uid-1', apiVersion: 'v1' };

function kubeletEvent(over: Partial<KubeEvent> & { uid?: string; rv?: string } = {}): KubeEvent {
  const { uid = 'ev-1', rv = '1', ...rest } = over;
  return {
    metadata: { name: `web-1.${uid}`, namespace: 'rec', uid, resourceVersion: rv },
    involvedObject: { ...POD, fieldPath: 'spec.containers{web}' },
    reason: 'Unhealthy',
    message: "Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    type: 'Warning',
    count: 1,
    firstTimestamp: ago(60),
    lastTimestamp: ago(60),
    eventTime: null,
    source: { component: 'kubelet', host: 'lab-node' },
    reportingComponent: 'kubelet',
    ...rest,
  };
}

// The scheduler writes through events.k8s.io: eventTime, no count/first/last, empty source.
const scheduled: KubeEvent = {
  metadata: { name: 'web-1.sched', namespace: 'rec', uid: 'ev-sched' },
  involvedObject: POD,
  reason: 'Scheduled',
  message: 'Successfully assigned rec/web-1 to lab-node',
  type: 'Normal',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  eventTime: '2026-11-21T19:51:59.778697Z',
  reportingComponent: 'default-scheduler',
};

describe('describeEventAge (kubectl describe DescribeEvents)', () => {
  it('prints a repeated core/v1 event as "<last> (x<count> over <first>)"', () => {
    const event = kubeletEvent({ count: 3, firstTimestamp: ago(468), lastTimestamp: ago(458) });
    expect(describeEventAge(event, NOW)).toBe('7m38s (x3 over 7m48s)');
  });
  it('prints a single occurrence as the age of its first timestamp', () => {
    expect(describeEventAge(kubeletEvent({ firstTimestamp: ago(12), lastTimestamp: ago(12) }), NOW)).toBe('12s');
  });
  it('prints an events.k8s.io singleton from its eventTime', () => {
    expect(describeEventAge(scheduled, NOW)).toBe('8m');
  });
  it('prints a series from series.lastObservedTime, count and eventTime', () => {
    const series: KubeEvent = { ...scheduled, eventTime: ago(3 * 86400), series: { count: 2, lastObservedTime: ago(2 * 86400) } };
    expect(describeEventAge(series, NOW)).toBe('2d (x2 over 3d)');
  });
  it('prints <unknown> when an event has no time at all', () => {
    expect(describeEventAge(kubeletEvent({ firstTimestamp: null, lastTimestamp: null }), NOW)).toBe('<unknown>');
  });
  it('uses source.component as From, else reportingComponent, and trims the message', () => {
    expect(describeEventRow(kubeletEvent(), NOW)).toEqual({
      type: 'Warning',
      reason: 'Unhealthy',
      age: '60s',
      from: 'kubelet',
      message: "Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    });
    expect(describeEventRow(scheduled, NOW).from).toBe('default-scheduler');
  });
});

describe('formatEvents', () => {
  it('lays the table out like kubectl describe, oldest first', () => {
    const unhealthy = kubeletEvent({ count: 3, firstTimestamp: ago(468), lastTimestamp: ago(458), message: 'Readiness probe failed: HTTP probe failed with statuscode: 500' });
    expect(formatEvents([unhealthy, scheduled], NOW)).toBe(
      [
        'Events:',
        '  Type     Reason     Age                    From               Message',
        '  ----     ------     ----                   ----               -------',
        '  Normal   Scheduled  8m                     default-scheduler  Successfully assigned rec/web-1 to lab-node',
        '  Warning  Unhealthy  7m38s (x3 over 7m48s)  kubelet            Readiness probe failed: HTTP probe failed with statuscode: 500',
        '',
      ].join('\n'),
    );
  });
  it('prints <none> without events', () => {
    expect(formatEvents([], NOW)).toBe('Events:  <none>\n');
  });
  it('sorts by series.lastObservedTime, else lastTimestamp, else eventTime', () => {
    const a = kubeletEvent({ uid: 'a', lastTimestamp: ago(10) });
    const b = { ...scheduled, metadata: { name: 'b' }, eventTime: ago(30) };
    const c = { ...scheduled, metadata: { name: 'c' }, eventTime: ago(40), series: { count: 4, lastObservedTime: ago(5) } };
    expect(sortEvents([c, a, b]).map((e) => e.metadata.name)).toEqual(['b', 'web-1.a', 'c']);
  });
});

describe('eventView', () => {
  it('counts series.count, else count, else one', () => {
    expect(eventView(kubeletEvent({ count: 4 })).count).toBe(4);
    expect(eventView(scheduled).count).toBe(1);
    expect(eventView({ ...scheduled, series: { count: 7, lastObservedTime: ago(1) } }).count).toBe(7);
  });
  it('flags messages the EventAggregator combined', () => {
    const combined = kubeletEvent({ message: `${EVENT_CORRELATOR.combinedPrefix}Readiness probe failed: Get "http://10.0.0.1/": EOF` });
    expect(eventView(combined).combined).toBe(true);
    expect(eventView(kubeletEvent()).combined).toBe(false);
  });
});

describe('EventStore', () => {
  it('reports a new event, then each count increase of the same object', () => {
    const store = new EventStore();
    const first = store.apply('ADDED', kubeletEvent());
    expect(first).toMatchObject({ isNew: true, previousCount: 0, view: { count: 1, reason: 'Unhealthy' } });
    const repeat = store.apply('MODIFIED', kubeletEvent({ rv: '2', count: 2, lastTimestamp: ago(57) }));
    expect(repeat).toMatchObject({ isNew: false, previousCount: 1, view: { count: 2 } });
    expect(store.list()).toHaveLength(1);
  });
  it('reports nothing for an update that adds no occurrence, and forgets deleted events', () => {
    const store = new EventStore();
    store.apply('ADDED', kubeletEvent({ count: 2 }));
    expect(store.apply('MODIFIED', kubeletEvent({ rv: '2', count: 2 }))).toBeUndefined();
    expect(store.apply('DELETED', kubeletEvent({ rv: '3', count: 2 }))).toBeUndefined();
    expect(store.list()).toEqual([]);
  });
  it('filters by involved object', () => {
    const store = new EventStore();
    store.apply('ADDED', kubeletEvent());
    store.apply('ADDED', kubeletEvent({ uid: 'other', involvedObject: { kind: 'Pod', name: 'web-2', uid: 'pod-uid-2' } }));
    expect(store.list({ name: 'web-2' }).map((v) => v.key)).toEqual(['other']);
    expect(store.list({ kind: 'Pod' })).toHaveLength(2);
    expect(store.list({ kind: 'Deployment' })).toEqual([]);
  });
});

describe('spam filter budget (client-go EventSourceObjectSpamFilter)', () => {
  it('keys on source and object, not on reason or fieldPath', () => {
    const unhealthy = kubeletEvent();
    const killing = kubeletEvent({ uid: 'ev-2', reason: 'Killing', involvedObject: { ...POD, fieldPath: 'spec.containers{other}' } });
    expect(spamKey(unhealthy)).toBe(spamKey(killing));
    expect(spamKey(kubeletEvent({ involvedObject: { ...POD, uid: 'pod-uid-2' } }))).not.toBe(spamKey(unhealthy));
    expect(spamKey(scheduled)).toBeUndefined();
  });
  it('is limited once 25 occurrences were recorded for one source and object', () => {
    const store = new EventStore();
    store.apply('ADDED', kubeletEvent({ count: 20 }));
    const killing = store.apply('ADDED', kubeletEvent({ uid: 'ev-2', reason: 'Killing', count: 4 }));
    expect(store.spamBudget(killing!.view)).toMatchObject({ recorded: 24, limited: false });
    const started = store.apply('ADDED', kubeletEvent({ uid: 'ev-3', reason: 'Started', count: 1 }));
    expect(store.spamBudget(started!.view)).toMatchObject({ recorded: 25, limited: true, since: NOW - 60_000 });
    expect(store.spamBudget(eventView(scheduled))).toBeUndefined();
  });
  it('allows 25 writes, then one more per 5 minutes', () => {
    expect(spamAllowance(NOW, NOW)).toBe(25);
    expect(spamAllowance(NOW, NOW + 299_999)).toBe(25);
    expect(spamAllowance(NOW, NOW + 600_000)).toBe(27);
  });
});
