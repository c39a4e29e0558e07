// The run view: header, steps, pods, endpoints, probes and events sized to the terminal, with
// the learning text before the run and the outcome and "what happened" after it. State comes
// from the store (throttled); only view choices (selection, overlays) live here.

import { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, useApp, useInput, useWindowSize } from 'ink';
import type { Lang } from '../i18n/lang.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { commandLine } from '../report/kubectl.js';
import { commandEntries, commandsPanelLines } from './commands-overlay.js';
import { endpointLines } from './endpoints-pane.js';
import { eventLines, RECENT_EVENTS } from './events-pane.js';
import { handsOnLines } from './hands-on-pane.js';
import { headerLines } from './header.js';
import { helpLines, runKeys } from './help-overlay.js';
import { introLines, introMaxOffset } from './intro-screen.js';
import { allocate, whole } from './layout.js';
import { line, Lines, type Line } from './lines.js';
import { logLines, type LogsView } from './logs-overlay.js';
import { explainLines, outcomeLines } from './outcome-pane.js';
import { podTableLines, type PodsFilterView } from './pods-table.js';
import { usePodsNavigation } from './pods-navigation.js';
import { currentProbeLines } from './probe-lines.js';
import { probeLines } from './probes-pane.js';
import type { RunStore } from './run-store.js';
import { focusStepIndex, type PodRow, type RunViewState } from './run-view-state.js';
import { stepLines } from './steps-pane.js';
import { joinFitting, truncateEnd } from './text.js';
import type { ViewFrame } from './view-frame.js';

export interface RunAppProps {
  store: RunStore;
  /** q or Ctrl-C: the caller stops the run and cleans up; the view stays until the run finishes. */
  onQuit(): void;
  /** The selected pod's recent log output, for `l`. */
  fetchLogs?(pod: string): Promise<string>;
  /**
   * Show the lab's learning text first; onStart runs when the learner presses Enter, or `h` to
   * run the lab hands-on when `handsOn` is 'offer' ('on': Enter starts it hands-on).
   */
  intro?: { onStart(handsOn: boolean): void; handsOn?: 'offer' | 'on' };
  /** The replay's or watch's header, keys and help instead of the run's; q then leaves at once. */
  frame?: ViewFrame;
  /** The language of the view's own words (the lab's texts come localised in the state). */
  lang?: Lang;
  /** Puts text on the clipboard (the `c` screen's copy); without it `c` only shows. */
  copy?(text: string): void;
  /** Hands-on mode: `w`, the learner asks probelab to wait a minute longer for the first sign. */
  onExtend?(): void;
}

type Overlay = { kind: 'help' } | { kind: 'logs'; view: LogsView } | { kind: 'commands'; selected: number; copied?: number };

