// The shape every sub-command module exports. Options are declared for node:util parseArgs so the
// parser, the types and `probelab <command> --help` come from one place.

import type { ParseArgsOptionsConfig } from 'node:util';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is an interactive terminal. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** `probelab <name> <usage>` */
  usage: string;
  /** A paragraph for per-command help. */
  description: string;
  options: ParseArgsOptionsConfig;
  /** One line per option, shown in per-command help, keyed like `options`. */
  optionHelp: Record<string, string>;
  run(args: ParsedArgs, io: Io): Promise<number>;
}
