// Ctrl-C and SIGTERM become an AbortSignal: the first one asks the command to stop and clean up;
// a second Ctrl-C while cleanup runs exits at once, after saying what may be left behind.

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
