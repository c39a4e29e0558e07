// What each step of a finished lab came to, in the terms every report uses: passed, failed,
// error (the run broke down while the step was active: a cluster error, an interrupt) or skipped
// (it never ran). One place decides this so the summary table, JUnit, TAP and JSON agree.

import type { StepVerdict } from '../expect/step.js';
import type { LabResult } from '../runner/events.js';

export type StepResult = 'passed' | 'failed' | 'error' | 'skipped';

export interface StepOutcome {
  /** 0-based position in the lab. */
  index: number;
  name: string;
  result: StepResult;
  /** The verdict as judged; undefined for a step that never ran. */
  verdict?: StepVerdict;
  /** Why it failed, errored or was skipped (one sentence). */
  message?: string;
  durationMs: number;
}

export interface LabOutcomes {
  steps: StepOutcome[];
  /** The run's own error when no step carries it (namespace or apply failed, error between steps). */
  labError?: string;
  counts: Record<StepResult, number>;
}

/** The message that ended a lab that neither passed nor failed, if any. */
export function runError(result: LabResult): string | undefined {
  if (result.outcome === 'error') return result.error ?? 'the run stopped with an error';
  if (result.outcome === 'interrupted') return result.error ?? 'interrupted';
  return undefined;
}

export function labOutcomes(result: LabResult): LabOutcomes {
  const error = runError(result);
  // LabJudge.abandon() fails the active step with the run's error as its reason: that step is
  // where the error happened. Otherwise the error belongs to the lab, outside any step.
  const carrier = error === undefined ? -1 : result.verdicts.findIndex((v) => v?.state === 'failed' && v.reason === error);
  let firstFailure: number | undefined;
  const steps = result.stepNames.map((name, index): StepOutcome => {
    const verdict = result.verdicts[index];
    if (verdict === undefined) {
      return { index, name, result: 'skipped', message: skipMessage(error, firstFailure), durationMs: 0 };
    }
    const durationMs = Math.max(0, (verdict.at ?? result.finishedAt) - verdict.startedAt);
    if (index === carrier) return { index, name, result: 'error', verdict, message: error, durationMs };
    if (verdict.state === 'passed') return { index, name, result: 'passed', verdict, durationMs };
    firstFailure ??= index;
    const message = verdict.reason ?? (verdict.state === 'pending' ? 'the step did not finish before the run ended.' : 'the step failed.');
    return { index, name, result: 'failed', verdict, message, durationMs };
  });
  const counts: Record<StepResult, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const step of steps) counts[step.result]++;
  return { steps, labError: error !== undefined && carrier === -1 ? error : undefined, counts };
}

function skipMessage(error: string | undefined, firstFailure: number | undefined): string {
  if (error !== undefined) return `not run: the run stopped (${error})`;
  if (firstFailure !== undefined) return `not run: step ${firstFailure + 1} failed`;
  return 'not run';
}

/** Labs that passed and labs that did not (failed, error, interrupted). */
export function labTally(results: LabResult[]): { passed: number; failed: number } {
  const passed = results.filter((r) => r.outcome === 'passed').length;
  return { passed, failed: results.length - passed };
}
