// probelab's own user config (~/.config/probelab/config.yaml, or $PROBELAB_CONFIG): for now only
// the contexts the user allows fault injection on.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { EXIT, UserError } from '../exit-codes.js';

export interface ProbelabConfig {
  allowContexts: string[];
}

export function probelabConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  if (env.PROBELAB_CONFIG) return path.resolve(env.PROBELAB_CONFIG);
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'probelab', 'config.yaml');
}

export function parseProbelabConfig(text: string, file: string): ProbelabConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid YAML: ${(error as Error).message}`, EXIT.badInput);
  }
  if (data === null || data === undefined) return { allowContexts: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file}: expected a mapping with allowContexts: [..]`, EXIT.badInput);
  }
  const allow = (data as Record<string, unknown>).allowContexts;
  if (allow === undefined || allow === null) return { allowContexts: [] };
  if (!Array.isArray(allow) || !allow.every((name) => typeof name === 'string')) {
    throw new UserError(`${file}: allowContexts must be a list of context names`, EXIT.badInput);
  }
  return { allowContexts: allow };
}

/** A missing file is an empty config; an unreadable or malformed one is an error. */
export async function loadProbelabConfig(file: string): Promise<ProbelabConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { allowContexts: [] };
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`, EXIT.badInput);
  }
  return parseProbelabConfig(text, file);
}