export function RunApp({ store, onQuit, fetchLogs, intro, frame, lang = 'en', copy, onExtend }: RunAppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const m = messagesFor(lang);
  const { columns, rows } = useWindowSize();
  const { exit } = useApp();
  const [introShown, setIntroShown] = useState(intro !== undefined);
  const [introOffset, setIntroOffset] = useState(0);
  const [overlay, setOverlay] = useState<Overlay>();
  const [allEvents, setAllEvents] = useState(false);
  const [quitting, setQuitting] = useState(false);
  const nav = usePodsNavigation(state.pods, state.now);
  // The last row stays empty: a frame as tall as the terminal scrolls it on every redraw.
  const height = Math.max(4, rows - 1);

  // Quit during a run: the caller cleans up, and the view leaves once the run says it is done.
  useEffect(() => {
    if (quitting && state.finished) exit();
  }, [quitting, state.finished, exit]);

  useInput((input, key) => {
    // While the filter is typed, every key but Ctrl-C is the filter's (q is a letter of it).
    if (nav.typing && !introShown && overlay === undefined && !(key.ctrl && input === 'c')) return nav.type(input, key);
    if (input === 'q' || (key.ctrl && input === 'c')) {
      onQuit();
      if (state.finished || introShown || frame) exit();
      else setQuitting(true);
      return;
    }
    if (key.escape) return overlay ? setOverlay(undefined) : nav.clearFilter();
    if (input === '?') return setOverlay(overlay?.kind === 'help' ? undefined : { kind: 'help' });
    if (introShown) {
      const handsOn = intro?.handsOn === 'on' || (intro?.handsOn === 'offer' && input === 'h');
      if (key.return || handsOn) {
        setIntroShown(false);
        intro?.onStart(handsOn);
      }
      const max = introMaxOffset(state.lab.learn, columns, height, intro?.handsOn, m);
      if (key.upArrow) setIntroOffset((o) => Math.max(0, Math.min(o, max) - 1));
      if (key.downArrow) setIntroOffset((o) => Math.min(max, o + 1));
      return;
    }
    const entries = commandEntries(state.steps);
    /** The commands screen with `selected` chosen, and that command copied. */
    const commandsAt = (selected: number): Overlay => {
      const entry = entries[selected];
      if (!entry || !copy) return { kind: 'commands', selected };
      copy(commandLine(entry.argv));
      return { kind: 'commands', selected, copied: entry.step };
    };
    if (overlay?.kind === 'commands') {
      if (input === 'c' || key.return) return setOverlay(commandsAt(overlay.selected));
      if (key.upArrow) return setOverlay({ kind: 'commands', selected: Math.max(0, overlay.selected - 1) });
      if (key.downArrow) return setOverlay({ kind: 'commands', selected: Math.max(0, Math.min(entries.length - 1, overlay.selected + 1)) });
    }
    if (frame?.onInput?.(input, key)) return;
    if (input === 'w' && waitingTurn(state)) return onExtend?.();
    // Opening the screen copies the latest command: the one a learner most likely wants.
    if (input === 'c' && state.steps.length > 0) return setOverlay(commandsAt(Math.max(0, entries.length - 1)));
    if (input === 'e') setAllEvents((all) => !all);
    if (input === 'l') {
      if (overlay?.kind === 'logs' || nav.selected === undefined) return setOverlay(undefined);
      showLogs(nav.selected, fetchLogs, setOverlay, m);
    }
    if (input === '/' && overlay === undefined) return nav.openFilter();
    nav.move(key);
  });

  const header = frame?.header?.(state, columns, m) ?? headerLines({
    lab: { name: state.lab.name, title: state.lab.title },
    connection: state.connection,
    namespace: state.namespace,
    elapsedMs: state.startedAt === undefined ? undefined : (state.finished?.at ?? state.now) - state.startedAt,
    watch: state.watch,
    width: columns,
    m,
  });
  const footer = frame?.footer && !introShown ? frame.footer(state, columns, m) : footerLine(state, columns, quitting, introShown, m);
  const body = height - header.length - 1;

  let content: Line[];
  if (overlay?.kind === 'help') content = helpLines(columns, frame?.keys(m) ?? runKeys(m, state.steps.some((step) => step.handsOn)), m).slice(0, body);
  else if (overlay?.kind === 'logs') content = logLines(overlay.view, columns, body, m);
  else if (overlay?.kind === 'commands') content = commandsPanelLines({ steps: state.steps, selected: overlay.selected, copied: overlay.copied, width: columns, rows: body, m });
  else if (introShown) content = introLines({ title: state.lab.title, learn: state.lab.learn, width: columns, rows: body, offset: introOffset, handsOn: intro?.handsOn, m });
  else content = runLines(state, { width: columns, rows: body, pods: nav.pods, selected: nav.selected, top: nav.top, filter: nav.filter, allEvents, m });
  nav.shown(content);

  return (
    <Box flexDirection="column" width={columns}>
      <Lines lines={[...header, ...content, footer]} />
    </Box>
  );
}

interface RunLayout {
  width: number;
  rows: number;
  /** The pods the pane lists: all, or the filter's matches. */
  pods: readonly PodRow[];
  selected?: string;
  /** The pods pane's first row (it scrolls). */
  top: number;
  filter?: PodsFilterView;
  allEvents: boolean;
  m: Messages;
}

