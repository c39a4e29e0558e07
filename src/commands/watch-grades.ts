// Live grading on a terminal or as lines: what `exercise check --watch` and `verify --watch` share.
// In a terminal the live checklist (one namespace) or score table (a class) redraws at each
// re-grade, and q or Ctrl-C stops it; otherwise each change is a line, and Ctrl-C stops.

import type { LiveSource } from '../verify/live-grading.js';
import { lineLog, type LiveHeading } from '../verify/live-log.js';
import { gradeLive, type LiveRequest } from '../verify/live-session.js';
import type { LiveTerminal } from '../ui/live-grades.js';
import type { Io } from './command.js';
import { stopOnSignal } from './interrupt.js';

export interface WatchGrades {
  request: LiveRequest;
  heading: LiveHeading;
  /** For the view's title: `exercise check` or `verify`. */
  command: string;
  source: LiveSource;
  io: Io;
  /** A replay's end: nothing more can change. */
  ended?: Promise<void>;
  /** A test's fake terminal; process.stdout / stdin otherwise. */
  terminal?: LiveTerminal;
}

export async function watchGrades({ request, heading, command, source, io, ended, terminal }: WatchGrades): Promise<number> {
  const controller = new AbortController();
  const interrupt = stopOnSignal();
  const stop = () => controller.abort();
  interrupt.signal.addEventListener('abort', stop, { once: true });
  const view = io.isTTY
    ? (await import('../ui/live-grades.js')).renderLiveGrades({ command, heading, connection: source.connection, onQuit: stop, env: io.env, ...terminal })
    : undefined;
  try {
    const code = await gradeLive(request, source, { presenter: view ?? lineLog(heading, (text) => io.out(text)), signal: controller.signal, ended });
    // finished() has the view draw its last frame and leave.
    await view?.waitUntilExit();
    return code;
  } catch (error) {
    view?.unmount();
    throw error;
  } finally {
    interrupt.dispose();
  }
}
