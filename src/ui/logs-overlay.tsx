// The `l` screen: the selected pod's last log lines, fetched by the caller (the UI holds no
// cluster client).

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line } from './lines.js';
import { truncateEnd } from './text.js';

export type LogsView = { pod: string; state: 'loading' } | { pod: string; state: 'loaded'; text: string } | { pod: string; state: 'failed'; error: string };

export function logLines(view: LogsView, width: number, maxLines: number, m: Messages): Line[] {
  const title = line('logs-title', { text: truncateEnd(m.logs.title(view.pod), width), bold: true });
  if (view.state === 'loading') return [title, line('logs-loading', { text: `  ${m.logs.loading}`, tone: 'muted' })];
  if (view.state === 'failed') return [title, line('logs-error', { text: truncateEnd(`  ${view.error}`, width), tone: 'bad' })];
  const all = view.text.replace(/\n$/, '').split('\n');
  if (view.text.trim() === '') return [title, line('logs-empty', { text: `  ${m.logs.empty}`, tone: 'muted' })];
  const shown = all.slice(-Math.max(1, maxLines - 1));
  return [title, ...shown.map((text, i) => line(`log-${i}`, truncateEnd(text.replace(/\t/g, '  '), width)))];
}

export function LogsOverlay({ view, width, maxLines, m }: { view: LogsView; width: number; maxLines: number; m: Messages }) {
  return <Lines lines={logLines(view, width, maxLines, m)} />;
}