/** The panes of a running (or finished) lab, fitted into `rows`. */
function runLines(state: RunViewState, { width, rows, pods, selected, top, filter, allEvents, m }: RunLayout): Line[] {
  const { now } = state;
  const podsReserve = Math.min(3, 2 + pods.length);
  const focus = focusStepIndex(state);
  const focused = focus === undefined || state.finished ? undefined : state.steps[focus];
  const turn = focused?.handsOn;
  const panes = allocate(
    [
      // The learner's commands come first: without them a hands-on step cannot go on.
      { id: 'handsOn', lines: (room) => (turn ? handsOnLines({ turn, reason: focused?.state === 'failed' ? focused.verdict?.reason : undefined, waiting: waitingTurn(state), now, width, rows: room - podsReserve - 1 - state.steps.length, m }) : []) },
      {
        id: 'steps',
        lines: (room) => {
          // A view without a lab (watch, a replay nothing judges) has no steps pane at all.
          if (state.steps.length === 0) return [];
          // The step's explanation only where the pods table stays whole below it; the
          // predicted window before the current values go compact.
          for (const tier of STEP_TIERS) {
            const lines = stepLines({ steps: state.steps, now, width, focus, bindings: state.bindings, m, ...tier });
            if (lines.length <= room - (tier.explain ? 2 + pods.length : podsReserve)) return lines;
          }
          return stepLines({ steps: state.steps, now, width, detail: 'none', focus, m });
        },
      },
      { id: 'outcome', lines: () => outcomeLines({ state, width, m }) },
      { id: 'pods', lines: (room) => (room >= 3 ? podTableLines({ pods, now, width, selected, top, filter, maxLines: room, m }) : []) },
      { id: 'explain', lines: (room) => clip(explainLines({ state, width, m }), room - podsReserve, width, m) },
      { id: 'endpoints', lines: (room) => whole(endpointLines({ services: state.services, now, width, m }), room - (allEvents ? 3 : 0)) },
      { id: 'events', lines: (room) => (room >= 3 ? eventLines({ events: state.events, now, width, all: allEvents, maxLines: allEvents ? room : Math.min(room, RECENT_EVENTS + 2), m }) : []) },
      { id: 'probes', lines: (room) => whole(probeLines({ probes: currentProbeLines(state.pods, state.manifestProbes), width, m }), room) },
    ],
    rows,
  );
  const order = ['steps', 'handsOn', 'outcome', 'explain', 'pods', 'endpoints', 'probes', 'events'];
  return order.flatMap((id) => panes.get(id) ?? []);
}

/** The steps pane from the most to the least it shows of the step in focus. */
const STEP_TIERS = [
  { detail: 'full', window: true, explain: true },
  { detail: 'full', window: true, explain: false },
  { detail: 'compact', window: true, explain: false },
  { detail: 'compact', window: false, explain: false },
] as const;

/** The first lines that fit, the last one saying there is more. */
function clip(lines: Line[], room: number, width: number, m: Messages): Line[] {
  if (lines.length <= room) return lines;
  if (room < 2) return [];
  return [...lines.slice(0, room - 1), line('clipped', { text: truncateEnd(m.outcome.clipped, width), tone: 'muted' })];
}

function footerLine(state: RunViewState, width: number, quitting: boolean, intro: boolean, m: Messages): Line {
  if (intro) return line('footer', { text: truncateEnd(m.footer.help, width), tone: 'muted' });
  if (quitting && !state.finished) return line('footer', { text: truncateEnd(m.footer.stopping, width), tone: 'warn' });
  const keys = [
    { text: state.finished ? m.footer.exit : m.footer.quit, priority: 0 },
    { text: m.footer.select, priority: 2 },
    { text: m.footer.filter, priority: 2 },
    { text: m.footer.logs, priority: 4 },
    { text: m.footer.events, priority: 3 },
    // A view without steps (watch) has no actions to show commands for.
    ...(state.steps.length > 0 ? [{ text: m.footer.commands, priority: 1 }] : []),
    ...(waitingTurn(state) ? [{ text: m.footer.extend, priority: 1 }] : []),
    { text: m.footer.help, priority: 0 },
  ];
  return line('footer', { text: joinFitting(keys, width, '  ').map((k) => k.text).join('  '), tone: 'muted' });
}

/** The step in focus waits for the first sign of a learner's move. */
function waitingTurn(state: RunViewState): boolean {
  const focus = focusStepIndex(state);
  const step = focus === undefined || state.finished ? undefined : state.steps[focus];
  return step?.state === 'acting' && step.handsOn !== undefined && step.handsOn.armed === undefined;
}

function showLogs(pod: string, fetchLogs: RunAppProps['fetchLogs'], setOverlay: (update: (current: Overlay | undefined) => Overlay | undefined) => void, m: Messages): void {
  if (!fetchLogs) {
    setOverlay(() => ({ kind: 'logs', view: { pod, state: 'failed', error: m.logs.unavailable } }));
    return;
  }
  setOverlay(() => ({ kind: 'logs', view: { pod, state: 'loading' } }));
  const settle = (view: LogsView) => setOverlay((current) => (current?.kind === 'logs' && current.view.pod === pod ? { kind: 'logs', view } : current));
  fetchLogs(pod).then(
    (text) => settle({ pod, state: 'loaded', text }),
    (error: unknown) => settle({ pod, state: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
}
