// Hands-on mode's pane: under the steps, what the learner runs in another terminal for the step in
// focus, laid out so a mouse selection runs as it is (the `c` screen copies it), how long probelab
// still waits for the first sign of the move, and any hint (not repeated once the step's failure
// reason carries it). Once the step's clock runs, what started it: the first sign (and the pod it
// bound), or the end of the wait.

import type { Messages } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import { armedText } from '../report/turn-text.js';
import type { HandsOnTurn, LearnerCommand } from '../runner/hands-on.js';
import { commandLines } from './command-lines.js';
import { line, Lines, type Line } from './lines.js';
import { cellWidth, shortPod, truncateEnd, wrapWords } from './text.js';
import type { Tone } from './theme.js';

export interface HandsOnPaneProps {
  turn: HandsOnTurn;
  /** The step's failure reason, when it failed: a hint it already carries is not said twice. */
  reason?: string;
  /** The step still waits for the learner (false once it settled, say a `never` guard failed it). */
  waiting: boolean;
  now: number;
  width: number;
  /** Rows the pane may take: the clock's note, then the pods to choose from, go first when short. */
  rows: number;
  m: Messages;
}

const INDENT = '  ';

export function handsOnLines({ turn, reason, waiting, now, width, rows, m }: HandsOnPaneProps): Line[] {
  const h = m.handsOn;
  const wrap = (key: string, text: string, tone: Tone) => wrapWords(text, Math.max(10, width - INDENT.length)).map((t, i) => line(`${key}-${i}`, INDENT, { text: t, tone }));
  const hintWords = turn.hint && h.hint(turn.hint);
  const hint = hintWords && !reason?.includes(hintWords) ? wrap('hands-on-hint', hintWords, 'warn') : [];
  const commands = turn.commands.flatMap((command, i) => commandLines(command.argv, width, INDENT, INDENT.repeat(3)).map((text, j) => line(`hands-on-command-${i}-${j}`, { text, bold: !turn.armed })));
  const choices = turn.commands.flatMap((command, i) => choiceLines(command, i, width, m));
  const armed = turn.armed;
  if (armed && armed.by !== 'nothing') {
    const title = line('hands-on-title', { text: h.title, bold: true, tone: 'accent' });
    return fit([title, ...wrap('hands-on-armed', armedText(turn, h), armed.by === 'sign' ? 'ok' : 'warn'), ...hint], [commands], rows);
  }
  const title = line('hands-on-title', { text: h.title, bold: true, tone: 'accent' }, truncateEnd(`  ${h.run(turn.commands.length)}`, Math.max(0, width - cellWidth(h.title))));
  if (armed) return fit([title, ...commands, ...wrap('hands-on-nothing', h.nothing, 'muted')], [choices], rows);
  const left = formatDuration(Math.max(0, Math.ceil((turn.waitUntil - now) / 1000) * 1000));
  const wait = waiting ? wrap('hands-on-waiting', h.waiting(left), 'muted') : [];
  return fit([title, ...commands, ...wait, ...hint], [choices], rows);
}

export function HandsOnPane(props: HandsOnPaneProps) {
  return <Lines lines={handsOnLines(props)} />;
}

/**
 * The lines that must be there, with the optional groups added in order while they fit (each
 * placed after the commands it belongs with: choices and notes go right after the title's block).
 */
function fit(required: Line[], optional: Line[][], rows: number): Line[] {
  const extra: Line[] = [];
  for (const group of optional) if (required.length + extra.length + group.length <= rows) extra.push(...group);
  const commandsEnd = required.findLastIndex((l) => l.key.startsWith('hands-on-command'));
  const at = commandsEnd === -1 ? required.length : commandsEnd + 1;
  return [...required.slice(0, at), ...extra, ...required.slice(at)];
}

/** "any running pod of app=x will do: a, b, c", with the pods' suffixes only when the names do not fit. */
function choiceLines(command: LearnerCommand, index: number, width: number, m: Messages): Line[] {
  if (!command.choice) return [];
  const { selector, pods } = command.choice;
  const room = Math.max(10, width - INDENT.length);
  const full = m.handsOn.choice(selector, pods.join(', '));
  const text = cellWidth(full) <= room ? full : m.handsOn.choice(selector, pods.map(shortPod).join(', '));
  return wrapWords(text, room).map((t, i) => line(`hands-on-choice-${index}-${i}`, INDENT, { text: t, tone: 'muted' }));
}
