import { writeFile } from 'node:fs/promises';
import { createCluster, type ClusterOptions } from '../cluster/cluster.js';
import { deleteByLabelCommand } from '../cluster/labels.js';
import type { Cluster } from '../cluster/port.js';
import { autoWithinFor } from '../expect/auto-within.js';
import { UserError } from '../exit-codes.js';
import { chooseLang, type Lang } from '../i18n/lang.js';
import { discoverLabFiles } from '../lab/discover.js';
import { formatDuration, parseDuration } from '../lab/duration.js';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { RECORDING_FORMAT, serializeRecording, type Recording } from '../recording/format.js';
import { HeadlessLog, labHeader, REPORTER_NAMES, renderReport, summaryTable, type ReporterName } from '../report/index.js';
import { systemClock, type Clock } from '../runner/clock.js';
import type { LabResult, RunEvent, RunListener } from '../runner/events.js';
import { runLab, type RunLabOptions } from '../runner/run-lab.js';
import { replayedRun } from '../runner/hands-on-replay.js';
import { learnerActions } from '../runner/hands-on.js';
import type { PlayerClock } from '../replay/player.js';
import { readRecording } from './replay.js';
import { exitCodeFor, runPool } from '../runner/run-labs.js';
import type { Command, Io, ParsedArgs } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { interruptSignal } from './interrupt.js';

/** How long hands-on mode waits for the first sign of a learner's move, unless --hands-on-wait says. */
export const HANDS_ON_WAIT_MS = 180_000;

export const command: Command = {
  name: 'run',
  usage: '<lab files or directories…> [options]',
  description: [
    'Runs labs against the cluster of the current (or --context) kubeconfig context: each lab gets its own namespace (probelab-<lab>-<suffix>), or with -n NS goes into a namespace you already have (for accounts that may not create namespaces), its manifests are applied, and its steps run in order — actions, then expectations until they pass, fail or time out. The namespace is deleted afterwards, also on Ctrl-C, unless --keep: its pods end at once first (grace period 0), then the namespace goes; a second Ctrl-C exits at once. With -n only what the lab applied is deleted (found by its label), never the namespace.',
    'In a terminal a live view shows pods, endpoints, events and the steps; without a TTY, with --headless, or when CI is set, one line per event is printed instead, then a summary.',
    "Hands-on (--hands-on, or h on the view's first screen): probelab applies the manifests and judges as usual, but runs no action of a step itself: it shows the kubectl commands (namespace included; for a selector, the pods to choose from) and waits for you to run them in another terminal. The step's clock starts at the first sign of your move (an item the step awaits holding on one of those pods, e.g. the first Unhealthy event or READY 0/1), which also binds $picked to the pod you broke; when nothing comes within --hands-on-wait, it starts anyway and says what it sees instead. Time spent waiting for you does not count against the lab's timeout. With --replay FILE a recording plays the cluster's part (its recorded actions stand in for yours): nothing is created, applied or deleted.",
    'Fault injection runs only on contexts that look disposable (kind-*, minikube, k3d-*, docker-desktop, rancher-desktop, orbstack, or a loopback server) unless allowed with --allow-context or the config file.',
    'Exit codes: 0 all passed, 1 a lab failed, 2 bad input or config, 3 cluster unreachable or forbidden, 130 interrupted (after cleanup).',
  ].join('\n\n'),
  options: {
    ...clusterFlags,
    namespace: { type: 'string', short: 'n' },
    keep: { type: 'boolean' },
    headless: { type: 'boolean' },
    reporter: { type: 'string' },
    output: { type: 'string', short: 'o' },
    record: { type: 'string' },
    html: { type: 'string' },
    parallel: { type: 'string' },
    timeout: { type: 'string' },
    continue: { type: 'boolean' },
    'pause-on-failure': { type: 'boolean' },
    lang: { type: 'string' },
    'hands-on': { type: 'boolean' },
    'hands-on-wait': { type: 'string' },
    replay: { type: 'string' },
  },
  optionHelp: {
    ...clusterFlagHelp,
    namespace: 'apply the labs into this namespace, which must exist, instead of creating one per lab: what a lab applies is labelled probelab.dev/run=<id> and deleted afterwards (also on Ctrl-C); the namespace itself never is. Labs run one after the other; the context guard still applies',
    keep: 'keep each lab namespace afterwards (with -n: the objects the lab applied), and print how to delete it',
    headless: 'print one line per event instead of the live view',
    reporter: `report format: ${REPORTER_NAMES.join(', ')} (default line)`,
    output: 'write the report to this file (default: stdout; the line log then stays on stdout too)',
    record: 'write every observation to this recording file (probelab-recording/v1); with several labs, one file per lab',
    html: 'write the HTML timeline of the run (lanes, faults, steps, predicted windows) to this file; with several labs, one file per lab',
    parallel: 'run up to N labs at once, each in its own namespace (default 1)',
    timeout: "overall time per lab, e.g. 10m (default: the lab's spec.timeout)",
    continue: 'run the remaining steps of a lab after a failed step',
    'pause-on-failure': 'after a failed step keep the namespace and the view until a key is pressed (terminal only)',
    lang: "language of the live view and of the lab's texts: en or ko (default: from LC_ALL, LC_MESSAGES or LANG, e.g. ko_KR.UTF-8)",
    'hands-on': 'you run each step\'s actions yourself, in another terminal, from the kubectl commands probelab shows; it judges what the cluster does (one lab at a time)',
    'hands-on-wait': `with --hands-on: how long to wait for the first sign of your move before starting the step's clock anyway, e.g. 5m (default ${formatDuration(HANDS_ON_WAIT_MS)}; in the live view w adds a minute)`,
    replay: 'with --hands-on: play this recording (probelab-recording/v1) as the cluster, in recorded time, instead of connecting to one; its recorded actions stand in for yours',
  },
  run: (args, io) => runCommand(args, io, { connect: createCluster, clock: systemClock }),
};

