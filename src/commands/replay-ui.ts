// `probelab replay` in a terminal: the recording's RunEvents played into the run view at recorded
// speed × --speed, with the player's keys. The view is the one `run` shows; only the header,
// the keys and `l` (no cluster to ask for logs) differ.

import type { Lang } from '../i18n/lang.js';
import { messagesFor } from '../i18n/messages.js';
import { createPlayer, type PlayerClock } from '../replay/player.js';
import type { RunEvent } from '../runner/events.js';
import { createRunStore, renderRun, replayFrame, type RenderRunOptions, type RunViewState } from '../ui/index.js';
import type { Io } from './command.js';

export interface ReplayViewOptions {
  /** The recording as the user named it (for the header). */
  file: string;
  /** The view before the first event: a lab's (with its steps) or a bare one. */
  initial: RunViewState;
  events: RunEvent[];
  speed: number;
  /** Show the lab's learning text and start on Enter (the demo). */
  intro: boolean;
  lang: Lang;
  io: Io;
  /** The terminal; process.stdout / process.stdin unless a test passes its own. */
  terminal?: Pick<RenderRunOptions, 'stdout' | 'stdin' | 'patchConsole'>;
  clock?: PlayerClock;
}

/** Resolves when the learner has quit the view. */
export async function replayInView({ file, initial, events, speed, intro, lang, io, terminal, clock }: ReplayViewOptions): Promise<void> {
  const store = createRunStore({ initial });
  const player = createPlayer({ events, dispatch: store.dispatch, reset: store.reset, speed, clock, onChange: (state) => store.tick(state.position) });
  const handle = renderRun({
    store,
    onQuit: () => player.stop(),
    fetchLogs: () => Promise.reject(new Error(messagesFor(lang).logs.notRecorded)),
    waitForStart: intro,
    now: () => player.state().position,
    env: io.env,
    lang,
    frame: replayFrame({ player, file, steps: initial.steps.length > 0 }),
    ...terminal,
  });
  if (await handle.started) player.play();
  await handle.waitUntilExit();
  player.stop();
}
