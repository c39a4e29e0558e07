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
    // Exit now rather than when the event loop drains: a request aborted at its timeout can leave
    // a half-open TLS socket behind for seconds (a server that accepts and never answers), and by
    // now every cleanup has finished. Writes to a terminal, file or pipe are synchronous on Linux.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`probelab: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.failed;
  },
);
