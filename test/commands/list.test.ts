// probelab list: the catalogue as a table, its titles in the reader's language, every column
// starting in the same terminal column whatever the width of a Korean title.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { cellWidth } from '../../src/ui/text.js';
import { repoRoot } from '../support/fixtures.js';
import { captureIo } from './io.js';

const labs = `${repoRoot}labs`;

/** Where each column starts, in terminal cells, on one row. */
function columnStarts(line: string): number[] {
  const starts: number[] = [0];
  for (const match of line.matchAll(/ {2,}(?=\S)/g)) starts.push(cellWidth(line.slice(0, match.index + match[0].length)));
  return starts;
}

describe('probelab list', () => {
  it('titles the labs in Korean with --lang ko, columns aligned in terminal cells', async () => {
    const io = captureIo();
    expect(await main(['list', labs, '--lang', 'ko'], io)).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines[0]).toMatch(/^NAME +TITLE +PROBES +FAULTS +EST\.$/);
    expect(lines.find((line) => line.startsWith('readiness-exec '))).toContain('준비성 프로브가 파드를 서비스에서 뺀다');
    const titleAt = columnStarts(lines[0]!)[1];
    const probesAt = columnStarts(lines[0]!)[2];
    for (const line of lines.slice(1)) {
      expect(columnStarts(line)[1], line).toBe(titleAt);
      // PROBES starts after the title column for every lab that declares probes.
      if (!/^init-containers|^lifecycle-hooks/.test(line)) expect(columnStarts(line)[2], line).toBe(probesAt);
    }
  });

  it('follows the locale, and keeps English without one', async () => {
    const korean = captureIo({ env: { LANG: 'ko_KR.UTF-8' } });
    await main(['list', labs], korean);
    expect(korean.stdout.join('\n')).toContain('준비성 프로브가 파드를 서비스에서 뺀다');
    const english = captureIo();
    await main(['list', labs], english);
    expect(english.stdout.join('\n')).toContain('Readiness probe drops a pod from the Service');
    expect(english.stdout.join('\n')).not.toMatch(/[가-힣]/);
  });
});
