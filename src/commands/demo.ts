// `probelab` with no arguments in a terminal, which is what `npm start` runs: with a cluster that
// answers, the help (exit 0: the learner asked for nothing wrong); without one, say why in one
// line and offer to play a recorded run of a lab in the live view instead, so a first look at
// probelab never needs a cluster. (Outside a terminal main() prints the help and exits 2.)

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../exit-codes.js';
import { langFromLocale } from '../i18n/lang.js';
import { messagesFor } from '../i18n/messages.js';
import type { Io } from './command.js';

/** The cluster check must not keep a learner waiting: kubeconfig, client and GET /version in this time. */
export const CHECK_MS = 2_000;

/** The lab the demo plays, and a recording of it made on a real cluster (Kubernetes v1.32). */
export const DEMO_LAB = fileURLToPath(new URL('../../labs/readiness-exec.yaml', import.meta.url));
export const DEMO_RECORDING = fileURLToPath(new URL('../../demo/readiness-exec.jsonl', import.meta.url));

export interface NoArgumentsDeps {
  /** Undefined when the current kubeconfig's cluster answers, else why not (one line). */
  checkCluster(io: Io): Promise<string | undefined>;
  /** The learner's answer; undefined when they pressed Ctrl-C or closed the input. */
  ask(question: string): Promise<string | undefined>;
  /** Plays the demo recording; resolves to the exit code. */
  play(io: Io): Promise<number>;
}

export async function noArguments(io: Io, help: string, deps: NoArgumentsDeps = defaultDeps): Promise<number> {
  const problem = await deps.checkCluster(io);
  if (problem === undefined) {
    io.out(help);
    return EXIT.ok;
  }
  const m = messagesFor(langFromLocale(io.env)).demo;
  io.out(m.noCluster(problem));
  const answer = await deps.ask(m.offer('labs/readiness-exec.yaml'));
  if (answer === undefined) return EXIT.interrupted;
  if (!m.yes.test(answer.trim())) {
    io.out(help);
    return EXIT.ok;
  }
  return deps.play(io);
}

/** Undefined when the current kubeconfig's cluster answers GET /version within CHECK_MS, else why not. */
export async function checkCluster(io: Io): Promise<string | undefined> {
  const { createCluster } = await import('../cluster/cluster.js');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_MS / 1000} s`), CHECK_MS);
  });
  try {
    // Read-only: the guard is for fault injection, and nothing is changed here.
    const connected = createCluster({ env: io.env, guard: false, connectTimeoutMs: CHECK_MS }).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!,
    );
    return await Promise.race([connected, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function askLine(question: string): Promise<string | undefined> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const controller = new AbortController();
  rl.on('SIGINT', () => controller.abort());
  rl.on('close', () => controller.abort());
  try {
    return await rl.question(question, { signal: controller.signal });
  } catch {
    return undefined;
  } finally {
    rl.close();
  }
}

/** The readiness-exec recording judged by its lab, in the replay view after the lab's learning text. */
export async function playDemo(io: Io): Promise<number> {
  const { runReplay } = await import('./replay.js');
  const shown = relative(io.cwd, DEMO_RECORDING);
  return runReplay({ values: { lab: DEMO_LAB }, positionals: [shown.startsWith('..') ? DEMO_RECORDING : shown] }, io, { intro: true });
}

const defaultDeps: NoArgumentsDeps = { checkCluster, ask: askLine, play: playDemo };
