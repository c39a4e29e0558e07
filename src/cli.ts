#!/usr/bin/env -S node --max-semi-space-size=8
// V8 sizes its young generation from the machine's memory (2 × 64 MB on a large machine), and a
// watch stream's short-lived objects fill it: capped at 2 × 8 MB, a 1,000-pod namespace streams
// in under 200 MB at the same speed (BENCHMARKS.md). `env -S` passes the flag (coreutils, BSD env).
// The process entry: real stdout/stderr and exit code around main().

import { main } from './main.js';
import type { Io } from './commands/command.js';
import { EXIT } from './exit-codes.js';

// React (under ink) loads its development build unless NODE_ENV says otherwise: that build checks
// and times every component render, several times the CPU of the production one. The views are
// imported later, on demand, so this is read before React is. A developer may still ask for it.
process.env.NODE_ENV ??= 'production';

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
