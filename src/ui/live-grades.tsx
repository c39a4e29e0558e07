// The live checklist of `exercise check --watch` and the live score table of `verify --watch`:
// every check (or every student) with ✔/✘, redrawn at each re-grade, what changed last
// highlighted, and the change that caused it named in the header. q or Ctrl-C stops.

import { render, useInput, useWindowSize } from 'ink';
import { useSyncExternalStore } from 'react';
import type { ConnectionInfo, WatchHealth } from '../cluster/port.js';
import { elapsed, oneLine } from '../report/text.js';
import { passedEvery, type NamespaceGrade } from '../verify/grade.js';
import { turnedChecks } from '../verify/live-grading.js';
import type { LiveHeading } from '../verify/live-log.js';
import type { LiveOutcome, LivePresenter } from '../verify/live-session.js';
import { checkTable, scoreLine, scoreTable, sortGrades } from '../verify/tables.js';
import { watchSummary } from './header.js';
import { messagesFor } from '../i18n/messages.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { joinFitting, padCells, truncateEnd, wrapWords } from './text.js';
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

/** The view's lines for a terminal `width` columns wide and `rows` high (the checklist's reasons give way first). */
export function liveGradesLines(state: LiveGradesState, props: LiveGradesProps, width: number, rows = Number.POSITIVE_INFINITY): Line[] {
  const { heading, connection } = props;
  const single = heading.single;
  const health = watchSummary(state.watch, messagesFor('en'));
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
  // The frame stays a row short of the terminal: one as tall as the terminal scrolls at each redraw.
  else if (single) lines.push(...checklist(state.grades[0]!, state, heading.withLab, width, rows - 1 - lines.length - 2));
  else lines.push(...classTable(state, heading.withLab));
  lines.push(line('gap-end'));
  lines.push(state.outcome ? line('outcome', ENDINGS[state.outcome]) : line('keys', { text: 'each change in the namespace re-grades it · q stops', tone: 'muted' }));
  return lines;
}

/**
 * The check table as `verify` prints it, each reason wrapped in its column (the reason says what
 * to fix, so it is not cut while there is room); when the column would be too narrow, under its
 * check instead. Short of rows, passed checks lose their reasons first, then failing reasons
 * keep their first line only, and in a very short terminal only the ✔/✘ rows remain.
 */
function checklist(grade: NamespaceGrade, state: LiveGradesState, withLab: boolean, width: number, rows: number): Line[] {
  const [header, ...checkRows] = checkTable(grade.checks.map((check) => ({ ...check, reason: '' })), withLab);
  const column = checkTable(grade.checks, withLab)[0]!.indexOf('REASON');
  const inColumn = width - column >= MIN_REASON_WIDTH;
  const indent = ' '.repeat(inColumn ? column : UNDER_CHECK_INDENT);
  const turned = state.last?.namespace === grade.namespace ? state.last.turned : new Set<number>();
  const wrapped = grade.checks.map((check) => wrapWords(oneLine(check.reason), Math.max(1, width - indent.length)));
  const height = (reasons: string[][]) => 2 + (grade.error === undefined ? 0 : 1) + reasons.reduce((sum, r) => sum + Math.max(1, inColumn ? r.length : r.length + 1), 0);
  let reasons = wrapped;
  if (height(reasons) > rows) reasons = wrapped.map((r, i) => (grade.checks[i]!.passed ? [] : r));
  if (height(reasons) > rows) reasons = reasons.map((r) => (r.length > 1 ? [truncateEnd(`${r[0]!} ${r[1]!}`, Math.max(1, width - indent.length))] : r));
  if (height(reasons) > rows) reasons = reasons.map(() => []);
  const title = header!.replace(/\s+REASON$/, '');
  return [
    ...(grade.error === undefined ? [] : [line('error', { text: `error: ${grade.error}`, tone: 'bad' })]),
    line('header', { text: inColumn ? `${title.padEnd(column)}REASON` : title, bold: true }),
    ...checkRows.flatMap((row, i) => {
      const check = grade.checks[i]!;
      const reason = [...reasons[i]!];
      const glyph = { text: row.slice(0, 1), tone: check.passed ? ('ok' as const) : ('bad' as const), bold: true, highlight: turned.has(i) };
      const first = inColumn ? line(`check-${String(i)}`, glyph, padCells(row.slice(1), column - 1), reason.shift() ?? '') : line(`check-${String(i)}`, glyph, row.slice(1));
      return [first, ...reason.map((text, j) => line(`check-${String(i)}-${String(j)}`, indent, text))];
    }),
    line('score', { text: scoreLine(grade.score), bold: true, tone: passedEvery(grade) ? 'ok' : undefined }),
  ];
}

/** Narrower than this, a reason column would break every few words. */
const MIN_REASON_WIDTH = 30;
const UNDER_CHECK_INDENT = 5;

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
  const { columns, rows } = useWindowSize();
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
  });
  return <Lines lines={liveGradesLines(state, props, columns, rows)} />;
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
