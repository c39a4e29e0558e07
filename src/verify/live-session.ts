// One live grading session, shared by `exercise check --watch` and `verify --watch`: pick the
// namespaces, grade them live, hand every change to a presenter (the terminal view or the line
// log), and end when every check of every namespace passes (exit 0), when the user stops it
// (130), or when the source can change no more, as a replay at its end (the grades' exit code).

import type { WatchHealth } from '../cluster/port.js';
import { EXIT } from '../exit-codes.js';
import { gradeExitCode, passedEvery, type GradedLab, type NamespaceGrade } from './grade.js';
import { startLiveGrading, type GradeUpdate, type LiveSource } from './live-grading.js';
import { namespacesFor, type Selection } from './session.js';

export type LiveOutcome = 'passed' | 'interrupted' | 'ended';

/** Shows a live session; src/verify/live-log.ts prints lines, src/ui/live-grades.tsx draws a view. */
export interface LivePresenter {
  /** A namespace's first grade, or a re-grade that changed it; `grades` holds the latest of each namespace graded so far. */
  graded(update: GradeUpdate, grades: readonly NamespaceGrade[]): void;
  health?(namespace: string, health: WatchHealth): void;
  finished(outcome: LiveOutcome, grades: readonly NamespaceGrade[]): void;
}

export interface LiveRequest extends Selection {
  labs: GradedLab[];
  concurrency: number;
}

export interface LiveRun {
  presenter: LivePresenter;
  /** Aborted by Ctrl-C (or q in the view). */
  signal: AbortSignal;
  /** Resolves when nothing more can arrive (a replay at its end); a cluster never ends. */
  ended?: Promise<void>;
  now?: () => number;
}

export async function gradeLive(request: LiveRequest, source: LiveSource, run: LiveRun): Promise<number> {
  const namespaces = await namespacesFor(request, source);
  const latest = new Map<string, NamespaceGrade>();
  const grades = () => namespaces.flatMap((namespace) => latest.get(namespace) ?? []);
  const allPassed = () => namespaces.every((namespace) => passedEvery(latest.get(namespace)));
  let settle: (outcome: LiveOutcome | { error: unknown }) => void = () => undefined;
  const outcome = new Promise<LiveOutcome | { error: unknown }>((resolve) => (settle = resolve));
  const onAbort = () => settle('interrupted');
  run.signal.addEventListener('abort', onAbort, { once: true });
  if (run.signal.aborted) onAbort();
  void run.ended?.then(() => settle('ended'));

  const grading = await startLiveGrading({
    source,
    namespaces,
    labs: request.labs,
    concurrency: request.concurrency,
    now: run.now,
    onGrade: (update) => {
      latest.set(update.grade.namespace, update.grade);
      run.presenter.graded(update, grades());
      if (allPassed()) settle('passed');
    },
    onHealth: run.presenter.health && ((namespace, health) => run.presenter.health!(namespace, health)),
    onError: (error) => settle({ error }),
  });
  try {
    let result = await outcome;
    if (typeof result === 'object') throw result.error;
    // A replay's last observations may still be being graded when it ends.
    if (result === 'ended') {
      await grading.settled();
      if (allPassed()) result = 'passed';
    }
    run.presenter.finished(result, grades());
    if (result === 'passed') return EXIT.ok;
    return result === 'interrupted' ? EXIT.interrupted : gradeExitCode(grades());
  } finally {
    run.signal.removeEventListener('abort', onAbort);
    await grading.stop();
  }
}
