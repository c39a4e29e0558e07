// Ties a Cleanup to the process: SIGINT / SIGTERM, an uncaught exception or unhandled rejection,
// and the event loop running dry ('beforeExit') all run the cleanups once before the process
// ends. A second Ctrl-C while cleaning up exits at once.

import { EXIT } from '../exit-codes.js';
import type { Cleanup, CleanupOutcome } from './cleanup.js';

/** The slice of `process` this needs, so tests can pass an EventEmitter. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export interface ProcessCleanupOptions {
  process?: ProcessLike;
  /** Told about every cleanup that failed and about why the process is ending. */
  report?: (text: string) => void;
}

export function installProcessCleanup(cleanup: Cleanup, options: ProcessCleanupOptions = {}): () => void {
  const proc: ProcessLike = options.process ?? (process as unknown as ProcessLike);
  const report = options.report ?? ((text: string) => process.stderr.write(`${text}\n`));
  const describe = (outcomes: CleanupOutcome[]): void => {
    for (const outcome of outcomes) if (outcome.error) report(`cleanup "${outcome.label}" failed: ${outcome.error.message}`);
  };
  let interrupted = false;
  const onSignal = (signal: unknown): void => {
    if (interrupted) {
      report(`${String(signal)} again: exiting without finishing cleanup (left: ${cleanup.pending.join(', ') || 'nothing'})`);
      proc.exit(EXIT.interrupted);
      return;
    }
    interrupted = true;
    report(`${String(signal)}: cleaning up (${cleanup.pending.join(', ') || 'nothing to do'}); press Ctrl-C again to skip`);
    void cleanup.run().then((outcomes) => {
      describe(outcomes);
      proc.exit(EXIT.interrupted);
    });
  };
  const onFatal = (error: unknown): void => {
    report(`probelab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void cleanup.run().then((outcomes) => {
      describe(outcomes);
      proc.exit(EXIT.failed);
    });
  };
  const onBeforeExit = (): void => {
    if (cleanup.started) return;
    void cleanup.run().then(describe);
  };
  const listeners: [string, (...args: unknown[]) => void][] = [
    ['SIGINT', onSignal],
    ['SIGTERM', onSignal],
    ['uncaughtException', onFatal],
    ['unhandledRejection', onFatal],
    ['beforeExit', onBeforeExit],
  ];
  for (const [event, listener] of listeners) proc.on(event, listener);
  return () => {
    for (const [event, listener] of listeners) proc.off(event, listener);
  };
}
