// What a lab run reports as it goes: the UI, the headless log and the reporters all consume
// these, and nothing else, so they can never disagree about what happened.

import type { Action } from '../lab/schema.js';
import type { LoadedLab } from '../lab/load.js';
import type { StepVerdict } from '../expect/step.js';
import type { ActionObservation, Observation } from '../model/observation.js';
import type { AppliedCleanup, AppliedObject, NamespaceCleanup, WatchHealth } from '../cluster/port.js';
import type { Transition } from '../timeline/transitions.js';
import type { HandsOnTurn } from './hands-on.js';
import type { WatchGap } from './watch-gaps.js';

/** The namespace was kept (--keep); in a namespace the user named, `deleteWith` deletes the run's objects by label. */
export interface KeptCleanup {
  namespace: string;
  kept: true;
  deleteWith?: string;
}

export type LabCleanup = NamespaceCleanup | KeptCleanup | AppliedCleanup;

export type RunEvent =
  /**
   * `runSelector` is set in a namespace the user named: the label selector of what this run applies.
   * `existing` is set when the run only reads a namespace it neither created nor applies into
   * (`verify --exercise`, `run --replay`).
   */
  | { kind: 'started'; at: number; lab: string; namespace: string; runSelector?: string; existing?: boolean }
  | { kind: 'applied'; at: number; objects: AppliedObject[] }
  | { kind: 'observation'; at: number; observation: Observation; transitions: Transition[] }
  /** `gap` is set when this report cuts a watch or ends its outage (what the reports print). */
  | { kind: 'watchHealth'; at: number; health: WatchHealth; gap?: WatchGap }
  | { kind: 'stepStarted'; at: number; index: number; verdict: StepVerdict }
  | { kind: 'action'; at: number; index: number; action: Action; result: ActionObservation }
  /** Hands-on mode: the learner's turn in step `index` as it stands (commands shown, first sign, hint, clock started). */
  | { kind: 'handsOn'; at: number; index: number; turn: HandsOnTurn }
  | { kind: 'verdict'; at: number; index: number; verdict: StepVerdict }
  | { kind: 'cleanup'; at: number; cleanup: LabCleanup }
  | { kind: 'finished'; at: number; result: LabResult };

export type LabOutcome = 'passed' | 'failed' | 'interrupted' | 'error';

export interface LabResult {
  lab: string;
  title: string;
  file: string;
  namespace?: string;
  outcome: LabOutcome;
  startedAt: number;
  finishedAt: number;
  /** One per step of the lab; undefined for steps that did not run. */
  verdicts: (StepVerdict | undefined)[];
  stepNames: string[];
  /** Why the run stopped outside any step (apply failed, cluster error, interrupted). */
  error?: string;
  /** The exit code that error calls for (2 bad input, 3 cluster unreachable or forbidden). */
  errorExitCode?: number;
  /** Every observation and action, in order (for --record and the JSON report). */
  observations: Observation[];
  transitions: Transition[];
  /** Each watch outage: when it was cut and why, when it was back and what a relist found. */
  watchGaps?: WatchGap[];
  cleanup?: LabCleanup;
  /** Hands-on mode: each step's turn (undefined for a step without one, or that did not run). */
  handsOn?: (HandsOnTurn | undefined)[];
}

export type RunListener = (event: RunEvent) => void;

export function resultSkeleton(loaded: LoadedLab, startedAt: number): LabResult {
  return {
    lab: loaded.lab.metadata.name,
    title: loaded.lab.metadata.title,
    file: loaded.file,
    outcome: 'error',
    startedAt,
    finishedAt: startedAt,
    verdicts: loaded.lab.spec.steps.map(() => undefined),
    stepNames: loaded.lab.spec.steps.map((step) => step.name),
    observations: [],
    transitions: [],
  };
}
