// probelab verify: grade students' namespaces against a lab's `verify` section, read-only.
// runVerify takes its cluster factory as a dependency so tests can grade a test double.

import { writeFile } from 'node:fs/promises';
import type { ParseArgsOptionsConfig } from 'node:util';
import { extname } from 'node:path';
import { createCluster, type ClusterOptions } from '../cluster/cluster.js';
import { UserError } from '../exit-codes.js';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { DEFAULT_CONCURRENCY } from '../verify/grade.js';
import { GRADE_FORMATS, type GradeFormat } from '../verify/gradebook.js';
import { checkSelection, gradeAndReport, type GradingIo, type Selection, type VerifyCluster } from '../verify/session.js';
import type { Command, Io, ParsedArgs } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';

export const gradingFlags = {
  namespace: { type: 'string', short: 'n' },
  namespaces: { type: 'string' },
  selector: { type: 'string', short: 'l' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  parallel: { type: 'string' },
  context: clusterFlags.context,
  kubeconfig: clusterFlags.kubeconfig,
} satisfies ParseArgsOptionsConfig;

export const gradingFlagHelp: Record<keyof typeof gradingFlags, string> = {
  namespace: "the student's namespace",
  namespaces: "grade every namespace whose name matches this glob, e.g. 'student-*'",
  selector: 'grade every namespace whose labels match this selector, e.g. course=k8s-101',
  output: 'write a grade book to this file (format from --format, else from the extension: .json, .xml, .csv)',
  format: `grade book format: ${GRADE_FORMATS.join(', ')}; without --output it goes to stdout and the tables to stderr`,
  parallel: `grade up to N namespaces at once (default ${String(DEFAULT_CONCURRENCY)})`,
  context: clusterFlagHelp.context,
  kubeconfig: clusterFlagHelp.kubeconfig,
};

export interface GradingFlags extends Selection {
  format?: GradeFormat;
  output?: string;
  concurrency: number;
}

const FORMAT_BY_EXTENSION: Record<string, GradeFormat> = { '.json': 'json', '.xml': 'junit', '.csv': 'csv' };

export function readGradingFlags(values: ParsedArgs['values']): GradingFlags {
  const output = values.output as string | undefined;
  const format = values.format as string | undefined;
  if (format !== undefined && !(GRADE_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format: expected one of ${GRADE_FORMATS.join(', ')}, got "${format}"`);
  }
  const concurrency = Number((values.parallel as string | undefined) ?? String(DEFAULT_CONCURRENCY));
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`--parallel: expected a whole number >= 1, got "${values.parallel as string}"`);
  const selection: Selection = {
    namespace: values.namespace as string | undefined,
    glob: values.namespaces as string | undefined,
    selector: values.selector as string | undefined,
  };
  checkSelection(selection);
  return {
    ...selection,
    output,
    format: (format as GradeFormat | undefined) ?? (output === undefined ? undefined : (FORMAT_BY_EXTENSION[extname(output).toLowerCase()] ?? 'json')),
    concurrency,
  };
}

export interface VerifyOptions extends GradingFlags {
  /** The lab file whose `verify` section grades. */
  lab: string;
  cluster: ClusterOptions;
}

export interface VerifyDeps extends GradingIo {
  connect(options: ClusterOptions): Promise<VerifyCluster>;
}

export function gradingIo(io: Io): GradingIo {
  return { out: (text) => io.out(text), err: (text) => io.err(text), writeFile: (file, text) => writeFile(file, text), now: () => Date.now() };
}

export async function loadGradedLab(file: string, err: (text: string) => void): Promise<LoadedLab> {
  const result = await loadLab(file);
  if (!result.ok) {
    for (const error of result.errors) err(formatLabError(error));
    throw new UserError(`fix the lab file ${file} first`);
  }
  return result.loaded;
}

export async function runVerify(options: VerifyOptions, deps: VerifyDeps): Promise<number> {
  checkSelection(options);
  const loaded = await loadGradedLab(options.lab, deps.err);
  const verify = loaded.lab.spec.verify;
  if (!verify) throw new UserError(`${options.lab} has no verify section, so there is nothing to grade`);
  // Grading only reads, so any context will do: the guard protects against fault injection.
  const cluster = await deps.connect({ ...options.cluster, guard: false });
  return gradeAndReport({ ...options, title: loaded.lab.metadata.name, labs: [{ name: loaded.lab.metadata.name, verify }] }, cluster, deps);
}

export const command: Command = {
  name: 'verify',
  usage: "<lab file> (-n NAMESPACE | --namespaces 'student-*' | -l SELECTOR) [--output FILE] [--format json|junit|csv]",
  description: [
    "Grades a student's namespace against the lab's `verify` section, reading only (get and list: nothing is applied, changed or deleted, so any context is allowed). The target object's pod spec is compared with what the lab asks (probes as the API server stores them, so an absent field counts as its default), and the pods and events show whether the expected behaviour happened.",
    'With -n it prints one line per check (✔/✘, points, what to fix) and the score. With --namespaces (a glob over namespace names) and/or -l (a selector over namespace labels) it grades every matching namespace, a few at a time, and prints a score table, best first; --output writes a grade book (JSON per check, JUnit with a testsuite per namespace, CSV with a column per check).',
    'Exit codes: 0 every check passed in every namespace, 1 a check failed, 2 bad input (lab file, flags, no matching namespace), 3 cluster unreachable or forbidden.',
  ].join('\n\n'),
  options: gradingFlags,
  optionHelp: gradingFlagHelp,
  async run(args, io) {
    const [lab, ...extra] = args.positionals;
    if (lab === undefined || extra.length > 0) throw new UserError('name one lab file, e.g. probelab verify labs/liveness-exam.yaml -n student-07');
    const options: VerifyOptions = { ...readGradingFlags(args.values), lab, cluster: clusterOptions(args.values, io, false) };
    return runVerify(options, { ...gradingIo(io), connect: createCluster });
  },
};
