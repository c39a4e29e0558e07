// Reads a Workshop file: YAML, schema, then every lab it names (through loadLab, so a broken lab
// reports its own file:line:col). Problems in the workshop file come back as LabErrors with the
// field path, printed like lab files' problems.

import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDuration } from '../lab/duration.js';
import { loadLab, type LoadedLab } from '../lab/load.js';
import { checkSource, readSource, type LabError } from '../lab/yaml-source.js';
import { Workshop, WORKSHOP_KEYS } from './schema.js';

export interface WorkshopEntry {
  /** The lab file as written in the workshop. */
  path: string;
  loaded: LoadedLab;
  /** From the entry's timeout; undefined keeps the lab's own spec.timeout. */
  timeoutMs?: number;
  /** May run beside other labs. */
  parallel: boolean;
  /** Why the lab is left out, when it is. */
  skip?: string;
}

export interface LoadedWorkshop {
  file: string;
  workshop: Workshop;
  /** In the workshop's order. */
  entries: WorkshopEntry[];
}

export type WorkshopLoadResult = { ok: true; loaded: LoadedWorkshop } | { ok: false; errors: LabError[] };

export async function loadWorkshop(file: string): Promise<WorkshopLoadResult> {
  const source = await readSource(file, 'workshop');
  if (!source.ok) return source;
  const checked = checkSource(source.text, file, 'workshop', Workshop, () => WORKSHOP_KEYS);
  if (!checked.ok) return checked;
  const { locate } = checked;
  const workshop = checked.value;

  const errors: LabError[] = [];
  const entries: WorkshopEntry[] = [];
  const names = new Map<string, number>();
  for (const [i, entry] of workshop.spec.labs.entries()) {
    const labFile = resolve(dirname(file), entry.lab);
    const where = ['spec', 'labs', i, 'lab'];
    try {
      await access(labFile);
    } catch (error) {
      errors.push(locate({ path: where, message: `lab file ${JSON.stringify(entry.lab)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }));
      continue;
    }
    const result = await loadLab(labFile);
    if (!result.ok) {
      errors.push(locate({ path: where, message: `lab ${entry.lab} is not valid (its problems follow)` }), ...result.errors);
      continue;
    }
    const name = result.loaded.lab.metadata.name;
    const first = names.get(name);
    if (first !== undefined) {
      errors.push(locate({ path: where, message: `lab ${name} is already listed at spec.labs[${String(first)}]` }));
      continue;
    }
    names.set(name, i);
    entries.push({
      path: entry.lab,
      loaded: result.loaded,
      timeoutMs: entry.timeout === undefined ? undefined : parseDuration(entry.timeout),
      parallel: entry.parallel,
      skip: entry.skip === true ? 'skipped' : typeof entry.skip === 'string' ? entry.skip : undefined,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, loaded: { file, workshop, entries } };
}
