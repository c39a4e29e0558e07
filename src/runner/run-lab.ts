// Runs one lab on a cluster: namespace, watch, apply, then each step's actions followed by its
// judgement, and cleanup whatever happens. Everything it learns goes out as RunEvents.

import type { AppliedObject, ApplyOwnership, Cluster, WatchHandle } from '../cluster/port.js';
import { ApiError } from '../cluster/errors.js';
import { deleteByLabelCommand, labLabels, labNamespaceName, runSelector } from '../cluster/labels.js';
import type { LoadedLab } from '../lab/load.js';
import { parseDuration, formatDuration } from '../lab/duration.js';
import { LabJudge, type AutoWithin } from '../expect/lab-judge.js';
import type { StepVerdict } from '../expect/step.js';
import type { Observation } from '../model/observation.js';
import { EXIT, UserError } from '../exit-codes.js';
import { ActionError, runAction } from './actions.js';
import type { Clock } from './clock.js';
import { earlyFailure } from './early-failure.js';
import { resultSkeleton, type LabCleanup, type LabResult, type RunListener } from './events.js';
import type { HandsOnTurn } from './hands-on.js';
import { handsOnReason, learnerTurn, type HandsOnOptions } from './hands-on-turn.js';
import { ObservationQueue } from './observation-queue.js';
import { WatchGaps } from './watch-gaps.js';

export interface RunLabOptions {
  cluster: Cluster;
  loaded: LoadedLab;
  clock: Clock;
  autoWithin: AutoWithin;
  /** Aborted on Ctrl-C / SIGTERM: the run stops, cleans up and reports `interrupted`. */
  signal: AbortSignal;
  onEvent?: RunListener;
  keep?: boolean;
  /** Run the remaining steps after a failed one. */
  continueOnFailure?: boolean;
  /** Overrides the lab's spec.timeout. */
  timeoutMs?: number;
  /** Called after a failed step, before cleanup; resolves when the learner is done looking. */
  pauseOnFailure?: (verdict: StepVerdict) => Promise<void>;
  /** How long to wait for the namespace to be gone. */
  cleanupTimeoutMs?: number;
  /** How often deadlines are checked between observations. */
  tickMs?: number;
  /**
   * Run in this existing namespace (a student's, for `verify --exercise`): nothing is created or
   * applied, and the namespace is never deleted.
   */
  namespace?: string;
  /**
   * Apply the lab into this existing namespace (`run -n`): what is applied carries the run's
   * labels, the pods watched are the run's, and cleanup deletes exactly what was applied, never
   * the namespace.
   */
  into?: string;
  /** Run only these steps (by index); the others are reported as not run. */
  steps?: number[];
  /**
   * Hands-on mode: the learner runs each step's actions (from the first that is not a sleep) in
   * another terminal; probelab shows the commands and starts the step's clock at the first sign.
   */
  handsOn?: HandsOnOptions;
}

