#!/usr/bin/env node
// The process entry: real stdout/stderr and exit code around main().

import { main } from './main.js';
import type { Io } from './commands/command.js';
import { EXIT } from './exit-codes.js';

const io: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`probelab: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.failed;
  },
);