/** What `run` needs from outside: the cluster (a double in tests) and the clock. */
export interface RunDeps {
  connect(options: ClusterOptions): Promise<Cluster>;
  clock: Clock;
  /** The wall clock a --replay plays by (a test's); real time otherwise. */
  timers?: PlayerClock;
}


export async function runCommand(args: ParsedArgs, io: Io, deps: RunDeps): Promise<number> {
  const options = readOptions(args, io.env);
  const labs = await loadLabs(args.positionals, io);
  checkHandsOn(options, labs);
  // What each lab would leave if the process ended now, and how to delete it.
  const leftovers = new Map<string, string>();
  const { signal, exitNow, dispose } = interruptSignal(io, () => [...leftovers.values()]);
  try {
    const replay = options.replay === undefined ? undefined : replayedRun(await readRecording(options.replay), options.replay, deps.timers);
    const cluster = replay?.cluster ?? (await deps.connect(clusterOptions(args.values, io, true)));
    const clock = replay?.clock ?? deps.clock;
    const base = { ...labOptions(cluster, options, signal, clock), ...(replay ? { namespace: replay.namespace } : {}) };
    const log = new HeadlessLog(labs.map(labHeader));
    const logged = (lab: string, event: RunEvent): string[] => {
      if (event.kind === 'started') {
        leftovers.set(
          lab,
          event.runSelector
            ? `objects of ${lab} in namespace ${event.namespace}: ${deleteByLabelCommand(event.namespace, event.runSelector)}`
            : `namespace ${event.namespace}: kubectl delete namespace ${event.namespace} (or probelab clean)`,
        );
      }
      if (event.kind === 'cleanup') leftovers.delete(lab);
      return log.lines(lab, event);
    };
    const useUi = io.isTTY && !options.headless && !io.env.CI && labs.length === 1;
    const results = useUi
      ? [
          await (await import('./run-ui.js')).runWithUi({
            loaded: labs[0]!,
            options: { ...base, loaded: labs[0]!, autoWithin: autoWithinFor(labs[0]!), onEvent: (event) => void logged(labs[0]!.lab.metadata.name, event) },
            handsOn: { mode: options.handsOn ? 'on' : 'offer', waitMs: options.handsOnWaitMs },
            pauseOnFailure: options.pauseOnFailure,
            lang: options.lang,
            exitNow,
            io,
          }),
        ]
      : await runHeadless(base, labs, options, logged, io);
    await writeOutputs(results, labs, options, log, cluster, io);
    return exitCodeFor(results, signal.aborted);
  } finally {
    dispose();
  }
}

interface RunFlags {
  /** -n: an existing namespace to apply into. */
  namespace?: string;
  keep: boolean;
  headless: boolean;
  reporter: ReporterName;
  output?: string;
  record?: string;
  html?: string;
  parallel: number;
  timeoutMs?: number;
  continueOnFailure: boolean;
  pauseOnFailure: boolean;
  lang: Lang;
  handsOn: boolean;
  handsOnWaitMs: number;
  /** --replay: a recording plays the cluster (hands-on only). */
  replay?: string;
}

