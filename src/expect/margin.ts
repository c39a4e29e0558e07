// How much room a passed step left before its deadlines: a pass with little to spare will fail on
// a slower run. For each awaited item, the time between when it latched and its own deadline; the
// step's margin is the smallest, set against that item's window (its deadline after the actions).

import type { StepVerdict } from './step.js';

export interface StepMargin {
  /** Milliseconds between the item's latch and its deadline. */
  marginMs: number;
  /** Milliseconds from the step's actions being done to that item's deadline. */
  windowMs: number;
  /** The item's label. */
  item: string;
}

/** The tightest awaited item of a passed step; undefined for other steps or steps that await nothing. */
export function stepMargin(verdict: StepVerdict): StepMargin | undefined {
  if (verdict.state !== 'passed') return undefined;
  let tightest: StepMargin | undefined;
  for (const item of verdict.items) {
    if (item.group === 'never' || item.state !== 'met' || item.at === undefined || !Number.isFinite(item.deadline)) continue;
    const margin = { marginMs: item.deadline - Math.max(item.at, verdict.startedAt), windowMs: item.deadline - verdict.startedAt, item: item.label };
    if (tightest === undefined || margin.marginMs < tightest.marginMs) tightest = margin;
  }
  return tightest;
}

/** The least room a lab step should leave on a recorded run: 1 s, or a tenth of its window. */
export function wantedMarginMs(windowMs: number): number {
  return Math.max(1_000, windowMs / 10);
}
