// Ctrl-C and SIGTERM become an AbortSignal. For a command that cleans up, the first one asks it to
// stop and clean up, and a second one while cleanup runs exits at once, after saying what may be
// left behind (the live view, which reads Ctrl-C as a key, calls exitNow() for its second press);
// for one that only reads (a watch), one press stops it.

import { EXIT } from '../exit-codes.js';
import type { Io } from './command.js';

export interface Interrupt {
  signal: AbortSignal;
  /** Leaves now, cleanup unfinished, after saying what may be left. */
  exitNow(): void;
  dispose(): void;
}

const DEFAULT_LEFT = ['run `probelab clean` to delete namespaces left behind'];

/** `leftBehind` says, at that moment, what an exit now would leave and how to delete it. */
export function interruptSignal(io: Io, leftBehind: () => string[] = () => DEFAULT_LEFT, exit: (code: number) => void = (code) => process.exit(code)): Interrupt {
  const controller = new AbortController();
  const exitNow = () => {
    const left = leftBehind();
    io.err(`exiting before cleanup finished${left.length === 0 ? '' : ':'}`);
    for (const line of left) io.err(`  ${line}`);
    exit(EXIT.interrupted);
  };
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      io.err(`\n${name}: stopping and cleaning up (press Ctrl-C again to exit at once)`);
      controller.abort();
      return;
    }
    exitNow();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    exitNow,
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