export async function runLab(options: RunLabOptions): Promise<LabResult> {
  const { cluster, loaded, clock, signal } = options;
  const emit: RunListener = options.onEvent ?? (() => undefined);
  const lab = loaded.lab;
  const result = resultSkeleton(loaded, clock.now());
  const judge = new LabJudge(lab, { autoWithin: options.autoWithin });
  const queue = new ObservationQueue();
  const gaps = new WatchGaps();
  const timeoutMs = options.timeoutMs ?? parseDuration(lab.spec.timeout);
  // Time spent waiting for a learner's move does not count against the lab's timeout.
  let labDeadline = result.startedAt + timeoutMs;
  const turns: (HandsOnTurn | undefined)[] = lab.spec.steps.map(() => undefined);
  const provisional = new Set<string>();
  let watch: WatchHandle | undefined;

  const apply = (observation: Observation) => {
    const { transitions } = judge.observe(observation);
    result.observations.push(observation);
    result.transitions.push(...transitions);
    emit({ kind: 'observation', at: observation.at, observation, transitions });
    return transitions;
  };
  /** Applies what the watch delivered while the runner was busy. */
  const drain = async () => {
    for (const observation of await queue.take(0, clock)) apply(observation);
  };
  // The step that carries the run's own error (an interrupt, an unreachable cluster) keeps that
  // error as its reason word for word: the reports find the step by it. A hands-on step that
  // failed says what probelab noticed of the learner's move.
  const annotate = (verdict: StepVerdict, index: number): StepVerdict => {
    const runError = result.error ?? (signal.aborted ? 'interrupted' : undefined);
    return runError !== undefined && verdict.reason === runError ? verdict : gaps.annotate(handsOnReason(verdict, turns[index]));
  };
  const finish = (): LabResult => {
    result.verdicts = judge.verdicts.map((verdict, index) => verdict && annotate(verdict, index));
    if (options.handsOn) result.handsOn = [...turns];
    if (gaps.entries.length > 0) result.watchGaps = [...gaps.entries];
    result.finishedAt = clock.now();
    emit({ kind: 'finished', at: result.finishedAt, result });
    return result;
  };

  // In a namespace the user named, everything applied carries a run id, and only that is deleted.
  const runId = options.into === undefined ? undefined : labNamespaceName(lab.metadata.name);
  const ownership: ApplyOwnership | undefined = runId ? { labels: labLabels(lab.metadata.name, runId), applied: [] } : undefined;
  const selector = runId && runSelector(runId);

  try {
    if (options.into !== undefined) await mustExist(cluster, options.into);
    result.namespace = options.namespace ?? options.into ?? (await cluster.createLabNamespace(lab.metadata.name));
    const namespace = result.namespace;
    emit({ kind: 'started', at: clock.now(), lab: lab.metadata.name, namespace, ...(selector ? { runSelector: selector } : {}), ...(options.namespace ? { existing: true } : {}) });
    watch = await cluster.watch({
      namespace,
      ...(selector ? { labelSelector: selector } : {}),
      onObservation: (observation) => queue.push(observation),
      onHealth: (health) => {
        const at = clock.now();
        const gap = gaps.note(health, at);
        emit({ kind: 'watchHealth', at, health, ...(gap ? { gap } : {}) });
      },
    });
    for (const manifest of options.namespace ? [] : loaded.manifests) {
      const objects = await cluster.apply(namespace, manifest.text, ownership);
      emit({ kind: 'applied', at: clock.now(), objects });
    }

    let failed = false;
    for (const [index, step] of lab.spec.steps.entries()) {
      if (signal.aborted) break;
      if (options.steps && !options.steps.includes(index)) continue;
      await drain();
      judge.beginStep(index, clock.now());
      let actionFailure: string | undefined;
      for (const action of step.do ?? []) {
        if (options.handsOn && !('sleep' in action)) {
          // The learner's part: this action and the ones after it.
          const { turn, waitedMs } = await learnerTurn({
            index,
            step,
            steps: lab.spec.steps,
            judge,
            queue,
            clock,
            signal,
            place: { namespace, labFile: loaded.file },
            options: options.handsOn,
            tickMs: options.tickMs ?? 250,
            apply: (observation) => void apply(observation),
            drain,
            emit,
            provisional,
            note: (text) => apply({ kind: 'note', at: clock.now(), text }),
          });
          turns[index] = turn;
          labDeadline += waitedMs;
          break;
        }
        if ('sleep' in action) {
          // Sleeping is watching: observations keep reaching the step (its `never` items) and the view.
          const until = clock.now() + parseDuration(action.sleep);
          while (clock.now() < until && !signal.aborted && judge.activeStep === index) {
            for (const observation of await queue.take(Math.min(options.tickMs ?? 250, until - clock.now()), clock, signal)) apply(observation);
          }
          emit({ kind: 'action', at: clock.now(), index, action, result: { kind: 'action', at: clock.now(), action: 'sleep', detail: { duration: action.sleep } } });
          if (judge.activeStep !== index) break;
          continue;
        }
        try {
          const observation = await runAction(action, {
            cluster,
            namespace,
            loaded,
            clock,
            signal,
            bindings: judge.bindings,
            ownership,
            note: (text) => apply({ kind: 'note', at: clock.now(), text }),
            pods: async () => {
              await drain();
              return judge.timeline.podObjects();
            },
          });
          apply(observation);
          emit({ kind: 'action', at: observation.at, index, action, result: observation });
        } catch (error) {
          if (!stepLevel(error)) throw error;
          actionFailure = (error as Error).message;
          break;
        }
        await drain();
        if (judge.activeStep !== index) break;
      }
      let verdict = judge.verdicts[index]!;
      // A learner's turn started the step's clock itself, at the first sign.
      const armed = turns[index]?.armed !== undefined;
      if (judge.activeStep === index && !armed) verdict = actionFailure ? judge.abandon(clock.now(), actionFailure)! : judge.armStep(clock.now())!;
      emit({ kind: 'stepStarted', at: clock.now(), index, verdict: annotate(verdict, index) });
      while (verdict.state === 'pending') {
        const now = clock.now();
        if (signal.aborted) break;
        if (now > labDeadline) {
          verdict = judge.abandon(now, `the lab's timeout of ${formatDuration(timeoutMs)} ran out during this step.`)!;
          break;
        }
        const wait = Math.max(0, Math.min(options.tickMs ?? 250, verdict.deadline - now + 1));
        for (const observation of await queue.take(wait, clock, signal)) {
          const transitions = apply(observation);
          const early = judge.activeStep === index ? earlyFailure(transitions, step, (name) => judge.timeline.pod(name)?.pod) : undefined;
          if (early) judge.abandon(observation.at, early);
        }
        verdict = judge.verdicts[index]!;
        if (verdict.state === 'pending') verdict = judge.expire(clock.now()) ?? verdict;
        emit({ kind: 'verdict', at: clock.now(), index, verdict: annotate(verdict, index) });
      }
      if (signal.aborted) {
        if (judge.activeStep !== undefined) judge.abandon(clock.now(), 'interrupted');
        break;
      }
      if (verdict.state === 'failed') {
        failed = true;
        if (options.pauseOnFailure) await options.pauseOnFailure(annotate(verdict, index));
        if (!options.continueOnFailure) break;
      }
    }
    result.outcome = signal.aborted ? 'interrupted' : failed ? 'failed' : 'passed';
  } catch (error) {
    result.outcome = signal.aborted ? 'interrupted' : 'error';
    result.error = (error as Error).message;
    result.errorExitCode = error instanceof UserError ? error.exitCode : EXIT.failed;
    if (judge.activeStep !== undefined) judge.abandon(clock.now(), result.error);
  } finally {
    await watch?.stop().catch(() => undefined);
    if (result.namespace && !options.namespace) {
      result.cleanup = await cleanup(options, result.namespace, emit, ownership && selector ? { applied: ownership.applied, selector } : undefined);
    }
  }
  return finish();
}

