// Reads a command back the way a POSIX shell (sh) does: what a learner gets by pasting it.

import { execFileSync } from 'node:child_process';

/** The arguments sh passes to the program of `command` (its first word), read by printf instead. */
export function shellWords(command: string): string[] {
  const program = /^\s*\S+/.exec(command)![0];
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${command.slice(program.length)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}
