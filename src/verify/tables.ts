// The terminal output of verify: one student's checks (✔/✘, points, reason) and a class's score
// table, sorted best first. Pure text; the command prints it.

import { oneLine } from '../report/text.js';
import { alignColumns } from '../ui/text.js';
import { passedEvery, type NamespaceGrade } from './grade.js';
import { percentOf, type CheckResult, type Score } from './verify-lab.js';

export function scoreText(score: Score): string {
  return `${String(score.earned)}/${String(score.total)} (${String(percentOf(score))}%)`;
}

export function checkTable(results: readonly (CheckResult & { lab?: string })[], withLab = false): string[] {
  return alignColumns([
    ['', 'POINTS', ...(withLab ? ['LAB'] : []), 'CHECK', 'REASON'],
    ...results.map((r) => [r.passed ? '✔' : '✘', `${String(r.passed ? r.points : 0)}/${String(r.points)}`, ...(withLab ? [r.lab ?? ''] : []), oneLine(r.name), oneLine(r.reason)]),
  ]);
}

export function scoreLine(score: Score): string {
  const checks = score.passed + score.failed;
  return `score ${scoreText(score)}: ${String(score.passed)} of ${String(checks)} check${checks === 1 ? '' : 's'} passed`;
}

/** Best first: by percent, then points, then namespace name (so ties read alphabetically). */
export function sortGrades(grades: readonly NamespaceGrade[]): NamespaceGrade[] {
  return [...grades].sort((a, b) => percentOf(b.score) - percentOf(a.score) || b.score.earned - a.score.earned || a.namespace.localeCompare(b.namespace));
}

export function scoreTable(grades: readonly NamespaceGrade[], withLab = false): string[] {
  return alignColumns([
    ['NAMESPACE', 'SCORE', 'PASSED', 'FAILED', 'FIRST FAILING CHECK'],
    ...sortGrades(grades).map((grade) => {
      const failing = grade.checks.find((check) => !check.passed);
      const first = grade.error !== undefined ? `error: ${grade.error}` : failing ? `${withLab ? `${failing.lab}: ` : ''}${failing.name}: ${failing.reason}` : '-';
      return [grade.namespace, scoreText(grade.score), String(grade.score.passed), String(grade.score.failed), oneLine(first)];
    }),
  ]);
}

export interface GradeHeading {
  /** What is graded: a lab name, or `workshop <name>`. */
  title: string;
  context: string;
  /** Several labs are graded: the tables name each check's lab. */
  withLab: boolean;
}

/** One student: where, the check table and the score. */
export function namespaceReport(grade: NamespaceGrade, heading: GradeHeading): string[] {
  return [
    `${heading.title} in namespace ${grade.namespace} (context ${heading.context})`,
    ...(grade.error === undefined ? [] : [`error: ${grade.error}`]),
    ...checkTable(grade.checks, heading.withLab),
    scoreLine(grade.score),
  ];
}

/** A class: the score table, best first, and how many passed every check. */
export function classReport(grades: readonly NamespaceGrade[], heading: GradeHeading): string[] {
  return [
    `${heading.title}: ${String(grades.length)} namespace${grades.length === 1 ? '' : 's'} (context ${heading.context})`,
    ...scoreTable(grades, heading.withLab),
    `${String(grades.filter(passedEvery).length)} of ${String(grades.length)} namespaces passed every check`,
  ];
}
