import { describe, expect, it } from 'vitest';
import { formatOffset, ticks, timeScale } from '../../../src/report/html/scale.js';
import { stagger } from '../../../src/report/html/layout.js';

describe('time scale', () => {
  it('maps the run onto the plot and clamps times outside it', () => {
    const scale = timeScale(10_000, 40_000, 200, 900);
    expect(scale.x(10_000)).toBe(200);
    expect(scale.x(40_000)).toBe(1100);
    expect(scale.x(25_000)).toBe(650);
    expect(scale.x(0)).toBe(200);
    expect(scale.x(99_000)).toBe(1100);
  });

  it('puts labelled ticks far enough apart to read, from 0s', () => {
    for (const [span, width] of [[30_000, 1040], [300_000, 1040], [5_000, 2400], [3_600_000, 2400]] as const) {
      const list = ticks(timeScale(0, span, 0, width));
      expect(list[0]!.label).toBe('0s');
      expect(list.length).toBeGreaterThan(2);
      for (let i = 1; i < list.length; i++) expect(list[i]!.x - list[i - 1]!.x).toBeGreaterThanOrEqual(56);
    }
  });

  it('formats offsets to a tenth of a second', () => {
    expect(formatOffset(0)).toBe('0s');
    expect(formatOffset(8_850)).toBe('8.9s');
    expect(formatOffset(25_600)).toBe('25.6s');
    expect(formatOffset(90_240)).toBe('1m30.2s');
    expect(formatOffset(-5)).toBe('0s');
  });
});

describe('stagger', () => {
  it('puts overlapping labels on further rows and reuses a row once it is free', () => {
    expect(stagger([{ x: 0, width: 100 }, { x: 50, width: 100 }, { x: 120, width: 10 }, { x: 300, width: 10 }])).toEqual([0, 1, 0, 0]);
  });
});
