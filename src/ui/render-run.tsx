// The entry point for `probelab run`: renders the run view on the terminal and hands back what
// the command needs to drive it. The caller owns the run: it wires store.dispatch to the
// runner's onEvent, aborts the run from onQuit, and awaits `started` before running when the
// learning text is shown.

import { render } from 'ink';
import { langFromLocale, type Lang } from '../i18n/lang.js';
import { osc52 } from './clipboard.js';
import type { RunStore } from './run-store.js';
import { RunApp } from './run-app.js';
import { ThemeContext, themeFromEnv } from './theme.js';
import type { ViewFrame } from './view-frame.js';

export interface RenderRunOptions {
  store: RunStore;
  /** q / Ctrl-C. Called again on each press, so a second one can force the way out. */
  onQuit(): void;
  /** The selected pod's last log lines (e.g. cluster.logs(namespace, pod, undefined, 50)). */
  fetchLogs?(pod: string): Promise<string>;
  /** The replay's or watch's header, keys and help instead of the run's (q then leaves at once). */
  frame?: ViewFrame;
  /** Show the lab's learning text and wait for Enter; false skips it (e.g. --no-intro). */
  waitForStart: boolean;
  /** Hands-on mode on the intro: 'offer' lets `h` start the lab hands-on, 'on' starts it so with Enter. */
  handsOn?: 'offer' | 'on';
  /** `w` during a hands-on turn: wait a minute longer for the learner's move. */
  onExtend?(): void;
  /** Advances the view's clock between events (highlights fade, ages tick); usually Date.now. */
  now?: () => number;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: Record<string, string | undefined>;
  /** The view's language; the locale's (LC_ALL, LC_MESSAGES, LANG) when not given. */
  lang?: Lang;
  /** Route console.* output above the view instead of through it (default true). */
  patchConsole?: boolean;
}

export interface RunHandle {
  /** Resolves true when the learner pressed Enter (at once without the intro), false if they quit first. */
  started: Promise<boolean>;
  /** Once started: whether the learner chose hands-on mode (`h`, or Enter when it was on). */
  handsOn(): boolean;
  /** Resolves when the view has gone (q after the run, or unmount()). */
  waitUntilExit(): Promise<void>;
  unmount(): void;
}

/** How often the clock moves the view when nothing else happens (the store still batches). */
const TICK_MS = 100;

export function renderRun(options: RenderRunOptions): RunHandle {
  const { store } = options;
  let resolveStarted: (started: boolean) => void = () => undefined;
  const started = options.waitForStart ? new Promise<boolean>((resolve) => (resolveStarted = resolve)) : Promise.resolve(true);
  const onQuit = () => {
    resolveStarted(false);
    options.onQuit();
  };
  let handsOn = options.handsOn === 'on';
  const intro = options.waitForStart
    ? {
        handsOn: options.handsOn,
        onStart: (chosen: boolean) => {
          handsOn = chosen;
          resolveStarted(true);
        },
      }
    : undefined;
  const stdout = options.stdout ?? process.stdout;
  const lang = options.lang ?? langFromLocale(options.env ?? process.env);
  // Between ink's frames: the sequence moves no cursor, so the frame ink redraws next is unharmed.
  const copy = (text: string) => void stdout.write(osc52(text));
  const instance = render(
    <ThemeContext.Provider value={themeFromEnv(options.env)}>
      <RunApp store={store} onQuit={onQuit} fetchLogs={options.fetchLogs} intro={intro} frame={options.frame} lang={lang} copy={copy} onExtend={options.onExtend} />
    </ThemeContext.Provider>,
    {
      stdout: options.stdout,
      stdin: options.stdin,
      exitOnCtrlC: false,
      patchConsole: options.patchConsole ?? true,
      maxFps: 10,
      // The commands choose the live view only for a terminal (and choose the line log when CI is
      // set), so a view that was chosen draws live; ink's own CI detection would print only the
      // last frame.
      interactive: Boolean(stdout.isTTY),
    },
  );
  const now = options.now;
  const ticker = now ? setInterval(() => store.tick(now()), TICK_MS) : undefined;
  const exited = instance.waitUntilExit().then(
    () => undefined,
    () => undefined,
  );
  void exited.finally(() => {
    clearInterval(ticker);
    resolveStarted(false);
  });
  return {
    started,
    handsOn: () => handsOn,
    waitUntilExit: () => exited,
    unmount: () => instance.unmount(),
  };
}
