// The `?` screen: what each key does.

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line } from './lines.js';
import { cellWidth, padCells, truncateEnd } from './text.js';

export type HelpKey = readonly [key: string, what: string];

/** The run view's keys (`w` in a hands-on run); the replay and watch frames reuse the ones that mean the same there. */
export function runKeys(m: Messages, handsOn = false): HelpKey[] {
  return [
    ['q, Ctrl-C', m.help.quit],
    ['?', m.help.help],
    ['↑ ↓', m.help.select],
    ['PgUp PgDn', m.help.page],
    ['/', m.help.filter],
    ['l', m.help.logs],
    ['e', m.help.events],
    ['c', m.help.commands],
    ...(handsOn ? [['w', m.help.extend] as const] : []),
    ['Esc', m.help.close],
  ];
}

export function helpLines(width: number, keys: readonly HelpKey[], m: Messages): Line[] {
  const pad = Math.max(...keys.map(([key]) => cellWidth(key)));
  return [
    line('help-title', { text: m.heading.keys, bold: true }),
    ...keys.map(([key, what]) => line(`help-${key}`, { text: `  ${padCells(key, pad)}  `, tone: 'accent' }, truncateEnd(what, Math.max(0, width - pad - 4)))),
    line('help-blank'),
    line('help-legend', { text: truncateEnd(m.help.legend, width), tone: 'muted' }),
  ];
}

export function HelpOverlay({ width, keys, m }: { width: number; keys: readonly HelpKey[]; m: Messages }) {
  return <Lines lines={helpLines(width, keys, m)} />;
}
