// The live grading session's line log (verify --watch, exercise check --watch outside a terminal):
// how it reports the watches of each student's namespace being cut and resumed.

import { describe, expect, it } from 'vitest';
import { lineLog } from '../../src/verify/live-log.js';

const heading = { title: 'readiness-exec', context: 'kind-test', withLab: false };

describe('the live line log', () => {
  it("says each namespace's outage once when it is cut and once when it is back, not each reconnect attempt", () => {
    const lines: string[] = [];
    let clock = 1_000;
    const log = lineLog({ ...heading, single: false }, (text) => lines.push(text), () => clock);
    const refused = { state: 'reconnecting', resource: 'pods', since: 1_000, reason: 'connection reset (ECONNRESET)', resourceVersion: '90' } as const;
    log.health!('student-a', { ...refused, attempt: 1 });
    clock = 1_500;
    // The other student's pods watch is cut on its own, and one attempt of each changes nothing.
    log.health!('student-b', { ...refused, attempt: 1 });
    log.health!('student-a', { ...refused, attempt: 2 });
    clock = 3_000;
    log.health!('student-a', { state: 'connected', resource: 'pods', since: 3_000, relist: { missed: 2 } });
    expect(lines).toEqual([
      '+0.0s student-a watch pods lost: connection reset (ECONNRESET); resuming from resourceVersion 90',
      '+0.5s student-b watch pods lost: connection reset (ECONNRESET); resuming from resourceVersion 90',
      '+2.0s student-a watch pods resumed after 2s (relist: 2 changes missed)',
    ]);
  });
});
