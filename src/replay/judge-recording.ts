// Judges a lab against a recording instead of a live cluster. The recording's action lines stand
// in for the lab's actions (matched in order by kind), so each step starts when its recorded
// action happened; a step without actions starts when the previous one settled. Pods picked by
// a selector are bound to the pod the recording acted on.

import { formatDuration, parseDuration } from '../lab/duration.js';
import type { Action, Lab } from '../lab/schema.js';
import type { ActionObservation, Observation } from '../model/observation.js';
import type { Recording } from '../recording/format.js';
import { LabJudge, type AutoWithin } from '../expect/lab-judge.js';
import { matchText } from '../expect/predicates.js';
import type { StepVerdict } from '../expect/step.js';
import type { LabResult, RunListener } from '../runner/events.js';

export interface RecordingVerdicts {
  /**
   * One per lab step. A step still `pending` was not settled by the recording: it ends before
   * the step's deadline, or lacks the step's action; `reason` says which. Steps after a failed or
   * unsettled one are undefined (as in a live run without --continue).
   */
  verdicts: (StepVerdict | undefined)[];
  judge: LabJudge;
  /** The replay as a run's result (for reports and the HTML timeline). */
  result: LabResult;
}

export interface JudgeRecordingOptions {
  /** Receives the replay as RunEvents, in recorded time: what a live run of the lab would have shown. */
  onEvent?: RunListener;
  /** The lab file, for the result. */
  file?: string;
  /** Judge with the plain judge (every item re-checked on every observation): the test oracle. */
  plain?: boolean;
}

export function judgeRecording(lab: Lab, recording: Recording, autoWithin: AutoWithin, options: JudgeRecordingOptions = {}): RecordingVerdicts {
  const judge = new LabJudge(lab, { autoWithin, plain: options.plain });
  const emit: RunListener = options.onEvent ?? (() => undefined);
  const observations = recording.observations;
  const startedAt = Date.parse(recording.header.startedAt);
  const since = (time: number) => `+${formatDuration(time - startedAt)}`;
  let cursor = 0; // next observation to feed
  let actionCursor = 0; // next recorded action available to match
  let clock = startedAt;
  const verdicts: (StepVerdict | undefined)[] = lab.spec.steps.map(() => undefined);
  const result: LabResult = {
    lab: lab.metadata.name,
    title: lab.metadata.title,
    file: options.file ?? recording.header.lab ?? '',
    namespace: recording.header.namespace,
    outcome: 'passed',
    startedAt,
    finishedAt: startedAt,
    verdicts,
    stepNames: lab.spec.steps.map((step) => step.name),
    observations: [],
    transitions: [],
  };
  emit({ kind: 'started', at: startedAt, lab: lab.metadata.name, namespace: recording.header.namespace });

  /** Feeds one observation; a verdict it settles is reported too. */
  const feed = (observation: Observation): StepVerdict | undefined => {
    const active = judge.activeStep;
    const { transitions, verdict } = judge.observe(observation);
    result.observations.push(observation);
    result.transitions.push(...transitions);
    emit({ kind: 'observation', at: observation.at, observation, transitions });
    // Pending verdicts too, as the live runner emits them: the view shows each item's current value.
    if (active !== undefined && verdict) emit({ kind: 'verdict', at: observation.at, index: active, verdict });
    return verdict;
  };
  const feedUntil = (time: number) => {
    while (cursor < observations.length && observations[cursor]!.at <= time) feed(observations[cursor++]!);
  };

  for (const [index, step] of lab.spec.steps.entries()) {
    let failure: string | undefined;
    let missing: string | undefined;
    let begun = false;
    // The step begins at its first action, so what happens during its actions is judged too.
    const begin = (at: number) => {
      if (begun) return;
      feedUntil(at);
      emit({ kind: 'stepStarted', at, index, verdict: judge.beginStep(index, at) });
      begun = true;
    };
    for (const action of step.do ?? []) {
      if ('sleep' in action) {
        begin(clock);
        clock += parseDuration(action.sleep);
        feedUntil(clock);
        continue;
      }
      const found = findAction(observations, actionCursor, action);
      if (!found) {
        missing = `the recording has no ${actionKind(action)} action for this step after ${since(clock)}`;
        break;
      }
      begin(found.observation.at);
      actionCursor = found.index + 1;
      feedUntil(found.observation.at);
      clock = found.observation.at;
      emit({ kind: 'action', at: clock, index, action, result: found.observation });
      failure = bindAndCheck(judge, action, found.observation);
      if (failure || judge.activeStep !== index) break;
    }
    begin(clock);
    if (missing) {
      verdicts[index] = { ...judge.verdicts[index]!, state: 'pending', reason: missing };
      emit({ kind: 'verdict', at: clock, index, verdict: verdicts[index] });
      break;
    }
    feedUntil(clock);
    let verdict = judge.verdicts[index]!;
    if (judge.activeStep === index) {
      verdict = failure ? judge.abandon(clock, failure)! : judge.armStep(clock)!;
      emit({ kind: 'verdict', at: clock, index, verdict });
    }
    const nextAction = nextRecordedActionAt(observations, actionCursor, lab.spec.steps.slice(index + 1));
    while (verdict.state === 'pending' && cursor < observations.length) {
      const observation = observations[cursor]!;
      if (nextAction !== undefined && observation.at >= nextAction) {
        verdict = judge.expire(nextAction) ?? verdict;
        if (verdict.state === 'pending') {
          verdict = { ...verdict, reason: `the recording moves on to the next action at ${since(nextAction)}, before this step's deadline at ${since(verdict.deadline)}; still waiting for: ${pendingLabels(verdict)}` };
        }
        break;
      }
      cursor++;
      verdict = feed(observation) ?? verdict;
    }
    if (verdict.state === 'pending' && cursor >= observations.length) {
      const end = observations.at(-1)?.at ?? clock;
      verdict = judge.expire(end) ?? verdict;
      if (verdict.state === 'pending') verdict = { ...verdict, reason: `the recording ends at ${since(end)}, before this step's deadline at ${since(verdict.deadline)}; still waiting for: ${pendingLabels(verdict)}` };
    }
    verdicts[index] = verdict;
    emit({ kind: 'verdict', at: verdict.at ?? clock, index, verdict });
    if (verdict.state === 'pending') break;
    if (verdict.state === 'failed') break;
    clock = Math.max(clock, verdict.at ?? clock);
  }
  feedUntil(Number.POSITIVE_INFINITY);
  result.outcome = verdicts.some((v) => v?.state === 'failed') ? 'failed' : verdicts.every((v) => v?.state === 'passed') ? 'passed' : 'interrupted';
  if (result.outcome === 'interrupted') result.error = 'the recording does not cover every step';
  result.finishedAt = observations.at(-1)?.at ?? startedAt;
  emit({ kind: 'finished', at: result.finishedAt, result });
  return { verdicts, judge, result };
}

