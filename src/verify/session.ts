// One grading run, shared by `probelab verify` and `probelab workshop verify`: pick the
// namespaces, grade them, print a check table (one namespace) or a score table (many), and write
// the grade book when asked. Reads only; the caller connects.

import type { Cluster } from '../cluster/port.js';
import { EXIT, UserError } from '../exit-codes.js';
import { gradeExitCode, gradeNamespaces, type GradedCheck, type GradedLab } from './grade.js';
import { renderGradeBook, type GradeFormat } from './gradebook.js';
import { selectNamespaces } from './namespaces.js';
import { classReport, namespaceReport } from './tables.js';

/** What grading reads from the cluster; a KubeCluster provides it, tests pass a test double. */
export type VerifyCluster = Pick<Cluster, 'connection' | 'getObject' | 'listPods' | 'listObjects'>;

export interface Selection {
  /** One namespace, named with -n. */
  namespace?: string;
  /** A glob over namespace names (--namespaces). */
  glob?: string;
  /** A label selector over namespaces (-l). */
  selector?: string;
}

export interface GradingRequest extends Selection {
  /** What is graded, for the heading: a lab name, or `workshop <name>`. */
  title: string;
  labs: GradedLab[];
  concurrency: number;
  format?: GradeFormat;
  /** The grade book file; without it a --format grade book goes to stdout. */
  output?: string;
  /**
   * The name of a lab's check (by its position in the lab) in the reader's language, for the
   * printed tables; the grade book keeps the lab's own (English) names, as every report does.
   */
  shownName?(lab: string, index: number): string | undefined;
}

export interface GradingIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(file: string, text: string): Promise<void>;
  now(): number;
}

/** Exactly one way of choosing namespaces: -n alone, or --namespaces and/or -l. */
export function checkSelection(selection: Selection): void {
  const many = selection.glob !== undefined || selection.selector !== undefined;
  if (selection.namespace !== undefined && many) throw new UserError('use either -n NAMESPACE or --namespaces/-l, not both');
  if (selection.namespace === undefined && !many) throw new UserError("name the student's namespace with -n NAMESPACE, or several with --namespaces 'student-*' or -l course=k8s");
  if (selection.namespace !== undefined && /[*?]/.test(selection.namespace)) {
    throw new UserError(`-n takes one namespace name; for a pattern use --namespaces '${selection.namespace}'`);
  }
}

/** The namespace named with -n, or every one the glob and selector match (at least one). */
export async function namespacesFor(selection: Selection, cluster: Pick<Cluster, 'connection' | 'listObjects'>): Promise<string[]> {
  checkSelection(selection);
  if (selection.namespace !== undefined) return [selection.namespace];
  const namespaces = await selectNamespaces(cluster, { glob: selection.glob, selector: selection.selector });
  if (namespaces.length === 0) {
    const what = [selection.glob === undefined ? undefined : `the name pattern '${selection.glob}'`, selection.selector === undefined ? undefined : `the selector ${selection.selector}`].filter(Boolean).join(' and ');
    throw new UserError(`no namespace matches ${what} in context ${cluster.connection.context}`, EXIT.badInput);
  }
  return namespaces;
}

export async function gradeAndReport(request: GradingRequest, cluster: VerifyCluster, io: GradingIo): Promise<number> {
  const single = request.namespace !== undefined;
  const namespaces = await namespacesFor(request, cluster);
  const grades = await gradeNamespaces(cluster, namespaces, request.labs, request.concurrency);
  // A grade book on stdout must stay parseable: the tables move to stderr then.
  const print = request.format !== undefined && request.output === undefined ? io.err : io.out;
  const shown = grades.map((grade) => ({ ...grade, checks: shownChecks(grade.checks, request) }));
  const heading = { title: request.title, context: cluster.connection.context, withLab: request.labs.length > 1 };
  for (const line of single ? namespaceReport(shown[0]!, heading) : classReport(shown, heading)) print(line);
  if (request.format !== undefined) {
    const book = renderGradeBook(request.format, grades, { labs: request.labs.map((lab) => lab.name), context: cluster.connection.context, gradedAt: new Date(io.now()).toISOString() });
    if (request.output === undefined) io.out(book);
    else {
      await io.writeFile(request.output, book);
      print(`grade book (${request.format}) written to ${request.output}`);
    }
  }
  return gradeExitCode(grades);
}

function shownChecks(checks: readonly GradedCheck[], request: GradingRequest): GradedCheck[] {
  const position = new Map<string, number>();
  return checks.map((check) => {
    const index = position.get(check.lab) ?? 0;
    position.set(check.lab, index + 1);
    return { ...check, name: request.shownName?.(check.lab, index) ?? check.name };
  });
}
