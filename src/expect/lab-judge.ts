// Judges a whole lab over one stream of observations: feeds the Timeline, keeps the step
// evaluators, and says which step is active. The live runner and `probelab replay` both drive
// it; they differ only in where observations and step starts come from.

import type { Expectation, Lab, Step } from '../lab/schema.js';
import { parseDuration } from '../lab/duration.js';
import type { Observation } from '../model/observation.js';
import { Timeline } from '../timeline/timeline.js';
import type { Transition } from '../timeline/transitions.js';
import { StepEvaluator, type ArmMoment, type FirstSign, type Prediction, type StepVerdict } from './step.js';
import { worldOf, type World } from './world.js';

/**
 * The probe-timing oracle's prediction for an item (its window, and the deadline `within: auto`
 * gives it; a bare number is the deadline only): for the whole step when `expectation` is undefined. `moment` is when the step's actions were done, with the world then
 * (how long the target container had been running decides whether its initial delay still counts).
 */
export type AutoWithin = (expectation: Expectation | undefined, step: Step, stepIndex: number, moment: ArmMoment) => number | Prediction;

export interface LabJudgeOptions {
  autoWithin: AutoWithin;
  /**
   * Re-check every item on every observation instead of only those that read what the
   * observation touched, over a timeline that holds every object whole and a world that reads
   * every pod and event instead of its indexes: slower, and the test oracle the incremental
   * judge, the compact views and the indexes are held equal to.
   */
  plain?: boolean;
}

/** `$picked` and `$alias` → pod name, counting its changes: a binding changes what items read. */
export class BindingMap extends Map<string, string> {
  #version = 0;

  get version(): number {
    return this.#version;
  }

  override set(key: string, value: string): this {
    if (this.get(key) !== value) this.#version++;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.has(key)) this.#version++;
    return super.delete(key);
  }

  override clear(): void {
    this.#version++;
    super.clear();
  }
}

export class LabJudge {
  readonly timeline: Timeline;
  readonly #lab: Lab;
  readonly #options: LabJudgeOptions;
  readonly #verdicts: (StepVerdict | undefined)[];
  #active: { index: number; evaluator: StepEvaluator } | undefined;
  /** `$picked` and `$alias` → pod name; actions set them, expectations read them. */
  readonly bindings = new BindingMap();
  /** The bindings' version the active step was last judged with. */
  #judgedBindings = 0;

  constructor(lab: Lab, options: LabJudgeOptions) {
    this.#lab = lab;
    this.#options = options;
    this.timeline = new Timeline({ compact: !options.plain });
    this.#verdicts = lab.spec.steps.map(() => undefined);
  }

  /** The verdict of every step so far (undefined: not started). */
  get verdicts(): readonly (StepVerdict | undefined)[] {
    return this.#verdicts.map((verdict, index) => (this.#active?.index === index ? this.#active.evaluator.verdict : verdict));
  }

  get activeStep(): number | undefined {
    return this.#active?.index;
  }

  world(now?: number): World {
    return worldOf(this.timeline, now, this.#options.plain);
  }

  /** Begins judging step `index` at `at`, before its actions run (see StepEvaluator). */
  beginStep(index: number, at: number): StepVerdict {
    const step = this.#lab.spec.steps[index]!;
    const evaluator = new StepEvaluator(step, this.world(at), {
      startedAt: at,
      bindings: this.bindings,
      autoWithin: (expectation, moment) => this.#options.autoWithin(expectation, step, index, moment),
      holdMs: step.hold ? parseDuration(step.hold) : undefined,
    });
    this.#active = { index, evaluator };
    this.#judgedBindings = this.bindings.version;
    return this.#settle();
  }

  /** The active step's actions are done at `at` (or, hands-on, `sign` was first seen then): its deadlines start. */
  armStep(at: number, sign?: FirstSign): StepVerdict | undefined {
    if (!this.#active) return undefined;
    this.#active.evaluator.arm(at, this.world(at), sign);
    this.#judgedBindings = this.bindings.version;
    return this.#settle();
  }

  /** Begins and arms step `index` at `at`: a step whose actions already ran, or that has none. */
  startStep(index: number, at: number): StepVerdict {
    this.beginStep(index, at);
    return this.armStep(at)!;
  }

  /** Applies one observation; returns the transitions it caused and the active step's verdict. */
  observe(observation: Observation): { transitions: Transition[]; verdict?: StepVerdict } {
    const { transitions, touched } = this.timeline.update(observation);
    if (!this.#active) return { transitions };
    const world = this.world(observation.at);
    const rebound = this.bindings.version !== this.#judgedBindings;
    this.#judgedBindings = this.bindings.version;
    this.#active.evaluator.observe(world, () => describeObservation(observation), this.#options.plain || rebound ? undefined : touched);
    this.#active.evaluator.expire(observation.at, world);
    return { transitions, verdict: this.#settle() };
  }

  /** Applies the clock between observations. */
  expire(now: number): StepVerdict | undefined {
    if (!this.#active) return undefined;
    this.#active.evaluator.expire(now, this.world(now));
    return this.#settle();
  }

  /** Ends the active step as failed because the run stopped before it settled. */
  abandon(at: number, reason: string): StepVerdict | undefined {
    if (!this.#active) return undefined;
    const verdict = this.#active.evaluator.verdict;
    const failed: StepVerdict = { ...verdict, state: 'failed', at, reason, evidence: verdict.evidence };
    this.#verdicts[this.#active.index] = failed;
    this.#active = undefined;
    return failed;
  }

  #settle(): StepVerdict {
    const active = this.#active!;
    const verdict = active.evaluator.verdict;
    if (verdict.state !== 'pending') {
      this.#verdicts[active.index] = verdict;
      this.#active = undefined;
    }
    return verdict;
  }
}

export function describeObservation(observation: Observation): string {
  switch (observation.kind) {
    case 'watch':
      return `${observation.resource} ${observation.type} ${observation.object.metadata.name}${observation.synthetic ? ' (relist)' : ''}`;
    case 'action':
      return `action ${observation.action}${observation.pod ? ` ${observation.pod}` : ''}`;
    case 'note':
      return `note: ${observation.text}`;
  }
}
