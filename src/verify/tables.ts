// The terminal output of verify: one student's checks (✔/✘, points, reason) and a class's score
// table, sorted best first. Pure text; the command prints it.

import { oneLine } from '../report/text.js';
import { alignColumns } from '../ui/text.js';
import type { NamespaceGrade } from './grade.js';
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
