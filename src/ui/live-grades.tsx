// The live checklist of `exercise check --watch` and the live score table of `verify --watch`:
// every check (or every student) with ✔/✘, redrawn at each re-grade, what changed last
// highlighted, and the change that caused it named in the header. q or Ctrl-C stops.

import { render, useInput, useWindowSize } from 'ink';
import { useSyncExternalStore } from 'react';
import type { ConnectionInfo, WatchHealth } from '../cluster/port.js';
import { elapsed } from '../report/text.js';
import { passedEvery, type NamespaceGrade } from '../verify/grade.js';
import { turnedChecks } from '../verify/live-grading.js';
import type { LiveHeading } from '../verify/live-log.js';
import type { LiveOutcome, LivePresenter } from '../verify/live-session.js';
import { checkTable, scoreLine, scoreTable, sortGrades } from '../verify/tables.js';
import { watchSummary } from './header.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { joinFitting, truncateEnd } from './text.js';
import { ThemeContext, themeFromEnv } from './theme.js';

export interface LiveGradesState {
  grades: readonly NamespaceGrade[];
  /** The re-grade shown last: which namespace, what caused it, and which checks it turned. */
  last?: { namespace: string; cause: string; at: number; turned: ReadonlySet<number> };
  startedAt?: number;
  watch: Readonly<Record<string, WatchHealth>>;
  outcome?: LiveOutcome;
}

export interface LiveGradesProps {
  /** `exercise check` or `verify`, for the title. */
  command: string;
  heading: LiveHeading;
  connection: ConnectionInfo;
}

const ENDINGS: Record<LiveOutcome, Segment> = {
  passed: { text: '✔ every check passes', tone: 'ok', bold: true },
  interrupted: { text: 'stopped', tone: 'warn', bold: true },
  ended: { text: 'the recording ended', tone: 'warn', bold: true },
};

export function liveGradesLines(state: LiveGradesState, props: LiveGradesProps, width: number): Line[] {
  const { heading, connection } = props;
  const single = heading.single;
  const health = watchSummary(state.watch);
  const where = joinFitting(
    [
      { text: `ctx ${connection.context}`, priority: 1 },
      { text: single ? `ns ${state.grades[0]?.namespace ?? '-'}` : `${String(state.grades.length)} namespaces`, priority: 2 },
      ...(health ? [{ text: health.text, tone: health.tone, priority: 3 }] : []),
      ...(state.last && state.startedAt !== undefined
        ? [{ text: `${elapsed(state.last.at - state.startedAt)} ${single ? '' : `${state.last.namespace}: `}${state.last.cause}`, tone: 'muted' as const, priority: 4 }]
        : []),
    ],
    width,
    '  ',
  );
  const lines: Line[] = [
    line('title', { text: truncateEnd(`probelab  ${props.command} · ${heading.title}`, width), bold: true }),
    { key: 'where', segments: where.flatMap((part, i) => (i === 0 ? [part] : [{ text: '  ' }, part])) },
    line('gap'),
  ];
  if (state.grades.length === 0) lines.push(line('waiting', { text: 'reading the namespace…', tone: 'muted' }));
  else if (single) lines.push(...checklist(state.grades[0]!, state, heading.withLab));
  else lines.push(...classTable(state, heading.withLab));
  lines.push(line('gap-end'));
  lines.push(state.outcome ? line('outcome', ENDINGS[state.outcome]) : line('keys', { text: 'each change in the namespace re-grades it · q stops', tone: 'muted' }));
  return lines;
}

function checklist(grade: NamespaceGrade, state: LiveGradesState, withLab: boolean): Line[] {
  const [header, ...rows] = checkTable(grade.checks, withLab);
  const turned = state.last?.namespace === grade.namespace ? state.last.turned : new Set<number>();
  return [
    ...(grade.error === undefined ? [] : [line('error', { text: `error: ${grade.error}`, tone: 'bad' })]),
    line('header', { text: header!, bold: true }),
    ...rows.map((row, i) => {
      const passed = grade.checks[i]!.passed;
      return line(`check-${String(i)}`, { text: row.slice(0, 1), tone: passed ? 'ok' : 'bad', bold: true, highlight: turned.has(i) }, row.slice(1));
    }),
    line('score', { text: scoreLine(grade.score), bold: true, tone: passedEvery(grade) ? 'ok' : undefined }),
  ];
}

function classTable(state: LiveGradesState, withLab: boolean): Line[] {
  const [header, ...rows] = scoreTable(state.grades, withLab);
  const sorted = sortGrades(state.grades);
  const perfect = state.grades.filter(passedEvery).length;
  return [
    line('header', { text: header!, bold: true }),
    ...rows.map((row, i) => {
      const grade = sorted[i]!;
      const tone = grade.error !== undefined ? 'bad' : passedEvery(grade) ? 'ok' : undefined;
      return line(`ns-${grade.namespace}`, { text: row, tone, highlight: state.last?.namespace === grade.namespace });
    }),
    line('summary', { text: `${String(perfect)} of ${String(state.grades.length)} namespaces passed every check`, bold: true }),
  ];
}

interface Store {
  get(): LiveGradesState;
  subscribe(listener: () => void): () => void;
}

function LiveGrades({ store, onQuit, ...props }: LiveGradesProps & { store: Store; onQuit(): void }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const { columns } = useWindowSize();
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
  });
  return <Lines lines={liveGradesLines(state, props, columns)} />;
}

export interface LiveGradesView extends LivePresenter {
  /** Resolves when the view has gone. */
  waitUntilExit(): Promise<void>;
  unmount(): void;
}

export interface LiveTerminal {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Route console.* output above the view (default true). */
  patchConsole?: boolean;
}

export function renderLiveGrades(props: LiveGradesProps & LiveTerminal & { onQuit(): void; env?: Record<string, string | undefined> }): LiveGradesView {
  let state: LiveGradesState = { grades: [], watch: {} };
  const listeners = new Set<() => void>();
  const set = (next: LiveGradesState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const store: Store = {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const { onQuit, stdout, stdin, env, patchConsole, ...view } = props;
  const instance = render(
    <ThemeContext.Provider value={themeFromEnv(env)}>
      <LiveGrades store={store} onQuit={onQuit} {...view} />
    </ThemeContext.Provider>,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: patchConsole ?? true, maxFps: 10, interactive: Boolean((stdout ?? process.stdout).isTTY) },
  );
  const exited = instance.waitUntilExit().then(
    () => undefined,
    () => undefined,
  );
  return {
    graded(update, grades) {
      set({
        ...state,
        grades,
        startedAt: state.startedAt ?? update.at,
        last: update.previous === undefined && !props.heading.single ? state.last : { namespace: update.grade.namespace, cause: update.cause, at: update.at, turned: new Set(turnedChecks(update)) },
      });
    },
    health(namespace, health) {
      set({ ...state, watch: { ...state.watch, [`${namespace}/${health.resource}`]: health } });
    },
    finished(outcome, grades) {
      set({ ...state, grades, outcome });
      // The final frame stays on the terminal: ink draws it once more as it unmounts.
      setTimeout(() => instance.unmount(), 0);
    },
    waitUntilExit: () => exited,
    unmount: () => instance.unmount(),
  };
}
