// Grading that follows the students as they work: one watch per namespace (pods, EndpointSlices,
// events, Deployments), and a re-grade of that namespace after every change the watch reports,
// never on a timer. A student's `kubectl apply` lands as a watch event, so its checks turn ✔ the
// moment the API server has it; observed checks (a restart, an event) turn as the cluster acts.
//
// Re-grades coalesce: while one namespace is being graded, further changes only mark it dirty,
// and one more grade follows with everything they brought. Grades run through one limiter shared
// by the class (the reads an `object:` check makes still go to the API server), and the watches
// open a few at a time.

import type { Cluster, WatchHandle, WatchHealth } from '../cluster/port.js';
import { describeObservation } from '../expect/lab-judge.js';
import type { Observation } from '../model/observation.js';
import { createLimiter, mapBounded } from './bounded.js';
import { gradeNamespace, type GradedLab, type NamespaceGrade } from './grade.js';
import { WatchedNamespace } from './watched-namespace.js';

/** Where live grading reads from: a cluster, or a recording played as if it were one. */
export type LiveSource = Pick<Cluster, 'connection' | 'watch' | 'getObject' | 'listPods' | 'listObjects'>;

export interface GradeUpdate {
  grade: NamespaceGrade;
  /** The namespace's grade before this one; undefined for its first. */
  previous?: NamespaceGrade;
  /** When the change that caused it was observed (epoch ms); for the first grade, when the watch listed. */
  at: number;
  /** What changed, e.g. "pods MODIFIED liveness-exam"; "initial state" for the first grade. */
  cause: string;
}

export interface LiveGradingOptions {
  source: LiveSource;
  namespaces: readonly string[];
  labs: readonly GradedLab[];
  /** Grades (and watch start-ups) at once across the class. */
  concurrency: number;
  /** The first grade of each namespace, then each re-grade whose result differs from the one before. */
  onGrade(update: GradeUpdate): void;
  onHealth?(namespace: string, health: WatchHealth): void;
  /** A grade failed for a reason other than the cluster's (a bug): grading of that namespace stops. */
  onError(error: unknown): void;
  /** Wall clock for the first grade's time (default Date.now). */
  now?: () => number;
}

export interface LiveGrading {
  /** Resolves when no grade is running or due (for tests and for a clean stop). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface NamespaceState {
  watched: WatchedNamespace;
  /** The watch has delivered its initial list: grading before that would see half a namespace. */
  listed: boolean;
  dirty: boolean;
  running: boolean;
  cause: string;
  at: number;
  grade?: NamespaceGrade;
  failed: boolean;
}

export async function startLiveGrading(options: LiveGradingOptions): Promise<LiveGrading> {
  const { source, labs } = options;
  const now = options.now ?? Date.now;
  const limit = createLimiter(options.concurrency);
  const states = new Map<string, NamespaceState>();
  const handles: WatchHandle[] = [];
  const drains = new Set<Promise<void>>();
  let stopped = false;

  const drain = async (namespace: string, state: NamespaceState): Promise<void> => {
    try {
      while (state.dirty && !stopped) {
        state.dirty = false;
        const { cause, at } = state;
        const grade = await limit(() => gradeNamespace(state.watched, namespace, labs));
        if (stopped) return;
        const previous = state.grade;
        if (previous !== undefined && !changed(previous, grade)) continue;
        state.grade = grade;
        options.onGrade({ grade, previous, at, cause });
      }
    } catch (error) {
      state.failed = true;
      options.onError(error);
    } finally {
      state.running = false;
    }
  };

  const schedule = (namespace: string, cause: string, at: number) => {
    const state = states.get(namespace)!;
    state.dirty = true;
    state.cause = cause;
    state.at = at;
    if (!state.listed || state.running || state.failed || stopped) return;
    state.running = true;
    const running = drain(namespace, state);
    drains.add(running);
    void running.finally(() => drains.delete(running));
  };

  for (const namespace of options.namespaces) {
    states.set(namespace, { watched: new WatchedNamespace(namespace, source), listed: false, dirty: false, running: false, cause: '', at: 0, failed: false });
  }
  try {
    await mapBounded(options.namespaces, options.concurrency, async (namespace) => {
      const state = states.get(namespace)!;
      const handle = await source.watch({
        namespace,
        onObservation: (observation: Observation) => {
          state.watched.apply(observation);
          schedule(namespace, describeObservation(observation), observation.at);
        },
        onHealth: options.onHealth && ((health) => options.onHealth!(namespace, health)),
      });
      handles.push(handle);
      state.listed = true;
      // Stamped like the listed objects (a recording's first moment), or now for an empty namespace.
      schedule(namespace, 'initial state', state.dirty ? state.at : now());
    });
  } catch (error) {
    stopped = true;
    await Promise.all(handles.map((handle) => handle.stop()));
    throw error;
  }

  return {
    settled: async () => {
      while (drains.size > 0) await Promise.all([...drains]);
    },
    stop: async () => {
      stopped = true;
      await Promise.all(handles.map((handle) => handle.stop()));
      await Promise.all([...drains]);
    },
  };
}

/** The checks (by index) this update turned from ✘ to ✔ or back; none for a first grade. */
export function turnedChecks({ grade, previous }: Pick<GradeUpdate, 'grade' | 'previous'>): number[] {
  return grade.checks.flatMap((check, i) => (previous?.checks[i] !== undefined && previous.checks[i]!.passed !== check.passed ? [i] : []));
}

/** Whether a student would see a difference: a check's verdict or reason, or the read error. */
function changed(before: NamespaceGrade, after: NamespaceGrade): boolean {
  if (before.error !== after.error || before.checks.length !== after.checks.length) return true;
  return after.checks.some((check, i) => check.passed !== before.checks[i]!.passed || check.reason !== before.checks[i]!.reason);
}
