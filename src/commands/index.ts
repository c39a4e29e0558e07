// Every sub-command, in the order `probelab --help` lists them. Modules load lazily so that
// `probelab --help` stays fast and one command's dependencies (ink, the Kubernetes client) are
// not paid for by another.

import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'validate', summary: 'check lab files (schema, manifests) and print every problem', load: async () => (await import('./validate.js')).command },
  { name: 'schema', summary: 'print the lab file JSON Schema (for editors)', load: async () => (await import('./schema.js')).command },
];
