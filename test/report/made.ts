// Small hand-made LabResults for the edge cases a recorded run does not reach.

import type { StepVerdict } from '../../src/expect/step.js';
import type { LabResult } from '../../src/runner/events.js';

const T0 = Date.parse('2026-01-02T03:04:05.678Z');

export function verdict(step: string, state: StepVerdict['state'], startOffsetMs: number, durationMs: number, extra: Partial<StepVerdict> = {}): StepVerdict {
  return {
    step,
    state,
    startedAt: T0 + startOffsetMs,
    deadline: T0 + startOffsetMs + 30_000,
    at: state === 'pending' ? undefined : T0 + startOffsetMs + durationMs,
    evidence: [],
    items: [],
    ...extra,
  };
}

export function madeResult(fields: Partial<LabResult> & Pick<LabResult, 'lab' | 'stepNames' | 'verdicts' | 'outcome'>): LabResult {
  return {
    title: `${fields.lab} title`,
    file: `labs/${fields.lab}.yaml`,
    namespace: `probelab-${fields.lab}-abcde`,
    startedAt: T0,
    finishedAt: T0 + 42_000,
    observations: [],
    transitions: [],
    ...fields,
  };
}

/** Text that breaks naive XML, TAP and log writers. */
export const NASTY = 'a <b> & "c" \'d\' ]]> \\ # e\nsecond line\ttab \u001b[31mred\u001b[0m nul\u0000 lone\ud800 pair😀';

/** A lab whose step names and failure text carry NASTY's characters. */
export function nastyResult(): LabResult {
  const names = ['wait for <ready> & "serve"', 'step # two \\ with a hash', 'never runs'];
  return madeResult({
    lab: 'xml-edge',
    outcome: 'failed',
    stepNames: names,
    verdicts: [
      verdict(names[0]!, 'passed', 0, 1_500),
      verdict(names[1]!, 'failed', 2_000, 20_000, {
        reason: NASTY,
        evidence: [`pod web-1: READY 0/1, STATUS Running, RESTARTS 0`, `event Warning Unhealthy (x3): ${NASTY}`],
        items: [
          { group: 'expect', index: 0, label: 'pod web-1 READY 1/1', state: 'pending', deadline: T0 + 22_000, seen: 'READY 0/1' },
          { group: 'never', index: 0, label: 'pod web-1 RESTARTS +1', state: 'pending', deadline: Number.POSITIVE_INFINITY, seen: 'RESTARTS 0 → 0' },
        ],
      }),
      undefined,
    ],
  });
}
