// A live session outside a terminal: one line per change a student would notice, stamped with the
// time since the first line (the first grade, or a watch cut before it) and the watch event behind
// it. One namespace: its first grade as `verify` prints it, then each check that turned ✔ or ✘
// (or, still failing, now fails for another reason) and the new score. A class: a line per
// namespace whose grade changed, and the score table when the session ends. A watch cut and
// resumed is said once each way, as `run` says it.

import { describeWatchGap } from '../report/watch-gap-text.js';
import { WatchGaps } from '../runner/watch-gaps.js';
import { elapsed, oneLine } from '../report/text.js';
import type { GradedCheck, NamespaceGrade } from './grade.js';
import { turnedChecks } from './live-grading.js';
import type { LiveOutcome, LivePresenter } from './live-session.js';
import { classReport, namespaceReport, scoreLine, scoreText, type GradeHeading } from './tables.js';

export interface LiveHeading extends GradeHeading {
  /** One namespace (-n): its checks in full; otherwise a class. */
  single: boolean;
}

const ENDINGS: Record<LiveOutcome, string> = {
  passed: 'every check passes',
  interrupted: 'stopped',
  ended: 'the recording ended',
};

export function lineLog(heading: LiveHeading, print: (text: string) => void, now: () => number = Date.now): LivePresenter {
  let start: number | undefined;
  // Per namespace: each student's watches are cut and resumed on their own.
  const gaps = new Map<string, WatchGaps>();
  const name = (check: GradedCheck) => `${heading.withLab ? `${check.lab}: ` : ''}${check.name}`;
  return {
    graded({ grade, previous, at, cause }) {
      start ??= at;
      const when = elapsed(at - start);
      if (heading.single) {
        if (previous === undefined) {
          namespaceReport(grade, heading).forEach((line) => print(line));
          print(`watching namespace ${grade.namespace}: each change re-grades it (Ctrl-C stops)`);
          return;
        }
        const changes = changedChecks(grade, previous);
        // One reason for every check (the pod is gone) is said once.
        const shared = changes.length === grade.checks.length && changes.length > 1 && changes.every((c) => !c.passed && c.reason === changes[0]!.reason);
        if (shared) print(`${when} ${cause}: ✘ every check: ${oneLine(changes[0]!.reason)}`);
        else for (const check of changes) print(`${when} ${cause}: ${check.passed ? '✔' : '✘'} ${name(check)}: ${oneLine(check.reason)}`);
        if (grade.error !== undefined && grade.error !== previous.error) print(`${when} error: ${grade.error}`);
        if (scoreText(grade.score) !== scoreText(previous.score)) print(`${when} ${scoreLine(grade.score)}`);
        return;
      }
      const turned = turnedChecks({ grade, previous }).map((i) => grade.checks[i]!);
      const failing = grade.checks.find((check) => !check.passed);
      const what =
        grade.error !== undefined ? `error: ${grade.error}`
        : turned.length > 0 ? turned.map((check) => `${check.passed ? '✔' : '✘'} ${name(check)}`).join(', ')
        : failing ? `first failing: ${name(failing)}: ${oneLine(failing.reason)}`
        : 'every check passes';
      print(`${when} ${grade.namespace} ${scoreText(grade.score)}  ${what}`);
    },
    health(namespace, next) {
      let watches = gaps.get(namespace);
      if (!watches) gaps.set(namespace, (watches = new WatchGaps()));
      const gap = watches.note(next, now());
      if (!gap) return;
      start ??= gap.at;
      print(`${elapsed(gap.at - start)} ${heading.single ? '' : `${namespace} `}${describeWatchGap(gap)}`);
    },
    finished(outcome, grades) {
      if (heading.single) {
        const grade = grades[0];
        print(`${ENDINGS[outcome]}${grade ? `: ${scoreLine(grade.score)}` : ''}`);
        return;
      }
      classReport(grades, heading).forEach((line) => print(line));
      print(ENDINGS[outcome]);
    },
  };
}

/** Checks that turned ✔ or ✘, and failing ones whose reason changed (what to fix is different now). */
function changedChecks(grade: NamespaceGrade, previous: NamespaceGrade): GradedCheck[] {
  return grade.checks.filter((check, i) => {
    const before = previous.checks[i];
    return before === undefined || check.passed !== before.passed || (!check.passed && check.reason !== before.reason);
  });
}
