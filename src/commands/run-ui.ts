// `probelab run` in a terminal: the learning text, then the live view driven by the runner's
// events, then the outcome and the lab's explanation until the learner quits. `q` during the run
// stops it (cleanup still runs and shows), a second `q` leaves at once; during --pause-on-failure
// it ends the pause. `h` on the learning text (or --hands-on) runs the lab hands-on, and `w` then
// waits longer for the learner's move.

import type { Lang } from '../i18n/lang.js';
import { createRunStore, renderRun } from '../ui/index.js';
import type { LoadedLab } from '../lab/load.js';
import { resultSkeleton, type LabResult } from '../runner/events.js';
import { runLab, type RunLabOptions } from '../runner/run-lab.js';
import { LearnerControls } from '../runner/hands-on-turn.js';
import type { Io } from './command.js';

export interface RunWithUiOptions {
  loaded: LoadedLab;
  options: RunLabOptions;
  /** 'on': the run is hands-on (--hands-on); 'offer': `h` on the learning text makes it so. */
  handsOn: { mode: 'offer' | 'on'; waitMs: number };
  pauseOnFailure: boolean;
  lang: Lang;
  /** Leaves at once (cleanup unfinished): a second q / Ctrl-C while cleanup runs. */
  exitNow(): void;
  io: Io;
}

export async function runWithUi({ loaded, options, handsOn, pauseOnFailure, lang, exitNow, io }: RunWithUiOptions): Promise<LabResult> {
  const store = createRunStore({ loaded, connection: options.cluster.connection, lang });
  const controller = new AbortController();
  options.signal.addEventListener('abort', () => controller.abort(), { once: true });
  let namespace: string | undefined;
  let endPause: (() => void) | undefined;
  let finished = false;
  const controls = new LearnerControls();
  const handle = renderRun({
    store,
    onQuit: () => {
      if (endPause) endPause();
      else if (finished) handle.unmount();
      else if (controller.signal.aborted) {
        // The second press while cleanup runs: give the terminal back, then leave.
        handle.unmount();
        exitNow();
      } else controller.abort();
    },
    fetchLogs: async (pod) => (namespace ? options.cluster.logs(namespace, pod, undefined, 50) : ''),
    waitForStart: true,
    handsOn: handsOn.mode,
    onExtend: () => controls.extend(),
    now: () => options.clock.now(),
    env: io.env,
    lang,
  });
  if (!(await handle.started)) {
    handle.unmount();
    return { ...resultSkeleton(loaded, options.clock.now()), outcome: 'interrupted' };
  }
  const result = await runLab({
    ...options,
    ...(handle.handsOn() ? { handsOn: { waitMs: handsOn.waitMs, controls } } : {}),
    signal: controller.signal,
    onEvent: (event) => {
      if (event.kind === 'started') namespace = event.namespace;
      options.onEvent?.(event);
      store.dispatch(event);
    },
    pauseOnFailure: pauseOnFailure ? () => new Promise<void>((resolve) => (endPause = resolve)).finally(() => (endPause = undefined)) : undefined,
  });
  finished = true;
  // After an interrupt there is nothing more to read: leave once cleanup has shown.
  if (controller.signal.aborted) handle.unmount();
  await handle.waitUntilExit();
  return result;
}