function readOptions({ values }: ParsedArgs, env: Io['env']): RunFlags {
  const reporter = (values.reporter as string | undefined) ?? 'line';
  if (!REPORTER_NAMES.includes(reporter as ReporterName)) throw new UserError(`--reporter: expected one of ${REPORTER_NAMES.join(', ')}, got "${reporter}"`);
  const parallel = Number((values.parallel as string | undefined) ?? '1');
  if (!Number.isInteger(parallel) || parallel < 1) throw new UserError(`--parallel: expected a whole number >= 1, got "${values.parallel as string}"`);
  const namespace = values.namespace as string | undefined;
  if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new UserError(`-n: expected a namespace name (lowercase letters, digits and "-"), got "${namespace}"`);
  // Labs applied at once into one namespace could take each other's objects (same names).
  if (namespace !== undefined && parallel > 1) throw new UserError('-n runs the labs one after the other in that namespace: leave out --parallel, or leave out -n to give each lab its own');
  const timeoutMs = durationFlag('--timeout', values.timeout as string | undefined, '10m');
  const handsOn = Boolean(values['hands-on']);
  const replay = values.replay as string | undefined;
  if (!handsOn && (values['hands-on-wait'] !== undefined || replay !== undefined)) {
    throw new UserError(`${replay !== undefined ? '--replay' : '--hands-on-wait'} goes with --hands-on: a recording cannot run probelab's actions, only stand in for a learner's`);
  }
  // A learner does one lab at a time.
  if (handsOn && parallel > 1) throw new UserError('--hands-on runs one lab at a time: you act on each step yourself; leave out --parallel');
  if (replay !== undefined && namespace !== undefined) throw new UserError('--replay reads the namespace the recording was made in: leave out -n');
  return {
    namespace,
    keep: Boolean(values.keep),
    headless: Boolean(values.headless),
    reporter: reporter as ReporterName,
    output: values.output as string | undefined,
    record: values.record as string | undefined,
    html: values.html as string | undefined,
    parallel,
    timeoutMs,
    continueOnFailure: Boolean(values.continue),
    pauseOnFailure: Boolean(values['pause-on-failure']),
    lang: chooseLang(values.lang as string | undefined, env),
    handsOn,
    handsOnWaitMs: durationFlag('--hands-on-wait', values['hands-on-wait'] as string | undefined, '5m') ?? HANDS_ON_WAIT_MS,
    replay,
  };
}

function durationFlag(flag: string, text: string | undefined, example: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDuration(text);
  } catch {
    throw new UserError(`${flag}: expected a duration like "${example}", got "${text}"`);
  }
}

/**
 * What hands-on mode cannot do: a recording replays one lab; and in a namespace the user named, a
 * manifest the learner applies would lack the run's label, so the run would neither watch its
 * pods nor delete it.
 */
function checkHandsOn(flags: RunFlags, labs: LoadedLab[]): void {
  if (flags.replay !== undefined && labs.length !== 1) throw new UserError(`--replay plays one recording: name one lab, not ${labs.length}`);
  if (!flags.handsOn || flags.namespace === undefined) return;
  for (const loaded of labs) {
    const index = loaded.lab.spec.steps.findIndex((step) => learnerActions(step).some((action) => 'apply' in action));
    if (index !== -1) {
      throw new UserError(`${loaded.file}: step ${index + 1} applies a manifest, which in hands-on mode you would apply yourself, without the label -n needs (probelab could neither watch its pods nor delete it): run it without -n, or without --hands-on`);
    }
  }
}

async function loadLabs(targets: string[], io: Io): Promise<LoadedLab[]> {
  if (targets.length === 0) throw new UserError('name the lab files or directories to run, e.g. probelab run labs/readiness-exec.yaml');
  const labs: LoadedLab[] = [];
  let invalid = false;
  for (const file of await discoverLabFiles(targets)) {
    const result = await loadLab(file);
    if (result.ok) labs.push(result.loaded);
    else {
      invalid = true;
      for (const error of result.errors) io.err(formatLabError(error));
    }
  }
  if (invalid) throw new UserError('fix the lab files above first; nothing was run');
  return labs;
}

type LabRunOptions = Omit<RunLabOptions, 'loaded' | 'autoWithin'>;

