// Grades namespaces: for each, every lab's `verify` checks, its score, and the error that stopped
// the reads if there was one (then every check of that namespace fails with the error as reason,
// so a grade book keeps one column per check for everyone).

import { EXIT, UserError } from '../exit-codes.js';
import type { Verify } from '../lab/schema.js';
import { mapBounded } from './bounded.js';
import { gatherEvidence, type ClusterReader } from './gather.js';
import { checkName } from './check-names.js';
import { scoreOf, verifyLab, type CheckResult, type Score } from './verify-lab.js';

export interface GradedLab {
  /** metadata.name of the lab. */
  name: string;
  verify: Verify;
}

export interface GradedCheck extends CheckResult {
  lab: string;
}

export interface NamespaceGrade {
  namespace: string;
  checks: GradedCheck[];
  score: Score;
  /** Why the namespace could not be read (forbidden, unreachable). */
  error?: string;
  errorExitCode?: number;
}

export const DEFAULT_CONCURRENCY = 8;

export async function gradeNamespace(reader: ClusterReader, namespace: string, labs: readonly GradedLab[]): Promise<NamespaceGrade> {
  try {
    const checks: GradedCheck[] = [];
    for (const lab of labs) {
      const evidence = await gatherEvidence(reader, namespace, lab.verify);
      checks.push(...verifyLab(lab.verify, evidence).map((result) => ({ lab: lab.name, ...result })));
    }
    return { namespace, checks, score: scoreOf(checks) };
  } catch (error) {
    // The cluster layer throws UserErrors (forbidden, unreachable); anything else is a bug.
    if (!(error instanceof UserError)) throw error;
    const message = error.message;
    const checks = labs.flatMap((lab) => lab.verify.checks.map((check) => ({ lab: lab.name, name: checkName(check), points: check.points, passed: false, reason: `not graded: ${message}` })));
    return { namespace, checks, score: scoreOf(checks), error: message, errorExitCode: error.exitCode };
  }
}

export function gradeNamespaces(reader: ClusterReader, namespaces: readonly string[], labs: readonly GradedLab[], concurrency = DEFAULT_CONCURRENCY): Promise<NamespaceGrade[]> {
  return mapBounded(namespaces, concurrency, (namespace) => gradeNamespace(reader, namespace, labs));
}

/** The namespace was read and every check passed. */
export function passedEvery(grade: NamespaceGrade | undefined): boolean {
  return grade !== undefined && grade.error === undefined && grade.score.failed === 0;
}

/** 3 when a namespace could not be read for a cluster reason, 2 for bad input, 1 when a check failed, else 0. */
export function gradeExitCode(grades: readonly NamespaceGrade[]): number {
  const codes = grades.flatMap((g) => (g.error === undefined ? [] : [g.errorExitCode ?? EXIT.cluster]));
  if (codes.includes(EXIT.cluster)) return EXIT.cluster;
  if (codes.includes(EXIT.badInput)) return EXIT.badInput;
  return grades.length > 0 && grades.every((g) => g.score.failed === 0) ? EXIT.ok : EXIT.failed;
}
