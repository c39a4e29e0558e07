import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { formatDuration } from '../lab/duration.js';
import { parseManifests } from '../cluster/manifests.js';
import type { StepVerdict } from '../expect/step.js';
import { stepMargin, wantedMarginMs } from '../expect/margin.js';
import { parseRecording, RecordingError, type Recording } from '../recording/format.js';
import { judgeRecording } from '../replay/judge-recording.js';
import { recordingEvents } from '../replay/recording-events.js';
import type { RunEvent } from '../runner/events.js';
import { autoWithinFor } from '../expect/auto-within.js';
import { EXIT, UserError } from '../exit-codes.js';
import { chooseLang } from '../i18n/lang.js';
import type { ConnectionInfo } from '../cluster/port.js';
import type { Command, Io, ParsedArgs } from './command.js';
import type { RenderRunOptions } from '../ui/render-run.js';
import { transitionLines } from './transition-log.js';

export const command: Command = {
  name: 'replay',
  usage: 'FILE.jsonl [--lab LAB.yaml] [--speed N] [--headless] [--lang en|ko]',
  description: [
    "Feeds a recording (probelab-recording/v1, as written by `probelab record`, `run --record`, or the real-cluster fixtures) through the same timeline and expectations as a live run, and prints each step's verdict. Without --lab it uses labs/<scenario>.yaml when the recording's scenario names a lab. Steps the recording does not reach (it ends first, or lacks the step's action) are reported as undetermined. Exit 0 when no step failed and at least one passed, 1 otherwise.",
    'In a terminal (unless --headless) the recording plays first in the live view of `probelab run`, at recorded speed × --speed: space pauses, ← → move 10 s, n p jump between steps, + - change the speed, q quits; the verdicts are printed after the view closes. Without any lab the view shows pods, endpoints, events and probes only, and outside a terminal every transition is printed as a line (exit 0).',
  ].join('\n\n'),
  options: { lab: { type: 'string' }, speed: { type: 'string' }, headless: { type: 'boolean' }, lang: { type: 'string' } },
  optionHelp: {
    lab: 'the lab whose steps judge the recording (default: labs/<scenario>.yaml)',
    speed: 'play the recording N times faster than it was recorded, e.g. 2 or 10 (terminal only; default 1)',
    headless: 'print the verdicts at once instead of playing the recording in the live view',
    lang: "language of the live view and of the lab's texts: en or ko (default: from LC_ALL, LC_MESSAGES or LANG)",
  },
  run: (args, io) => runReplay(args, io),
};

export interface ReplayExtras {
  /** Show the lab's learning text before playing (the demo). */
  intro?: boolean;
  /** A test's fake terminal; process.stdout / stdin otherwise. */
  terminal?: Pick<RenderRunOptions, 'stdout' | 'stdin' | 'patchConsole'>;
}

export async function runReplay({ values, positionals }: ParsedArgs, io: Io, extras: ReplayExtras = {}): Promise<number> {
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UserError('replay takes one recording file');
  const speed = readSpeed(values.speed as string | undefined);
  const lang = chooseLang(values.lang as string | undefined, io.env);
  const recording = await readRecording(file);
  const lab = values.lab as string | undefined;
  const loaded = lab !== undefined || existsSync(defaultLabFile(recording, io)) ? await labFor(recording, lab, io) : undefined;
  const inView = io.isTTY && !values.headless;
  if (!inView) return loaded ? printVerdicts(file, recording, loaded, judgeRecording(loaded.lab, recording, autoWithinFor(loaded)).verdicts, io) : printTransitions(file, recording, io);
  const { replayInView } = await import('./replay-ui.js');
  const { initialRunViewState, initialViewState } = await import('../ui/index.js');
  const connection = recordedConnection(recording);
  const view = { file, speed, io, lang, terminal: extras.terminal };
  if (!loaded) {
    const subject = { name: recording.header.scenario, title: 'recording', file: '', learn: '' };
    const objects = (recording.header.manifests ?? []).flatMap((text) => parseManifests(text, file));
    await replayInView({ ...view, initial: initialViewState(subject, connection, objects), events: recordingEvents(recording), intro: false });
    return EXIT.ok;
  }
  const events: RunEvent[] = [];
  const { verdicts } = judgeRecording(loaded.lab, recording, autoWithinFor(loaded), { file: loaded.file, onEvent: (event) => events.push(asEmitted(event)) });
  await replayInView({ ...view, initial: initialRunViewState(loaded, connection, lang), events, intro: extras.intro ?? false });
  return printVerdicts(file, recording, loaded, verdicts, io);
}

