// A lab's expected duration for `probelab list` on a warm node: per step, the slowest
// expectation's latest time as the oracle predicts it (no slack; a step that starts containers
// adds a typical container start), or its deadline where the oracle cannot time it, plus sleeps.

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
    // Intermediate states the oracle cannot time (Init:0/2 before Running) come before a state it
    // can: the step takes as long as its slowest timed expectation, or its deadline if none is timed.
    let timed = 0;
    let untimed = 0;
    for (const expectation of [...(step.expect ?? []), ...(step.sequence ?? [])]) {
      const found = consequenceFor(expectation, step, steps, all);
      let predicted: number | undefined;
      if (found) {
        try {
          predicted = predict(found.consequence).latestMs + (found.fromStart ? TYPICAL_CONTAINER_START_MS : 0);
        } catch (error) {
          if (!(error instanceof OracleError)) throw error;
        }
      }
      const within = expectation.within ?? step.within;
      if (predicted !== undefined) timed = Math.max(timed, predicted);
      else untimed = Math.max(untimed, within && within !== 'auto' ? parseDuration(within) : UNTIMED_STEP_MS);
    }
    const slowest = timed > 0 ? timed : untimed;
    total += stepMs + slowest + (step.hold ? parseDuration(step.hold) : 0);
  }
  return total;
}
