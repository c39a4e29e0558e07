// probelab verify: grade students' namespaces against a lab's `verify` section, read-only.
// runVerify takes its cluster factory as a dependency so tests can grade a test double.

import { writeFile } from 'node:fs/promises';
import type { ParseArgsOptionsConfig } from 'node:util';
import { extname } from 'node:path';
import { createCluster, type ClusterOptions } from '../cluster/cluster.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { Cluster } from '../cluster/port.js';
import { autoWithinFor } from '../expect/auto-within.js';
import { HeadlessLog, labHeader } from '../report/headless.js';
import { systemClock, type Clock } from '../runner/clock.js';
import { runLab } from '../runner/run-lab.js';
import { exitCodeFor } from '../runner/run-labs.js';
import { chooseLang, type Lang } from '../i18n/lang.js';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { textsIn } from '../lab/texts.js';
import { DEFAULT_CONCURRENCY, type GradedLab } from '../verify/grade.js';
import { GRADE_FORMATS, type GradeFormat } from '../verify/gradebook.js';
import { checkSelection, gradeAndReport, type GradingIo, type Selection, type VerifyCluster } from '../verify/session.js';
import type { Command, Io, ParsedArgs } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { watchGrades, type WatchGrades } from './watch-grades.js';

export const gradingFlags = {
  namespace: { type: 'string', short: 'n' },
  namespaces: { type: 'string' },
  selector: { type: 'string', short: 'l' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  parallel: { type: 'string' },
  context: clusterFlags.context,
  kubeconfig: clusterFlags.kubeconfig,
  lang: { type: 'string' },
} satisfies ParseArgsOptionsConfig;

const exerciseFlags = {
  watch: { type: 'boolean', short: 'w' },
  exercise: { type: 'boolean' },
  'allow-context': clusterFlags['allow-context'],
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
  lang: "language of the check names in the tables: en or ko (default: from LC_ALL, LC_MESSAGES or LANG); reasons and grade books stay English",
};

export interface GradingFlags extends Selection {
  format?: GradeFormat;
  output?: string;
  concurrency: number;
  /** The language check names are printed in (default English). */
  lang?: Lang;
}

const FORMAT_BY_EXTENSION: Record<string, GradeFormat> = { '.json': 'json', '.xml': 'junit', '.csv': 'csv' };

export function readGradingFlags(values: ParsedArgs['values'], env: Io['env']): GradingFlags {
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
    lang: chooseLang(values.lang as string | undefined, env),
  };
}

/** Each graded lab's check names in the reader's language (LabTexts keeps every language). */
export function shownCheckNames(labs: readonly LoadedLab[], lang: Lang = 'en'): (lab: string, index: number) => string | undefined {
  const names = new Map(labs.map((loaded) => [loaded.lab.metadata.name, textsIn(loaded.texts, lang).checks]));
  return (lab, index) => names.get(lab)?.[index];
}

export interface VerifyOptions extends GradingFlags {
  /** The lab file whose `verify` section grades. */
  lab: string;
  cluster: ClusterOptions;
  /** First run the lab's fault steps on the student's pod (one namespace named with -n). */
  exercise?: boolean;
}

