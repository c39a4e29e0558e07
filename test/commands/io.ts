// A capturing Io for driving main() in tests the way a shell would.

import type { Io } from '../../src/commands/command.js';

export interface CapturedIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function captureIo(overrides: Partial<Io> = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    ...overrides,
  };
}
