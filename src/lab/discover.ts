// Which files a command works on: files named as they are, directories searched for lab files.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../exit-codes.js';

const YAML_FILE = /\.ya?ml$/;

/** Expands directories to the YAML files under them (sorted); files pass through. */
export async function discoverLabFiles(targets: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch {
      throw new UserError(`${target}: no such file or directory`);
    }
    if (info.isDirectory()) {
      const found = (await readdir(target, { recursive: true })).filter((name) => YAML_FILE.test(name)).sort();
      if (found.length === 0) throw new UserError(`${target}: no lab files (*.yaml) in this directory`);
      files.push(...found.map((name) => join(target, name)));
    } else {
      files.push(target);
    }
  }
  return files;
}
