// A lab's expected duration for `probelab list`: per step, the slowest expectation's latest time
// as the oracle predicts it (no slack), a fixed `within` counted in full, plus sleeps; a step
// that starts containers adds a typical container start.

import { consequenceFor, templates } from '../expect/auto-within.js';
import { predict, OracleError } from '../probes/oracle.js';
import { parseDuration } from './duration.js';
import type { LoadedLab } from './load.js';

/** Pulling a cached image and starting a container on a laptop cluster. */
const TYPICAL_CONTAINER_START_MS = 5_000;
/** An expectation the oracle cannot time and that has no fixed deadline. */
const UNTIMED_STEP_MS = 10_000;

export function estimateLabMs(loaded: LoadedLab): number {
  const all = templates(loaded);
  const steps = loaded.lab.spec.steps;
  let total = 0;
  for (const step of steps) {
    let stepMs = 0;
    for (const action of step.do ?? []) if ('sleep' in action) stepMs += parseDuration(action.sleep);
    let slowest = 0;
    for (const expectation of [...(step.expect ?? []), ...(step.sequence ?? [])]) {
      const within = expectation.within ?? step.within;
      let ms = UNTIMED_STEP_MS;
      if (within && within !== 'auto') {
        ms = parseDuration(within);
      } else {
        const found = consequenceFor(expectation, step, steps, all);
        if (found) {
          try {
            ms = predict(found.consequence).latestMs + (found.fromStart ? TYPICAL_CONTAINER_START_MS : 0);
          } catch (error) {
            if (!(error instanceof OracleError)) throw error;
          }
        }
      }
      slowest = Math.max(slowest, ms);
    }
    total += stepMs + slowest + (step.hold ? parseDuration(step.hold) : 0);
  }
  return total;
}
