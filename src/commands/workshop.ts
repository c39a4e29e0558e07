// probelab workshop check|verify: a Workshop file's labs as one unit, rehearsed on the class's
// cluster before the class, or graded in every student's namespace after it. Both take their
// cluster factory (and check its clocks) as dependencies so tests can pass test doubles.

import type { Cluster } from '../cluster/port.js';
import { createCluster, type ClusterOptions } from '../cluster/cluster.js';
import { EXIT, UserError } from '../exit-codes.js';
import { formatLabError } from '../lab/load.js';
import { HeadlessLog, labHeader } from '../report/headless.js';
import { systemClock, type Clock } from '../runner/clock.js';
import { exitCodeFor } from '../runner/run-labs.js';
import type { GradedLab } from '../verify/grade.js';
import { checkSelection, gradeAndReport } from '../verify/session.js';
import { loadWorkshop, type LoadedWorkshop, type WorkshopEntry } from '../workshop/load.js';
import { rehearsalSummary, rehearsalTable, whyFailed } from '../workshop/rehearsal-report.js';
import { rehearse } from '../workshop/rehearse.js';
import type { Command } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { interruptSignal } from './interrupt.js';
import { gradingFlagHelp, gradingFlags, gradingIo, readGradingFlags, shownCheckNames, type GradingFlags, type VerifyDeps } from './verify.js';

async function readWorkshop(file: string, err: (text: string) => void): Promise<LoadedWorkshop> {
  const result = await loadWorkshop(file);
  if (!result.ok) {
    for (const error of result.errors) err(formatLabError(error));
    throw new UserError(`fix the workshop file ${file} first`);
  }
  return result.loaded;
}

export interface WorkshopCheckOptions {
  file: string;
  /** Labs at once; default the workshop's spec.parallel. */
  parallel?: number;
  keep: boolean;
  /** Print every lab's event log, not only its result. */
  verbose: boolean;
  cluster: ClusterOptions;
}

export interface WorkshopCheckDeps {
  connect(options: ClusterOptions): Promise<Cluster>;
  /** The clock each lab's run reads; the system clock unless a test plays recordings. */
  clockFor?(entry: WorkshopEntry): Clock;
  signal: AbortSignal;
  out(text: string): void;
  err(text: string): void;
}

export async function runWorkshopCheck(options: WorkshopCheckOptions, deps: WorkshopCheckDeps): Promise<number> {
  const workshop = await readWorkshop(options.file, deps.err);
  // A rehearsal injects the labs' faults: the context must pass the guard.
  const cluster = await deps.connect({ ...options.cluster, guard: true });
  const labs = workshop.entries.filter((entry) => entry.skip === undefined);
  deps.out(`workshop ${workshop.workshop.metadata.name}: rehearsing ${String(labs.length)} lab${labs.length === 1 ? '' : 's'} on context ${cluster.connection.context} (${cluster.connection.server})`);
  const log = new HeadlessLog(labs.map((entry) => labHeader(entry.loaded)));
  const results = await rehearse(workshop, { parallel: options.parallel, keep: options.keep }, {
    cluster,
    clockFor: deps.clockFor ?? (() => systemClock),
    signal: deps.signal,
    onEvent: (lab, event) => {
      const lines = log.lines(lab, event);
      if (options.verbose) lines.forEach((line) => deps.out(line));
      if (event.kind === 'finished') {
        const result = event.result;
        deps.out(result.outcome === 'passed' ? `✔ ${lab}` : `✘ ${lab} ${result.outcome}: ${whyFailed(result)}`);
      }
    },
  });
  deps.out('');
  for (const line of rehearsalTable(workshop, results)) deps.out(line);
  deps.out(rehearsalSummary(workshop, results, cluster.connection.context));
  for (const result of results) {
    if (result.cleanup && 'kept' in result.cleanup) deps.err(`namespace ${result.cleanup.namespace} kept: delete it with \`probelab clean\``);
  }
  return exitCodeFor(results, deps.signal.aborted);
}

export interface WorkshopVerifyOptions extends GradingFlags {
  file: string;
  cluster: ClusterOptions;
}

/**
 * The graded labs, refusing two that grade the same object: the convention is one namespace per
 * student holding every lab's objects, so two labs' targets must not share a name.
 */