export function readSpeed(text: string | undefined): number {
  if (text === undefined) return 1;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0 || text.trim() === '') throw new UserError(`--speed: expected a number above 0, e.g. 2 or 10, got "${text}"`);
  return speed;
}

/** The verdict lines and the exit code of a judged replay (the same in and out of the view). */
function printVerdicts(file: string, recording: Recording, loaded: LoadedLab, verdicts: (StepVerdict | undefined)[], io: Io): number {
  const start = Date.parse(recording.header.startedAt);
  io.out(`${file}: ${recording.header.scenario} judged by ${loaded.file}`);
  loaded.lab.spec.steps.forEach((step, index) => {
    const verdict = verdicts[index];
    const title = `step ${index + 1} ${step.name}`;
    if (!verdict) {
      io.out(`  - ${title}: not judged (an earlier step did not pass)`);
    } else if (verdict.state === 'passed') {
      const margin = stepMargin(verdict);
      // Each item has its own deadline: name the one with the least to spare, or the figures read as
      // if the step had passed after its deadline.
      const room = margin ? `, ${formatDuration(margin.marginMs)} to spare (${margin.item}, due ${formatDuration(margin.windowMs)} after the actions)${margin.marginMs < wantedMarginMs(margin.windowMs) ? ' (tight: under max(1s, 10%))' : ''}` : '';
      io.out(`  ✔ ${title}  (+${formatDuration(verdict.at! - start)}, ${formatDuration(verdict.at! - verdict.startedAt)} into the step${room}, on ${verdict.cause})`);
    } else if (verdict.state === 'failed') {
      io.out(`  ✘ ${title}  (+${formatDuration(verdict.at! - start)}): ${verdict.reason}`);
      for (const line of verdict.evidence) io.out(`      ${line}`);
    } else {
      io.out(`  ? ${title}: undetermined: ${verdict.reason}`);
    }
  });
  const count = (state: string) => verdicts.filter((v) => v?.state === state).length;
  const undetermined = count('pending');
  io.out(`${count('passed')} passed, ${count('failed')} failed${undetermined ? ` (${undetermined} step${undetermined === 1 ? '' : 's'} not covered by the recording)` : ''}`);
  return count('failed') === 0 && count('passed') > 0 ? EXIT.ok : EXIT.failed;
}

/** Without a lab there is nothing to judge: what happened, one line per transition. */
function printTransitions(file: string, recording: Recording, io: Io): number {
  const { header } = recording;
  const start = Date.parse(header.startedAt);
  io.out(`${file}: ${header.scenario} in namespace ${header.namespace}, recorded ${header.startedAt} (no lab to judge it: transitions only)`);
  for (const event of recordingEvents(recording)) {
    if (event.kind === 'observation') for (const text of transitionLines(event.transitions, start)) io.out(text);
  }
  return EXIT.ok;
}

/**
 * The judge goes on updating a pending verdict's items in place after emitting it (StepEvaluator
 * keeps its ItemStatus objects), and the view plays the events later: copy them as emitted.
 */
function asEmitted(event: RunEvent): RunEvent {
  if (event.kind !== 'stepStarted' && event.kind !== 'verdict') return event;
  const { verdict } = event;
  return { ...event, verdict: { ...verdict, evidence: [...verdict.evidence], items: verdict.items.map((item) => ({ ...item })) } };
}

/** Where the recording was made, for the view's state (the replay header names the file instead). */
function recordedConnection({ header }: Recording): ConnectionInfo {
  return { context: header.cluster?.context ?? 'recorded', server: '', serverVersion: header.cluster?.serverVersion };
}

function defaultLabFile(recording: Recording, io: Io): string {
  return join(io.cwd, 'labs', `${recording.header.scenario}.yaml`);
}

export async function readRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseRecording(text, file);
  } catch (error) {
    if (error instanceof RecordingError) throw new UserError(error.message);
    throw error;
  }
}

export async function labFor(recording: Recording, lab: string | undefined, io: Io): Promise<LoadedLab> {
  const file = lab ?? defaultLabFile(recording, io);
  if (!lab && !existsSync(file)) throw new UserError(`no lab named "${recording.header.scenario}" in labs/; pass --lab LAB.yaml`);
  const result = await loadLab(file);
  if (!result.ok) throw new UserError(`the lab is invalid:\n${result.errors.map(formatLabError).join('\n')}`);
  return result.loaded;
}
