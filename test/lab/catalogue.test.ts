// The shipped catalogue: every lab validates (schema, manifests, references), every manifest
// parses into Kubernetes objects, every lab points editors at the committed JSON Schema, and
// that schema is the one `probelab schema` prints today.

import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { formatLabError, loadLab } from '../../src/lab/load.js';
import { labJsonSchema } from '../../src/lab/schema.js';
import type { LabTexts } from '../../src/lab/texts.js';
import type { LocalText } from '../../src/i18n/local-text.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const labFiles = (await readdir(`${root}labs`)).filter((name) => name.endsWith('.yaml')).sort();
const manifestFiles = (await readdir(`${root}manifests`)).filter((name) => name.endsWith('.yaml')).sort();

describe('lab catalogue', () => {
  it.each(labFiles)('labs/%s validates', async (name) => {
    const result = await loadLab(`${root}labs/${name}`);
    expect(result.ok ? [] : result.errors.map(formatLabError)).toEqual([]);
    if (result.ok) expect(result.loaded.lab.metadata.name).toBe(name.replace(/\.yaml$/, ''));
  });

  it.each(labFiles)('labs/%s references the JSON Schema for editors', async (name) => {
    const text = await readFile(`${root}labs/${name}`, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../lab.schema.json');
  });

  it.each(manifestFiles)('manifests/%s parses into Kubernetes objects', async (name) => {
    const docs = parseAllDocuments(await readFile(`${root}manifests/${name}`, 'utf8'));
    const objects = docs.map((doc) => {
      expect('errors' in doc ? doc.errors : []).toEqual([]);
      return doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } } | null;
    }).filter((object) => object !== null);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(object).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String), metadata: { name: expect.any(String) } });
    }
  });

  it.each(labFiles)('labs/%s has Korean for every text a learner reads', async (name) => {
    const result = await loadLab(`${root}labs/${name}`);
    if (!result.ok) throw new Error(result.errors.map(formatLabError).join('\n'));
    const missing = untranslated(result.loaded.texts);
    expect(missing).toEqual([]);
  });

  it('lab.schema.json is what `probelab schema` prints', async () => {
    const committed: unknown = JSON.parse(await readFile(`${root}lab.schema.json`, 'utf8'));
    expect(committed).toEqual(labJsonSchema());
  });
});

/** Where a lab's texts have no Korean of their own (a Hangul-free `ko` counts as none). */
function untranslated(texts: LabTexts): string[] {
  const hangul = (text: LocalText | undefined) => typeof text === 'object' && text.ko !== undefined && /[\uac00-\ud7a3]/.test(text.ko);
  const missing: string[] = [];
  if (!hangul(texts.title)) missing.push('title');
  if (!hangul(texts.learn)) missing.push('learn');
  if (texts.explain !== undefined && !hangul(texts.explain)) missing.push('explain');
  texts.steps.forEach((step, i) => {
    if (!hangul(step.name)) missing.push(`steps[${i}].name`);
    if (step.explain !== undefined && !hangul(step.explain)) missing.push(`steps[${i}].explain`);
  });
  if (texts.task !== undefined && !hangul(texts.task)) missing.push('exercise.task');
  texts.checks.forEach((name, i) => {
    if (name !== undefined && !hangul(name)) missing.push(`verify.checks[${i}].name`);
  });
  return missing;
}