export function gradedLabs(workshop: LoadedWorkshop): GradedLab[] {
  const labs = workshop.entries.filter((entry) => entry.skip === undefined && entry.loaded.lab.spec.verify !== undefined).map((entry) => ({ name: entry.loaded.lab.metadata.name, verify: entry.loaded.lab.spec.verify! }));
  const owners = new Map<string, string>();
  for (const lab of labs) {
    const target = 'pod' in lab.verify.target ? `pod ${lab.verify.target.pod}` : `deployment ${lab.verify.target.deployment}`;
    const other = owners.get(target);
    if (other) throw new UserError(`labs ${other} and ${lab.name} both grade ${target}; one namespace per student cannot hold both`);
    owners.set(target, lab.name);
  }
  if (labs.length === 0) throw new UserError(`no lab of workshop ${workshop.workshop.metadata.name} has a verify section, so there is nothing to grade`);
  return labs;
}

export async function runWorkshopVerify(options: WorkshopVerifyOptions, deps: VerifyDeps): Promise<number> {
  checkSelection(options);
  const workshop = await readWorkshop(options.file, deps.err);
  const labs = gradedLabs(workshop);
  const cluster = await deps.connect({ ...options.cluster, guard: false });
  const shownName = shownCheckNames(workshop.entries.map((entry) => entry.loaded), options.lang);
  return gradeAndReport({ ...options, title: `workshop ${workshop.workshop.metadata.name}`, labs, shownName }, cluster, deps);
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UserError(`${flag}: expected a whole number >= 1, got "${value}"`);
  return number;
}

export const command: Command = {
  name: 'workshop',
  usage: "check <workshop file> [--parallel N] [--keep] [--verbose] | verify <workshop file> (-n NAMESPACE | --namespaces 'student-*' | -l SELECTOR) [--output FILE]",
  description: [
    'A Workshop file (apiVersion probelab.dev/v1, kind Workshop) lists lab files in teaching order, each with an optional timeout, `parallel: false` for a lab that must run alone, and `skip: <reason>`; spec.parallel says how many labs run at once.',
    '`workshop check` is a dress rehearsal: it runs every lab on the cluster of the current (or --context) context, headless, each in its own namespace that is deleted afterwards, and prints which labs would fail there and why (the failing step and its reason: an image that cannot be pulled, a step that timed out; or the error: a forbidden API call). It injects faults, so the context must look disposable or be allowed with --allow-context. Exit codes as for `probelab run`: 0 all passed, 1 a lab failed, 2 bad input, 3 cluster unreachable or forbidden, 130 interrupted.',
    "`workshop verify` grades students after the class, read-only, with every lab that has a verify section. Convention: one namespace per student holding the objects of every lab (the catalogue's object names do not collide), e.g. student-07; select them with --namespaces 'student-*' or -l. It prints a score table over all the labs' checks and can write a grade book (--output). Exit codes as for `probelab verify`.",
  ].join('\n\n'),
  options: {
    ...gradingFlags,
    'allow-context': clusterFlags['allow-context'],
    keep: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  optionHelp: {
    ...gradingFlagHelp,
    parallel: 'check: labs at once (default: spec.parallel); verify: namespaces graded at once (default 8)',
    lang: `verify: ${gradingFlagHelp.lang}`,
    'allow-context': clusterFlagHelp['allow-context'],
    keep: "check: keep each lab's namespace afterwards",
    verbose: "check: print every lab's event log as it runs",
  },
  async run({ positionals, values }, io) {
    const [sub, file, ...extra] = positionals;
    if ((sub !== 'check' && sub !== 'verify') || file === undefined || extra.length > 0) {
      throw new UserError('expected `probelab workshop check <file>` or `probelab workshop verify <file> -n NAMESPACE`', EXIT.badInput);
    }
    if (sub === 'verify') {
      return runWorkshopVerify({ ...readGradingFlags(values, io.env), file, cluster: clusterOptions(values, io, false) }, { ...gradingIo(io), connect: createCluster });
    }
    const parallel = positiveInt(values.parallel as string | undefined, '--parallel');
    const { signal, dispose } = interruptSignal(io);
    try {
      return await runWorkshopCheck(
        { file, parallel, keep: values.keep === true, verbose: values.verbose === true, cluster: clusterOptions(values, io, true) },
        { connect: createCluster, signal, out: (text) => io.out(text), err: (text) => io.err(text) },
      );
    } finally {
      dispose();
    }
  },
};
