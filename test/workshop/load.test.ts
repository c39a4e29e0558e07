// The Workshop file format: the shipped workshop, and the problems a broken one reports.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverLabFiles } from '../../src/lab/discover.js';
import { loadWorkshop } from '../../src/workshop/load.js';
import { repoRoot } from '../support/fixtures.js';

function workshopFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-workshop-'));
  const file = path.join(dir, 'w.yaml');
  writeFileSync(file, text);
  return file;
}

const labs = (name: string) => path.join(repoRoot, 'labs', `${name}.yaml`);

describe('workshops/health-checks.yaml', () => {
  it('covers the whole catalogue once, from the defaults to the exam', async () => {
    const result = await loadWorkshop(path.join(repoRoot, 'workshops/health-checks.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const { entries, workshop } = result.loaded;
    const catalogue = (await discoverLabFiles([path.join(repoRoot, 'labs')])).map((file) => path.basename(file, '.yaml'));
    expect(entries.map((e) => e.loaded.lab.metadata.name).sort()).toEqual([...catalogue].sort());
    expect(entries[0]!.loaded.lab.metadata.name).toBe('liveness-defaults');
    expect(entries.at(-1)!.loaded.lab.metadata.name).toBe('liveness-exam');
    expect(workshop.spec.parallel).toBe(4);
    expect(entries.filter((e) => !e.parallel).map((e) => e.loaded.lab.metadata.name)).toEqual(['readiness-hostpath']);
    expect(entries.find((e) => e.loaded.lab.metadata.name === 'liveness-grpc')!.timeoutMs).toBe(360_000);
    expect(entries.every((e) => e.skip === undefined)).toBe(true);
  });
});

describe('loadWorkshop problems', () => {
  const head = 'apiVersion: probelab.dev/v1\nkind: Workshop\nmetadata: { name: w }\n';

  it('reads entries: timeout, parallel default true, skip with or without a reason', async () => {
    const file = workshopFile(`${head}spec:\n  labs:\n    - lab: ${labs('liveness-exam')}\n      timeout: 90s\n    - { lab: ${labs('readiness-gate')}, skip: true }\n    - { lab: ${labs('init-containers')}, skip: "no nginx mirror", parallel: false }\n`);
    const result = await loadWorkshop(file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.loaded.workshop.spec.parallel).toBe(1);
    expect(result.loaded.entries.map((e) => [e.loaded.lab.metadata.name, e.timeoutMs, e.parallel, e.skip])).toEqual([
      ['liveness-exam', 90_000, true, undefined],
      ['readiness-gate', undefined, true, 'skipped'],
      ['init-containers', undefined, false, 'no nginx mirror'],
    ]);
  });

  it('holds one YAML document, as a lab file does', async () => {
    const file = workshopFile(`${head}spec:\n  labs:\n    - lab: ${labs('liveness-exam')}\n---\nkind: Workshop\n`);
    const result = await loadWorkshop(file);
    expect(!result.ok && result.errors.map((e) => [e.line, e.column, e.message])).toEqual([[7, 1, 'a workshop file holds one YAML document; found another after "---"']]);
  });

  it('reports schema problems with the field path and a did-you-mean', async () => {
    const file = workshopFile(`${head}spec:\n  paralel: 2\n  labs:\n    - lab: ${labs('liveness-exam')}\n      timeout: soon\n`);
    const result = await loadWorkshop(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.file, e.path, e.message])).toEqual([
      [file, 'spec.labs[0].timeout', 'expected a duration like "30s", "4m" or "1m30s", got "soon"'],
      [file, 'spec.paralel', 'unknown key "paralel" (did you mean "parallel"?)'],
    ]);
    const headLines = head.split('\n').length - 1;
    expect(result.errors.map((e) => [e.line - headLines, e.column])).toEqual([
      [5, 16],
      [2, 3],
    ]);
  });

  it('refuses a Lab passed as a workshop, and an empty lab list', async () => {
    const lab = await loadWorkshop(labs('liveness-exam'));
    expect(!lab.ok && lab.errors.map((e) => `${e.path}: ${e.message}`)).toContain('kind: expected "Workshop", got "Lab"');
    const empty = await loadWorkshop(workshopFile(`${head}spec: { labs: [] }\n`));
    expect(!empty.ok && empty.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['spec.labs: expected at least 1 item, got 0']);
  });

  it('names a lab file that is missing, listed twice, or invalid (with the lab file’s own positions)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'probelab-workshop-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: probelab.dev/v1\nkind: Lab\nmetadata: { name: broken, title: B }\nspec:\n  learn: x\n  manifests: [nothing.yaml]\n  steps: [{ name: s }]\n');
    const file = path.join(dir, 'w.yaml');
    writeFileSync(file, `${head}spec:\n  labs:\n    - lab: missing.yaml\n    - lab: ${labs('liveness-exam')}\n    - lab: ${labs('liveness-exam')}\n    - lab: broken.yaml\n`);
    const result = await loadWorkshop(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [path.basename(e.file), e.path, e.message])).toEqual([
      ['w.yaml', 'spec.labs[0].lab', 'lab file "missing.yaml" cannot be read (ENOENT)'],
      ['w.yaml', 'spec.labs[2].lab', 'lab liveness-exam is already listed at spec.labs[1]'],
      ['w.yaml', 'spec.labs[3].lab', 'lab broken.yaml is not valid (its problems follow)'],
      ['broken.yaml', 'spec.manifests[0]', 'manifest "nothing.yaml" cannot be read (ENOENT)'],
    ]);
    expect(result.errors[3]).toMatchObject({ line: 6, column: 15 });
  });
});
