import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionTracker, isNewerVersion } from '../../src/timeline/versions.js';

describe('isNewerVersion', () => {
  it('compares decimal resourceVersions as integers, beyond 2^53 too', () => {
    expect(isNewerVersion('10', '9')).toBe(true);
    expect(isNewerVersion('9', '10')).toBe(false);
    expect(isNewerVersion('10', '10')).toBe(false);
    expect(isNewerVersion('9007199254740993', '9007199254740992')).toBe(true);
  });
  it('trusts only equality for versions that are not integers', () => {
    expect(isNewerVersion('b', 'a')).toBe(true);
    expect(isNewerVersion('a', 'b')).toBe(true);
    expect(isNewerVersion('a', 'a')).toBe(false);
  });
  it('orders decimal versions exactly as BigInt does, leading zeros and any length included', () => {
    const decimal = fc.stringMatching(/^\d{1,30}$/);
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(isNewerVersion(a, b)).toBe(BigInt(a) > BigInt(b));
      }),
      { numRuns: 2000 },
    );
    expect(isNewerVersion('0010', '9')).toBe(true);
    expect(isNewerVersion('000', '0')).toBe(false);
  });
  it('accepts anything when a version is missing', () => {
    expect(isNewerVersion(undefined, '5')).toBe(true);
    expect(isNewerVersion('5', undefined)).toBe(true);
  });
});

describe('VersionTracker', () => {
  it('drops repeats and older versions of the same uid, and everything after its deletion', () => {
    const tracker = new VersionTracker();
    expect(tracker.admit('ADDED', 'u1', 'p', '5')).toBe(true);
    expect(tracker.admit('MODIFIED', 'u1', 'p', '5')).toBe(false);
    expect(tracker.admit('MODIFIED', 'u1', 'p', '7')).toBe(true);
    expect(tracker.admit('MODIFIED', 'u1', 'p', '6')).toBe(false);
    expect(tracker.admit('DELETED', 'u1', 'p', '7')).toBe(true);
    expect(tracker.admit('MODIFIED', 'u1', 'p', '9')).toBe(false);
    expect(tracker.admit('DELETED', 'u1', 'p', '9')).toBe(false);
  });
  it('never compares versions of different uids', () => {
    const tracker = new VersionTracker();
    expect(tracker.admit('ADDED', 'u1', 'p', '50')).toBe(true);
    expect(tracker.admit('ADDED', 'u2', 'p', '3')).toBe(true);
  });
  it('lets a same-named object without uid come back after its deletion', () => {
    const tracker = new VersionTracker();
    expect(tracker.admit('ADDED', undefined, 'p', undefined)).toBe(true);
    expect(tracker.admit('DELETED', undefined, 'p', undefined)).toBe(true);
    expect(tracker.admit('ADDED', undefined, 'p', undefined)).toBe(true);
  });
  it('forgets a uid whose name was taken over', () => {
    const tracker = new VersionTracker();
    tracker.admit('ADDED', 'u1', 'p', '5');
    tracker.forget('u1');
    expect(tracker.admit('MODIFIED', 'u1', 'p', '8')).toBe(false);
  });
});
