// The `?` screen: what each key does.

import { line, Lines, type Line } from './lines.js';
import { truncateEnd } from './text.js';

export const KEYS: [string, string][] = [
  ['q, Ctrl-C', 'quit (stops the run and cleans up its namespace)'],
  ['?', 'show or hide this help'],
  ['↑ ↓', 'select a pod'],
  ['l', "show the selected pod's last log lines"],
  ['e', 'all events / recent events'],
  ['Esc', 'close this screen'],
];

export function helpLines(width: number, keys: readonly (readonly [string, string])[] = KEYS): Line[] {
  const pad = Math.max(...keys.map(([key]) => key.length));
  return [
    line('help-title', { text: 'Keys', bold: true }),
    ...keys.map(([key, what]) => line(`help-${key}`, { text: `  ${key.padEnd(pad)}  `, tone: 'accent' }, truncateEnd(what, Math.max(0, width - pad - 4)))),
    line('help-blank'),
    line('help-legend', { text: truncateEnd('A highlighted cell changed in the last 2 seconds.', width), tone: 'muted' }),
  ];
}

export function HelpOverlay({ width }: { width: number }) {
  return <Lines lines={helpLines(width)} />;
}
