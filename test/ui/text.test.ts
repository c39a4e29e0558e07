import { describe, expect, it } from 'vitest';
import { cellWidth, fitColumns, formatElapsed, joinFitting, layoutRow, padCells, truncateEnd, truncateMiddle, wrapWords, type Column } from '../../src/ui/text.js';

describe('truncation', () => {
  it('cuts the end or the middle to exactly the width', () => {
    expect(truncateEnd('Running', 10)).toBe('Running');
    expect(truncateEnd('CrashLoopBackOff', 8)).toBe('CrashLo…');
    expect(truncateMiddle('readiness-deployment-774f8b876f-hqx8x', 15)).toBe('readine…f-hqx8x');
    expect(truncateMiddle('readiness-deployment-774f8b876f-hqx8x', 15)).toHaveLength(15);
  });

  it('wraps words and breaks a word longer than the line', () => {
    expect(wrapWords('a readiness probe decides', 11)).toEqual(['a readiness', 'probe', 'decides']);
    expect(wrapWords('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
    expect(wrapWords('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
  });
});

describe('wide characters', () => {
  // A Hangul syllable takes two terminal cells; counting UTF-16 units would count one.
  it('measures, pads and cuts in cells', () => {
    expect(cellWidth('준비성 프로브')).toBe(13);
    expect(padCells('프로브', 8)).toBe('프로브  ');
    expect(truncateEnd('활성 프로브가 실패하면 재시작합니다', 10)).toBe('활성 프로…');
    expect(cellWidth(truncateEnd('활성 프로브가 실패하면 재시작합니다', 10))).toBe(10);
    // An odd width cannot end on half a syllable: one cell stays empty rather than overflow.
    expect(cellWidth(truncateEnd('엔드포인트', 6))).toBeLessThanOrEqual(6);
    expect(cellWidth(truncateMiddle('준비성-프로브-엔드포인트', 11))).toBeLessThanOrEqual(11);
  });

  it('wraps Korean prose at spaces, by cells', () => {
    const lines = wrapWords('준비성 프로브가 실패하면 파드는 엔드포인트에서 빠집니다', 20);
    expect(lines).toEqual(['준비성 프로브가', '실패하면 파드는', '엔드포인트에서', '빠집니다']);
    for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(20);
    expect(wrapWords('재시작재시작', 4)).toEqual(['재시', '작재', '시작']);
  });

  it('aligns table columns holding Korean', () => {
    const columns: Column[] = [{ header: 'NAME', min: 4 }, { header: 'NOTE', min: 4, flex: true }];
    const rows = [['재시작', 'a'], ['web', 'b']];
    const fitted = fitColumns(columns, rows, 40, 2);
    const laid = rows.map((row) => layoutRow(row, fitted, 2).join(''));
    expect(laid).toEqual(['재시작  a', 'web     b']);
    expect(laid.map((text) => cellWidth(text))).toEqual([9, 9]);
  });
});

describe('fitColumns', () => {
  const columns: Column[] = [
    { header: 'NAME', min: 6, truncate: 'middle' },
    { header: 'STATUS', min: 6 },
    { header: 'AGE', min: 3, dropOrder: 1 },
    { header: 'IP', min: Number.POSITIVE_INFINITY, dropOrder: 0, extra: true },
  ];
  const rows = [['web-7d4b9c-abcde', 'Running', '12s', '10.244.0.12']];
  const width = (fitted: ReturnType<typeof fitColumns>) => layoutRow(rows[0]!, fitted, 2).join('').length;

  it('keeps everything at natural width when it fits', () => {
    const fitted = fitColumns(columns, rows, 80, 2);
    expect(fitted.map((c) => c.header)).toEqual(['NAME', 'STATUS', 'AGE', 'IP']);
    expect(layoutRow(rows[0]!, fitted, 2).join('')).toBe('web-7d4b9c-abcde  Running  12s  10.244.0.12');
  });

  it('drops an extra column rather than truncate another for it', () => {
    const fitted = fitColumns(columns, rows, 40, 2);
    expect(fitted.map((c) => c.header)).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(width(fitted)).toBeLessThanOrEqual(40);
  });

  it('truncates, then drops by dropOrder, never exceeding the width', () => {
    for (const w of [30, 24, 20, 16]) {
      const fitted = fitColumns(columns, rows, w, 2);
      expect(width(fitted)).toBeLessThanOrEqual(w);
    }
    expect(fitColumns(columns, rows, 16, 2).map((c) => c.header)).toEqual(['NAME', 'STATUS']);
  });
});

describe('header helpers', () => {
  it('formats elapsed time like a stopwatch', () => {
    expect(formatElapsed(42_400)).toBe('0:42');
    expect(formatElapsed(725_000)).toBe('12:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  it('keeps the most important parts in their order', () => {
    const parts = [
      { text: 'ctx kind', priority: 1 },
      { text: 'https://127.0.0.1:6443', priority: 5 },
      { text: '0:42', priority: 0 },
    ];
    expect(joinFitting(parts, 80, '  ').map((p) => p.text)).toEqual(['ctx kind', 'https://127.0.0.1:6443', '0:42']);
    expect(joinFitting(parts, 20, '  ').map((p) => p.text)).toEqual(['ctx kind', '0:42']);
  });
});
