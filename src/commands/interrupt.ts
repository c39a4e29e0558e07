// Ctrl-C and SIGTERM become an AbortSignal. For a command that cleans up, the first one asks it to
// stop and clean up, and a second Ctrl-C while cleanup runs exits at once, after saying what may
// be left behind; for one that only reads (a watch), one press stops it.

import { EXIT } from '../exit-codes.js';
import type { Io } from './command.js';

export function interruptSignal(io: Io): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      io.err(`\n${name}: stopping and cleaning up (press Ctrl-C again to exit at once)`);
      controller.abort();
      return;
    }
    io.err('exiting before cleanup finished: run `probelab clean` to delete namespaces left behind');
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Ctrl-C and SIGTERM stop a command that only reads: there is nothing to clean up, so one press is enough. */
export function stopOnSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
