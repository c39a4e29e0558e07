// Watch outages as the runner keeps them: built from the health reports the watch layer sends (the
// shapes ResourceWatch reports, see test/cluster/watch.protocol.test.ts), and the step reasons
// that mention them.

import { describe, expect, it } from 'vitest';
import type { WatchHealth } from '../../src/cluster/port.js';
import { outageNote, WatchGaps } from '../../src/runner/watch-gaps.js';
import { verdict } from '../report/made.js';

const T = Date.parse('2026-01-02T03:04:05.678Z');

const lost = (resource: string, attempt: number, extra: Partial<Extract<WatchHealth, { state: 'reconnecting' }>> = {}): WatchHealth => ({
  state: 'reconnecting',
  resource,
  since: T,
  attempt,
  reason: 'connection refused (ECONNREFUSED)',
  resourceVersion: '4711',
  ...extra,
});
const back = (resource: string, relist?: { missed: number }): WatchHealth => ({ state: 'connected', resource, since: T, ...(relist ? { relist } : {}) });

describe('WatchGaps', () => {
  it('makes one entry when a watch is cut and one when it is back, whatever the attempts between', () => {
    const gaps = new WatchGaps();
    expect(gaps.note({ state: 'connecting', resource: 'pods' }, T)).toBeUndefined();
    expect(gaps.note(back('pods'), T + 50)).toBeUndefined();
    expect(gaps.note(lost('pods', 1), T + 30_100)).toEqual({ kind: 'watchLost', at: T + 30_100, resource: 'pods', cause: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' });
    expect(gaps.note(lost('pods', 2), T + 31_100)).toBeUndefined();
    expect(gaps.note(lost('pods', 3, { reason: '410 Gone (too old resource version: 4711 (4800))', resourceVersion: undefined }), T + 33_000)).toBeUndefined();
    expect(gaps.note(back('pods', { missed: 0 }), T + 34_600)).toEqual({ kind: 'watchResumed', at: T + 34_600, resource: 'pods', downMs: 4_500, relist: { missed: 0 } });
    expect(gaps.entries.map((gap) => gap.kind)).toEqual(['watchLost', 'watchResumed']);
  });

  it('remembers the resourceVersion a watch resumed from when no relist was needed', () => {
    const gaps = new WatchGaps();
    gaps.note(lost('events', 1), T);
    expect(gaps.note(back('events'), T + 800)).toEqual({ kind: 'watchResumed', at: T + 800, resource: 'events', downMs: 800, resourceVersion: '4711' });
  });

  it('measures the part of a window each watch was down, and whether it still was at the end', () => {
    const gaps = new WatchGaps();
    gaps.note(lost('pods', 1), T + 1_000);
    gaps.note(back('pods'), T + 3_000);
    gaps.note(lost('pods', 1), T + 8_000);
    gaps.note(lost('events', 1), T + 9_000);
    expect(gaps.downDuring(T + 2_000, T + 10_000)).toEqual([
      { resource: 'pods', ms: 3_000, downAtEnd: true },
      { resource: 'events', ms: 1_000, downAtEnd: true },
    ]);
    expect(gaps.downDuring(T + 3_500, T + 7_000)).toEqual([]);
    expect(gaps.downDuring(T, T + 2_000)).toEqual([{ resource: 'pods', ms: 1_000, downAtEnd: true }]);
  });
});

describe('step reasons after an outage', () => {
  it('appends a sentence to a failed step and gives a passed step a reason', () => {
    const gaps = new WatchGaps();
    const start = verdict('x', 'passed', 0, 0).startedAt;
    gaps.note(lost('pods', 1), start + 2_000);
    gaps.note(back('pods', { missed: 0 }), start + 6_500);
    const failed = gaps.annotate(verdict('break it', 'failed', 0, 20_000, { reason: 'pod web RESTARTS +1 was not seen within 20s.' }));
    expect(failed.reason).toBe('pod web RESTARTS +1 was not seen within 20s. The pods watch was down for 4.5s of this step.');
    expect(gaps.annotate(verdict('wait', 'passed', 0, 10_000)).reason).toBe('The pods watch was down for 4.5s of this step.');
    const before = verdict('earlier', 'passed', 0, 1_500);
    expect(gaps.annotate(before)).toBe(before);
    const pending = verdict('later', 'pending', 0, 0);
    expect(gaps.annotate(pending)).toBe(pending);
  });

  it('names watches down equally long together, and which were still down when the verdict came', () => {
    expect(outageNote([{ resource: 'pods', ms: 4_500, downAtEnd: false }, { resource: 'events', ms: 4_500, downAtEnd: false }, { resource: 'deployments', ms: 4_460, downAtEnd: false }])).toBe(
      'The pods, events and deployments watches were down for 4.5s of this step.',
    );
    expect(outageNote([{ resource: 'pods', ms: 4_500, downAtEnd: true }, { resource: 'events', ms: 2_000, downAtEnd: false }])).toBe(
      'The pods watch was down for 4.5s and the events watch for 2s of this step; the pods watch still was when the verdict came.',
    );
    expect(outageNote([{ resource: 'pods', ms: 300, downAtEnd: true }, { resource: 'events', ms: 300, downAtEnd: true }])).toBe(
      'The pods and events watches were down for 0.3s of this step; the pods and events watches still were when the verdict came.',
    );
    expect(outageNote([])).toBeUndefined();
  });
});