/** `run -n` applies into a namespace that must exist; one the user may not read is tried anyway (the apply will say). */
async function mustExist(cluster: Cluster, namespace: string): Promise<void> {
  try {
    if (await cluster.getObject(namespace, 'Namespace', namespace)) return;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return;
    throw error;
  }
  throw new UserError(`namespace ${namespace} does not exist: -n names a namespace you already have (kubectl get namespace ${namespace}); without -n, probelab creates one per lab`, EXIT.badInput);
}

async function cleanup(options: RunLabOptions, namespace: string, emit: RunListener, run?: { applied: AppliedObject[]; selector: string }): Promise<LabCleanup> {
  const timeoutMs = options.cleanupTimeoutMs ?? 120_000;
  let done: LabCleanup;
  if (options.keep) done = { namespace, kept: true, ...(run ? { deleteWith: deleteByLabelCommand(namespace, run.selector) } : {}) };
  else if (run) done = await options.cluster.deleteApplied(namespace, run.applied, run.selector, timeoutMs);
  else done = await options.cluster.deleteNamespace(namespace, timeoutMs);
  emit({ kind: 'cleanup', at: options.clock.now(), cleanup: done });
  return done;
}

/**
 * An action that fails for a reason about the lab (a pod not found, a command missing, a wrong
 * exit code) fails its step; an unreachable or forbidden cluster ends the run.
 */
function stepLevel(error: unknown): boolean {
  return error instanceof ActionError || (error instanceof UserError && error.exitCode !== EXIT.cluster);
}
