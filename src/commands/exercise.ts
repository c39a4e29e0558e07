// probelab exercise start | check | finish: a lab's exercise handed to a student, as instructors know
// it from `lab start | grade | finish`. start applies the start manifests into the student's
// namespace (created for it, or named with -n), each object labelled with the exercise, and prints
// the task and the kubectl commands to work on it; check grades like `verify`, and with --watch
// re-grades on every change until every check passes; finish deletes what start created, and only
// that: the namespace when start created it, else the objects carrying the exercise's label.

import { relative } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { stringify } from 'yaml';
import { createCluster, type ClusterOptions } from '../cluster/cluster.js';
import { labLabelValue, labNamespaceName } from '../cluster/labels.js';
import type { Cluster } from '../cluster/port.js';
import { EXIT, UserError } from '../exit-codes.js';
import { exerciseMessagesFor } from '../i18n/exercise-messages.js';
import { chooseLang, langFromLocale, type Lang } from '../i18n/lang.js';
import type { LoadedLab } from '../lab/load.js';
import { textsIn } from '../lab/texts.js';
import type { KubeObject } from '../model/kube.js';
import type { PlayerClock } from '../replay/player.js';
import type { GradedLab } from '../verify/grade.js';
import { playRecording } from '../verify/played-recording.js';
import { gradeAndReport } from '../verify/session.js';
import type { Command, Io } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { startGuide } from './exercise-guide.js';
import { readRecording, readSpeed } from './replay.js';
import { gradingIo, loadGradedLab } from './verify.js';
import { watchGrades, type WatchGrades } from './watch-grades.js';

/** On every object `exercise start` applies, and on the namespace it created: what finish deletes. */
export const EXERCISE_LABEL = 'probelab.dev/exercise';

/** How long finish waits for a namespace it deletes to be gone. */
const NAMESPACE_DELETE_WAIT_MS = 60_000;

export interface ExerciseOptions {
  lab: string;
  namespace?: string;
  cluster: ClusterOptions;
  /** The student's language: start's guide and task, finish's lines, check's check names. */
  lang: Lang;
  /** --lang chose other than the locale would: the probelab commands start prints repeat it. */
  repeatLang?: boolean;
}

export interface ExerciseDeps {
  connect(options: ClusterOptions): Promise<Cluster>;
  out(text: string): void;
  cwd: string;
}

async function loadExercise(file: string, err: (text: string) => void): Promise<LoadedLab> {
  const loaded = await loadGradedLab(file, err);
  if (!loaded.lab.spec.exercise) throw new UserError(`${file} has no exercise (spec.exercise: start, solution, task)`);
  return loaded;
}

function labelled(object: KubeObject, label: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, labels: { ...object.metadata.labels, [EXERCISE_LABEL]: label } } };
}

function startObjects(loaded: LoadedLab): KubeObject[] {
  return loaded.lab.spec.exercise!.start.flatMap((path) => loaded.extraManifests.get(path)!.objects);
}

