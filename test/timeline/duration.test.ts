import { describe, expect, it } from 'vitest';
import { humanDuration, parseTime, since } from '../../src/timeline/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

// The cases of TestHumanDuration and TestHumanDurationBoundaries in
// k8s.io/apimachinery/pkg/util/duration/duration_test.go.
const cases: [number, string][] = [
  [S, '1s'],
  [70 * S, '70s'],
  [190 * S, '3m10s'],
  [70 * M, '70m'],
  [47 * H, '47h'],
  [49 * H, '2d1h'],
  [(8 * 24 + 2) * H, '8d'],
  [367 * D, '367d'],
  [(365 * 2 * 24 + 25) * H, '2y1d'],
  [(365 * 8 * 24 + 2) * H, '8y'],
  [-2 * S, '<invalid>'],
  [-2 * S + 1, '0s'],
  [0, '0s'],
  [S - 1, '0s'],
  [2 * M - 1, '119s'],
  [2 * M, '2m'],
  [2 * M + S, '2m1s'],
  [10 * M - 1, '9m59s'],
  [10 * M, '10m'],
  [10 * M + S, '10m'],
  [3 * H - 1, '179m'],
  [3 * H, '3h'],
  [3 * H + M, '3h1m'],
  [8 * H - 1, '7h59m'],
  [8 * H, '8h'],
  [8 * H + 59 * M, '8h'],
  [2 * D - 1, '47h'],
  [2 * D, '2d'],
  [2 * D + H, '2d1h'],
  [8 * D - 1, '7d23h'],
  [8 * D, '8d'],
  [8 * D + 23 * H, '8d'],
  [2 * Y - 1, '729d'],
  [2 * Y, '2y'],
  [2 * Y + 23 * H, '2y'],
  [2 * Y + 24 * H - 1, '2y'],
  [2 * Y + 24 * H, '2y1d'],
  [3 * Y, '3y'],
  [8 * Y - 1, '7y364d'],
  [8 * Y, '8y'],
  [8 * Y + 364 * D, '8y'],
  [9 * Y, '9y'],
];

describe('humanDuration', () => {
  it.each(cases)('%d ms prints as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('since', () => {
  const now = Date.parse('2026-11-21T20:00:00Z');
  it('prints <unknown> for an unset time, like translateTimestampSince', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since(null, now)).toBe('<unknown>');
    expect(since('', now)).toBe('<unknown>');
  });
  it('reads RFC 3339 seconds and microsecond (MicroTime) timestamps', () => {
    expect(since('2026-11-21T19:52:22Z', now)).toBe('7m38s');
    expect(parseTime('2026-11-21T19:52:15.778697Z')).toBe(Date.parse('2026-11-21T19:52:15.778Z'));
  });
});