function labOptions(cluster: Cluster, flags: RunFlags, signal: AbortSignal, clock: Clock): LabRunOptions {
  return { cluster, clock, signal, into: flags.namespace, keep: flags.keep, continueOnFailure: flags.continueOnFailure, timeoutMs: flags.timeoutMs };
}

async function runHeadless(base: LabRunOptions, labs: LoadedLab[], flags: RunFlags, logged: (lab: string, event: RunEvent) => string[], io: Io): Promise<LabResult[]> {
  // A report printed to stdout must stay parseable: the line log moves to stderr then.
  const print = flags.reporter === 'line' || flags.output ? io.out : io.err;
  const { connection } = base.cluster;
  print(flags.replay ? `replaying ${flags.replay} (recorded on ${connection.serverVersion ?? 'an unknown version'}): its recorded actions stand in for yours` : `context ${connection.context} (${connection.server}, ${connection.serverVersion ?? 'unknown version'})`);
  const handsOn = flags.handsOn ? { handsOn: { waitMs: flags.handsOnWaitMs } } : {};
  const results = await runPool(
    labs,
    flags.parallel,
    (loaded) => {
      const onEvent: RunListener = (event) => logged(loaded.lab.metadata.name, event).forEach((line) => print(line));
      return runLab({ ...base, ...handsOn, loaded, autoWithin: autoWithinFor(loaded), onEvent });
    },
    base.signal,
  );
  print(summaryTable(results));
  return results;
}

/** One file per lab when several ran: `run.jsonl` → `run.<lab>.jsonl`. */
function perLab(file: string, lab: string, count: number, extension: string): string {
  return count === 1 ? file : file.replace(new RegExp(`(\\${extension})?$`), `.${lab}${extension}`);
}

async function writeOutputs(results: LabResult[], labs: LoadedLab[], flags: RunFlags, log: HeadlessLog, cluster: Cluster, io: Io): Promise<void> {
  if (flags.reporter !== 'line' || flags.output) {
    const report = renderReport(flags.reporter, results, new Map(results.map((r) => [r.lab, log.log(r.lab)])));
    if (flags.output) await writeFile(flags.output, report);
    else io.out(report);
  }
  if (flags.record) {
    for (const result of results) {
      const file = perLab(flags.record, result.lab, results.length, '.jsonl');
      await writeFile(file, serializeRecording(recordingOf(result, cluster)));
      io.err(`recording written to ${file}`);
    }
  }
  if (flags.html) {
    const { renderHtmlReport } = await import('../report/html/index.js');
    for (const result of results) {
      const file = perLab(flags.html, result.lab, results.length, '.html');
      await writeFile(file, renderHtmlReport({ result, lab: labs.find((l) => l.lab.metadata.name === result.lab) }));
      io.err(`HTML timeline written to ${file}`);
    }
  }
  for (const result of results) {
    const cleanup = result.cleanup;
    if (!cleanup) continue;
    if ('kept' in cleanup) {
      io.err(cleanup.deleteWith ? `objects kept in namespace ${cleanup.namespace}: delete them with \`${cleanup.deleteWith}\`` : `namespace ${cleanup.namespace} kept: delete it with \`kubectl delete namespace ${cleanup.namespace}\` or \`probelab clean\``);
    } else if ('deleted' in cleanup) {
      if (cleanup.failed.length > 0 || !cleanup.podsGone) io.err(`not everything of this run is gone from namespace ${cleanup.namespace}: \`${cleanup.deleteWith}\``);
    } else if (!cleanup.gone) io.err(`namespace ${cleanup.namespace} is still terminating; \`probelab clean\` lists what is left`);
  }
}

function recordingOf(result: LabResult, cluster: Cluster): Recording {
  return {
    header: {
      format: RECORDING_FORMAT,
      scenario: result.lab,
      namespace: result.namespace ?? '',
      cluster: { serverVersion: cluster.connection.serverVersion, context: cluster.connection.context },
      startedAt: new Date(result.startedAt).toISOString(),
      expect: result.stepNames.flatMap((step, index) => {
        const verdict = result.verdicts[index];
        return verdict && verdict.state !== 'pending' ? [{ step, verdict: verdict.state === 'passed' ? ('pass' as const) : ('fail' as const), what: verdict.reason ?? verdict.items.map((i) => i.label).join('; ') }] : [];
      }),
      notes: `recorded by probelab run ${result.file}`,
      lab: result.file,
    },
    observations: result.observations,
  };
}