export async function runExerciseStart(options: ExerciseOptions, deps: ExerciseDeps & { err(text: string): void }): Promise<number> {
  const loaded = await loadExercise(options.lab, deps.err);
  const name = loaded.lab.metadata.name;
  const label = labLabelValue(name);
  // It writes to the cluster: only on a context the guard allows.
  const cluster = await deps.connect({ ...options.cluster, guard: true });
  const namespace = options.namespace ?? (await freeNamespaceName(cluster, name));
  const existing = options.namespace === undefined ? undefined : await cluster.getObject('', 'Namespace', namespace);
  const objects = startObjects(loaded);
  if (existing) {
    // Never overwrite a student's work: a second start in the same namespace is refused.
    const present = (await Promise.all(objects.map(async (o) => ((await cluster.getObject(namespace, o.kind!, o.metadata.name)) ? `${o.kind!}/${o.metadata.name}` : undefined)))).filter(Boolean);
    if (present.length > 0) {
      throw new UserError(`namespace ${namespace} already holds ${present.join(', ')}: start the exercise in another namespace, or finish it first (probelab exercise finish ${options.lab} -n ${namespace})`);
    }
  } else {
    await cluster.apply('', stringify(labelled({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, label)));
  }
  let applied;
  try {
    applied = await cluster.apply(namespace, objects.map((object) => stringify(labelled(object, label))).join('---\n'));
  } catch (error) {
    // Nothing left behind: a namespace made for an exercise that could not start goes again.
    if (!existing) await cluster.deleteNamespace(namespace, NAMESPACE_DELETE_WAIT_MS);
    throw error;
  }
  const manifestFiles = loaded.lab.spec.exercise!.start.map((path) => relative(deps.cwd, loaded.extraManifests.get(path)!.absolutePath));
  const started = {
    labFile: options.lab,
    lab: loaded.lab,
    task: textsIn(loaded.texts, options.lang).task!,
    lang: options.lang,
    repeatLang: options.repeatLang === true,
    namespace,
    created: !existing,
    context: cluster.connection.context,
    manifestFiles,
    applied,
    label: `${EXERCISE_LABEL}=${label}`,
  };
  for (const line of startGuide(started)) deps.out(line);
  return EXIT.ok;
}

async function freeNamespaceName(cluster: Cluster, lab: string): Promise<string> {
  for (;;) {
    const name = labNamespaceName(lab);
    if (!(await cluster.getObject('', 'Namespace', name))) return name;
  }
}

export async function runExerciseFinish(options: ExerciseOptions, deps: ExerciseDeps & { err(text: string): void }): Promise<number> {
  const loaded = await loadExercise(options.lab, deps.err);
  const namespace = options.namespace;
  if (namespace === undefined) throw new UserError(`name the exercise's namespace with -n, e.g. probelab exercise finish ${options.lab} -n student-07`);
  const label = labLabelValue(loaded.lab.metadata.name);
  const say = exerciseMessagesFor(options.lang);
  const cluster = await deps.connect({ ...options.cluster, guard: true });
  const ns = await cluster.getObject('', 'Namespace', namespace);
  if (!ns) throw new UserError(`namespace ${namespace} does not exist in context ${cluster.connection.context}`);
  if (ns.metadata.labels?.[EXERCISE_LABEL] === label) {
    deps.out(say.deletingNamespace(namespace, loaded.lab.metadata.name));
    const cleanup = await cluster.deleteNamespace(namespace, NAMESPACE_DELETE_WAIT_MS);
    deps.out(cleanup.gone ? say.namespaceDeleted(namespace) : say.namespaceTerminating(namespace, NAMESPACE_DELETE_WAIT_MS / 1000));
    return EXIT.ok;
  }
  // A namespace start did not create: only the objects it labelled go.
  const exercise = loaded.lab.spec.exercise!;
  const named = [...exercise.start, ...exercise.solution].flatMap((path) => loaded.extraManifests.get(path)!.objects);
  const kinds = [...new Set(named.map((o) => o.kind!))];
  const selector = `${EXERCISE_LABEL}=${label}`;
  deps.out(say.deletingLabelled(selector, namespace, `kubectl delete ${kinds.map((k) => k.toLowerCase()).join(',')} -l ${selector} -n ${namespace}`));
  const found = (await Promise.all(kinds.map((kind) => cluster.listObjects(namespace, kind)))).flat();
  const mine = found.filter((o) => o.metadata.labels?.[EXERCISE_LABEL] === label);
  for (const object of mine) {
    await cluster.deleteObject(namespace, object.kind!, object.metadata.name);
    deps.out(say.deleted(`${object.kind!}/${object.metadata.name}`));
  }
  if (mine.length === 0) deps.out(say.nothingLabelled);
  const left = found.filter((o) => !mine.includes(o) && named.some((n) => n.kind === o.kind && n.metadata.name === o.metadata.name));
  for (const object of left) {
    deps.out(say.leftAlone(`${object.kind!}/${object.metadata.name}`, selector, `kubectl delete ${object.kind!.toLowerCase()} ${object.metadata.name} -n ${namespace}`));
  }
  return EXIT.ok;
}

export interface CheckOptions extends ExerciseOptions {
  watch: boolean;
  /** Grade a recording of the student's namespace as it plays, instead of the cluster. */
  replay?: string;
  speed?: number;
}

export interface CheckDeps extends Pick<WatchGrades, 'terminal'> {
  connect(options: ClusterOptions): Promise<Cluster>;
  /** The replay's clock (a test's); real time otherwise. */
  clock?: PlayerClock;
}

export async function runExerciseCheck(options: CheckOptions, io: Io, deps: CheckDeps): Promise<number> {
  const loaded = await loadExercise(options.lab, (text) => io.err(text));
  const lab = checkedLab(loaded, options.lang);
  const heading = { title: lab.name, withLab: false, single: true };
  if (options.replay !== undefined) {
    const recording = await readRecording(options.replay);
    const namespace = recording.header.namespace;
    if (options.namespace !== undefined && options.namespace !== namespace) throw new UserError(`${options.replay} records namespace ${namespace}, not ${options.namespace}`);
    const played = playRecording(recording, options.replay, { speed: options.speed, clock: deps.clock });
    const request = { namespace, labs: [lab], concurrency: 1 };
    return watchGrades({ request, heading: { ...heading, context: played.connection.context }, command: 'exercise check', source: played, io, ended: played.ended, terminal: deps.terminal });
  }
  if (options.namespace === undefined) throw new UserError(`name the student's namespace with -n, e.g. probelab exercise check ${options.lab} -n student-07`);
  // Grading only reads, so any context will do.
  const cluster = await deps.connect({ ...options.cluster, guard: false });
  if (!options.watch) return gradeAndReport({ namespace: options.namespace, concurrency: 1, title: lab.name, labs: [lab] }, cluster, gradingIo(io));
  const request = { namespace: options.namespace, labs: [lab], concurrency: 1 };
  return watchGrades({ request, heading: { ...heading, context: cluster.connection.context }, command: 'exercise check', source: cluster, io, terminal: deps.terminal });
}

/**
 * The lab as `check` grades it, each check named in the student's language. Only the student reads
 * these names (check writes no grade book), so they need not keep the English that reports key on.
 */
function checkedLab(loaded: LoadedLab, lang: Lang): GradedLab {
  const verify = loaded.lab.spec.verify!;
  const names = textsIn(loaded.texts, lang).checks;
  return { name: loaded.lab.metadata.name, verify: { ...verify, checks: verify.checks.map((check, i) => ({ ...check, name: names[i] ?? check.name })) } };
}

const options = {
  namespace: { type: 'string', short: 'n' },
  watch: { type: 'boolean', short: 'w' },
  replay: { type: 'string' },
  speed: { type: 'string' },
  lang: { type: 'string' },
  ...clusterFlags,
} satisfies ParseArgsOptionsConfig;

export const command: Command = {
  name: 'exercise',
  usage: 'start <lab file> [-n NAMESPACE] | check <lab file> (-n NAMESPACE [--watch] | --replay FILE [--speed N]) | finish <lab file> -n NAMESPACE; each [--lang en|ko]',
  description: [
    "A lab's exercise (spec.exercise) handed to a student: start, check, finish.",
    "`exercise start` applies the exercise's start manifests (server-side apply), each object labelled probelab.dev/exercise=<lab>, into the namespace named with -n (created, and labelled too, when it does not exist) or into a new probelab-<lab>-xxxxx namespace, and prints the task and the kubectl commands to look at the objects, change them, check and finish. It refuses a namespace that already holds the exercise's objects. It writes to the cluster, so the context guard applies (--allow-context). The namespaces it creates carry the label too, so `probelab verify <lab> -l probelab.dev/exercise=<lab> --watch` follows every student who started there.",
    "`exercise check` grades the namespace against the lab's verify checks, read-only, as `probelab verify` does. With --watch it keeps a live checklist that re-grades on every change of the namespace's pods, Deployments, EndpointSlices and events (a watch, no polling): a check turns ✔ the moment a fix lands, and observed checks (a restart, an event) as the cluster acts. It ends with exit 0 when every check passes, or with Ctrl-C (130). With --replay FILE it grades a recording of the namespace (`probelab record`) as it plays, at --speed N times the recorded pace, and ends with the recording (then exit 1 unless every check passed).",
    "`exercise finish` deletes what start created, and only that: the namespace when start created it, otherwise the objects labelled probelab.dev/exercise=<lab>; objects of the exercise without the label (created after start) are named, not deleted. The context guard applies.",
    "Each speaks the student's language, --lang en|ko or else the locale (LC_ALL, LC_MESSAGES, LANG, e.g. ko_KR.UTF-8): start prints the task and its guide in it, finish its lines, and check names the checks in it (the reasons and the score stay English).",
    'Exit codes: 0 done (check: every check passed), 1 a check failed, 2 bad input, 3 cluster unreachable, forbidden or refused by the guard, 130 interrupted.',
  ].join('\n\n'),
  options,
  optionHelp: {
    namespace: "the student's namespace (start: created when missing; default a new probelab-<lab>-xxxxx)",
    watch: 'check: keep grading on every change until every check passes (Ctrl-C stops)',
    replay: "check: grade a recording of the student's namespace as it plays (implies --watch)",
    speed: 'check --replay: play N times faster than recorded, e.g. 10 (default 1)',
    lang: 'en or ko: the language of the task and guide (start), the lines of finish and the check names (check); default from LC_ALL, LC_MESSAGES or LANG',
    ...clusterFlagHelp,
  },
  async run({ positionals, values }, io) {
    const [sub, lab, ...extra] = positionals;
    if (!['start', 'check', 'finish'].includes(sub ?? '') || lab === undefined || extra.length > 0) {
      throw new UserError('expected `probelab exercise start|check|finish <lab file> [-n NAMESPACE]`', EXIT.badInput);
    }
    const namespace = values.namespace as string | undefined;
    if (sub !== 'check' && (values.watch || values.replay !== undefined || values.speed !== undefined)) throw new UserError('--watch, --replay and --speed belong to `exercise check`');
    if (values.speed !== undefined && values.replay === undefined) throw new UserError('--speed sets the pace of a --replay');
    const lang = chooseLang(values.lang as string | undefined, io.env);
    const common = { lab, namespace, cluster: clusterOptions(values, io, sub !== 'check'), lang, repeatLang: lang !== langFromLocale(io.env) };
    const deps = { connect: createCluster, out: (text: string) => io.out(text), err: (text: string) => io.err(text), cwd: io.cwd };
    if (sub === 'start') return runExerciseStart(common, deps);
    if (sub === 'finish') return runExerciseFinish(common, deps);
    return runExerciseCheck({ ...common, watch: values.watch === true, replay: values.replay as string | undefined, speed: readSpeed(values.speed as string | undefined) }, io, { connect: createCluster });
  },
};
