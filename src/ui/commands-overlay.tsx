// The `c` screen: the kubectl command behind every action so far (and, hands-on, every command
// the learner was asked to run), step by step, laid out so a mouse selection runs as it is
// (command-lines.ts); the selected one is what `c` / Enter copy.

import type { Messages } from '../i18n/messages.js';
import { commandLines } from './command-lines.js';
import { line, type Line } from './lines.js';
import type { StepRow } from './run-view-state.js';
import { cellWidth, truncateEnd, wrapWords } from './text.js';

export interface CommandEntry {
  /** 0-based step. */
  step: number;
  argv: readonly string[];
}

/** Each step's commands: probelab's actions, then in hands-on mode the ones the learner runs. */
export function commandEntries(steps: readonly StepRow[]): CommandEntry[] {
  return steps.flatMap((step, index) => [
    ...step.actions.flatMap((action) => (action.argv ? [{ step: index, argv: action.argv }] : [])),
    ...(step.handsOn?.commands ?? []).map((command) => ({ step: index, argv: command.argv })),
  ]);
}

export interface CommandsPanelProps {
  steps: readonly StepRow[];
  /** Index into commandEntries(steps). */
  selected: number;
  /** The step whose command was last copied, to say so. */
  copied?: number;
  width: number;
  rows: number;
  m: Messages;
}

export function commandsPanelLines({ steps, selected, copied, width, rows, m }: CommandsPanelProps): Line[] {
  const entries = commandEntries(steps);
  const title = line('commands-title', { text: m.commands.title, bold: true }, { text: truncateEnd(`  ${m.commands.hint}`, Math.max(0, width - cellWidth(m.commands.title))), tone: 'muted' });
  if (entries.length === 0) return [title, ...wrapWords(m.commands.none, width - 2).map((text, i) => line(`commands-none-${i}`, '  ', { text, tone: 'muted' }))];
  const status = copied === undefined ? [] : wrapWords(m.commands.copied(copied + 1), width).map((text, i) => line(`commands-copied-${i}`, { text, tone: 'ok' }));
  const body: Line[] = [];
  let selectedFrom = 0;
  let selectedTo = 0;
  entries.forEach((entry, index) => {
    if (index === 0 || entries[index - 1]!.step !== entry.step) {
      body.push(line(`commands-step-${entry.step}`, { text: truncateEnd(m.commands.step(entry.step + 1, steps[entry.step]!.name), width), tone: 'accent' }));
    }
    const chosen = index === selected;
    if (chosen) selectedFrom = body.length;
    // The selection is shown by style alone: a marker character would be copied with the lines.
    commandLines(entry.argv, width, '  ', '      ').forEach((text, i) => body.push(line(`commands-${index}-${i}`, chosen ? { text, bold: true } : { text, tone: 'muted' })));
    if (chosen) selectedTo = body.length - 1;
  });
  const room = Math.max(1, rows - 1 - (status.length ? status.length + 1 : 0));
  const start = Math.min(selectedFrom, Math.max(0, selectedTo - room + 1));
  return [title, ...body.slice(start, start + room), ...(status.length ? [line('commands-gap'), ...status] : [])];
}