export interface VerifyDeps extends GradingIo {
  connect(options: ClusterOptions): Promise<VerifyCluster>;
  /** A cluster to act on, for --exercise (fault injection: the context guard applies). */
  connectToAct?(options: ClusterOptions): Promise<Cluster>;
  clock?: Clock;
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

/** The lab file and what it grades: its name and verify section (an error when it has none). */
async function labToGrade(file: string, err: (text: string) => void): Promise<{ loaded: LoadedLab; graded: GradedLab }> {
  const loaded = await loadGradedLab(file, err);
  const verify = loaded.lab.spec.verify;
  if (!verify) throw new UserError(`${file} has no verify section, so there is nothing to grade`);
  return { loaded, graded: { name: loaded.lab.metadata.name, verify } };
}

export async function runVerify(options: VerifyOptions, deps: VerifyDeps): Promise<number> {
  checkSelection(options);
  const { loaded, graded: lab } = await labToGrade(options.lab, deps.err);
  const exercised = options.exercise ? await exercise(options, loaded, deps) : EXIT.ok;
  // Grading only reads, so any context will do: the guard protects against fault injection.
  const cluster = await deps.connect({ ...options.cluster, guard: false });
  const graded = await gradeAndReport({ ...options, title: lab.name, labs: [lab], shownName: shownCheckNames([loaded], options.lang) }, cluster, deps);
  return exercised !== EXIT.ok ? exercised : graded;
}

/**
 * Runs the lab's fault steps (those whose actions touch a pod) in the student's namespace, so the
 * observed checks that follow can see the pod restart or drop out. Only for a namespace named
 * explicitly, only on a context the guard allows; nothing is created or deleted there.
 */
async function exercise(options: VerifyOptions, loaded: LoadedLab, deps: VerifyDeps): Promise<number> {
  if (options.namespace === undefined || options.glob !== undefined || options.selector !== undefined) {
    throw new UserError("--exercise injects faults into one student's pod: name the namespace with -n, not --namespaces or -l");
  }
  if (!deps.connectToAct) throw new UserError('--exercise needs a cluster to act on');
  const lab = loaded.lab;
  const steps = lab.spec.steps.flatMap((step, index) => ((step.do ?? []).some((action) => !('sleep' in action) && !('apply' in action)) ? [index] : []));
  if (steps.length === 0) throw new UserError(`${options.lab} has no fault steps to exercise`);
  const cluster = await deps.connectToAct({ ...options.cluster, guard: true });
  const log = new HeadlessLog([labHeader(loaded)]);
  deps.out(`exercising ${options.namespace}: steps ${steps.map((i) => i + 1).join(', ')} of ${lab.metadata.name}`);
  const result = await runLab({
    cluster,
    loaded,
    clock: deps.clock ?? systemClock,
    autoWithin: autoWithinFor(loaded),
    signal: new AbortController().signal,
    namespace: options.namespace,
    steps,
    onEvent: (event) => log.lines(lab.metadata.name, event).forEach((line) => deps.out(line)),
  });
  return exitCodeFor([result], false);
}

/**
 * The instructor's live view: grade the namespaces, then re-grade each one on every change its
 * watch reports, until every check passes everywhere or Ctrl-C. Reads only.
 */
export async function runVerifyWatch(options: VerifyOptions, io: Io, connect: (options: ClusterOptions) => Promise<Cluster>, terminal?: WatchGrades['terminal']): Promise<number> {
  if (options.exercise) throw new UserError('--watch and --exercise do not go together: run the fault steps first (--exercise), then watch');
  if (options.output !== undefined || options.format !== undefined) throw new UserError('--watch shows live grades; write a grade book with a separate run: probelab verify ... --output FILE');
  checkSelection(options);
  const { graded: lab } = await labToGrade(options.lab, (text) => io.err(text));
  const cluster = await connect({ ...options.cluster, guard: false });
  const request = { namespace: options.namespace, glob: options.glob, selector: options.selector, labs: [lab], concurrency: options.concurrency };
  return watchGrades({ request, heading: { title: lab.name, context: cluster.connection.context, withLab: false, single: options.namespace !== undefined }, command: 'verify', source: cluster, io, terminal });
}

export const command: Command = {
  name: 'verify',
  usage: "<lab file> (-n NAMESPACE [--exercise] | --namespaces 'student-*' | -l SELECTOR) [--watch | --output FILE [--format json|junit|csv]]",
  description: [
    "Grades a student's namespace against the lab's `verify` section, reading only (get and list: nothing is applied, changed or deleted, so any context is allowed). The target object's pod spec is compared with what the lab asks (probes as the API server stores them, so an absent field counts as its default), and the pods and events show whether the expected behaviour happened.",
    'With -n it prints one line per check (✔/✘, points, what to fix) and the score. With --namespaces (a glob over namespace names) and/or -l (a selector over namespace labels) it grades every matching namespace, a few at a time, and prints a score table, best first; --output writes a grade book (JSON per check, JUnit with a testsuite per namespace, CSV with a column per check).',
    "With --watch it keeps grading: one watch per namespace (pods, Deployments, EndpointSlices, events), and each namespace is graded again on every change its watch reports, never on a timer, a few namespaces at a time (--parallel). In a terminal it shows a live checklist (-n) or the class's live score table, the last change highlighted; otherwise it prints a line per change. It ends with exit 0 when every check passes in every namespace, or with Ctrl-C (130). Namespaces created after it started are not picked up.",
    "With --exercise (and -n) it first runs the lab's fault steps on the student's pod — the same actions and expectations as `probelab run`, in the student's namespace, creating and deleting nothing — so the observed checks can see what the probe does; this injects faults, so the context guard applies (--allow-context).",
    'Exit codes: 0 every check passed in every namespace, 1 a check failed, 2 bad input (lab file, flags, no matching namespace), 3 cluster unreachable or forbidden.',
  ].join('\n\n'),
  options: { ...gradingFlags, ...exerciseFlags },
  optionHelp: {
    ...gradingFlagHelp,
    watch: 'keep grading: re-grade a namespace on every change of its objects until every check passes (Ctrl-C stops)',
    exercise: "first run the lab's fault steps on the student's pod (only with -n; the context guard applies)",
    'allow-context': clusterFlagHelp['allow-context'],
  },
  async run(args, io) {
    const [lab, ...extra] = args.positionals;
    if (lab === undefined || extra.length > 0) throw new UserError('name one lab file, e.g. probelab verify labs/liveness-exam.yaml -n student-07');
    const options: VerifyOptions = { ...readGradingFlags(args.values, io.env), lab, cluster: clusterOptions(args.values, io, false), exercise: Boolean(args.values.exercise) };
    if (args.values.watch) return runVerifyWatch(options, io, createCluster);
    return runVerify(options, { ...gradingIo(io), connect: createCluster, connectToAct: createCluster });
  },
};
