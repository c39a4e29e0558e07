// Runs several labs, at most `parallel` at a time, each in its own namespace, and says what the
// whole run exits with.

import { EXIT } from '../exit-codes.js';
import type { LoadedLab } from '../lab/load.js';
import type { LabResult } from './events.js';

export async function runPool(labs: LoadedLab[], parallel: number, run: (loaded: LoadedLab, index: number) => Promise<LabResult>, signal: AbortSignal): Promise<LabResult[]> {
  const results: LabResult[] = new Array(labs.length);
  let next = 0;
  const worker = async () => {
    while (next < labs.length && !signal.aborted) {
      const index = next++;
      results[index] = await run(labs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, labs.length)) }, worker));
  return results.filter((result) => result !== undefined);
}

/** 130 interrupted; else the most serious lab error (3 cluster, 2 input); else 1 if anything failed. */
export function exitCodeFor(results: LabResult[], interrupted: boolean): number {
  if (interrupted || results.some((r) => r.outcome === 'interrupted')) return EXIT.interrupted;
  const errors = results.filter((r) => r.outcome === 'error').map((r) => r.errorExitCode ?? EXIT.failed);
  if (errors.includes(EXIT.cluster)) return EXIT.cluster;
  if (errors.includes(EXIT.badInput)) return EXIT.badInput;
  return results.every((r) => r.outcome === 'passed') ? EXIT.ok : EXIT.failed;
}
