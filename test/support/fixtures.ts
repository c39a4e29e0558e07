// Access to the real-cluster recordings in ../shared/fixtures (beside the repository).

import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseRecording, type Recording } from '../../src/recording/format.js';
import { loadLab, type LoadedLab } from '../../src/lab/load.js';

export const fixturesDir = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function fixtureNames(): Promise<string[]> {
  return (await readdir(fixturesDir)).filter((name) => name.endsWith('.jsonl')).map((name) => name.replace(/\.jsonl$/, '')).sort();
}

export async function readFixture(name: string): Promise<Recording> {
  const file = `${fixturesDir}${name}.jsonl`;
  return parseRecording(await readFile(file, 'utf8'), file);
}

export async function loadCatalogueLab(name: string): Promise<LoadedLab> {
  const result = await loadLab(`${repoRoot}labs/${name}.yaml`);
  if (!result.ok) throw new Error(`labs/${name}.yaml is invalid: ${JSON.stringify(result.errors)}`);
  return result.loaded;
}