function pendingLabels(verdict: StepVerdict): string {
  return verdict.items.filter((item) => item.group !== 'never' && item.state === 'pending').map((item) => item.label).join('; ');
}

function actionKind(action: Action): string {
  return Object.keys(action)[0]!;
}

/** A lab action and the recorded action that stands for it. `signal` was recorded as an exec of kill. */
function matches(action: Action, recorded: ActionObservation): boolean {
  if ('exec' in action) return recorded.action === 'exec' && !isSignal(recorded.command);
  if ('signal' in action) return recorded.action === 'signal' || (recorded.action === 'exec' && isSignal(recorded.command));
  if ('patchStatus' in action) return recorded.action === 'patchStatus';
  if ('delete' in action) return recorded.action === 'delete';
  if ('scale' in action) return recorded.action === 'scale';
  if ('apply' in action) return recorded.action === 'apply';
  return false;
}

function isSignal(command: string[] | undefined): boolean {
  return command !== undefined && command[0] === 'kill' && command[1] === '-s' && command[3] === '1';
}

function findAction(observations: Observation[], from: number, action: Action): { index: number; observation: ActionObservation } | undefined {
  for (let index = from; index < observations.length; index++) {
    const observation = observations[index]!;
    if (observation.kind === 'action' && matches(action, observation)) return { index, observation };
  }
  return undefined;
}

function nextRecordedActionAt(observations: Observation[], from: number, steps: Lab['spec']['steps']): number | undefined {
  const next = steps.flatMap((step) => step.do ?? []).find((action) => !('sleep' in action));
  if (!next) return undefined;
  return findAction(observations, from, next)?.observation.at;
}

/** Binds $picked / `as:` to the recorded pod and checks an exec's recorded exit code and output. */
function bindAndCheck(judge: LabJudge, action: Action, recorded: ActionObservation): string | undefined {
  const target = 'exec' in action ? action.exec : 'signal' in action ? action.signal : 'patchStatus' in action ? action.patchStatus : 'delete' in action && 'pod' in action.delete ? action.delete : undefined;
  if (target && recorded.pod) {
    if (typeof target.pod === 'object') judge.bindings.set('$picked', recorded.pod);
    if ('as' in target && target.as) judge.bindings.set(`$${target.as}`, recorded.pod);
  }
  if ('exec' in action && recorded.exitCode !== undefined) {
    const sameCommand = JSON.stringify(action.exec.command) === JSON.stringify(recorded.command);
    if (!sameCommand) return undefined;
    if (recorded.exitCode !== action.exec.expectExit) return `\`${action.exec.command.join(' ')}\` exited ${recorded.exitCode}, expected ${action.exec.expectExit}`;
    if (action.exec.expectOutput && !matchText(action.exec.expectOutput, recorded.stdout ?? '')) {
      return `\`${action.exec.command.join(' ')}\` printed ${JSON.stringify((recorded.stdout ?? '').slice(0, 200))}, expected ${action.exec.expectOutput}`;
    }
  }
  return undefined;
}
