// Two lines on top: which lab, and where it runs (context, server, namespace), for how long,
// and whether the watch is healthy.

import type { ConnectionInfo, WatchHealth } from '../cluster/port.js';
import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { formatElapsed, joinFitting, truncateEnd } from './text.js';
import type { Tone } from './theme.js';

export interface HeaderProps {
  lab: { name: string; title: string };
  connection: ConnectionInfo;
  namespace?: string;
  /** Omitted before the run starts. */
  elapsedMs?: number;
  watch: Readonly<Record<string, WatchHealth>>;
  width: number;
  m: Messages;
}

export function headerLines({ lab, connection, namespace, elapsedMs, watch, width, m }: HeaderProps): Line[] {
  const title = truncateEnd(`probelab  ${lab.name} · ${lab.title}`, width);
  const health = watchSummary(watch, m);
  const parts: (Segment & { priority: number })[] = [
    { text: `ctx ${connection.context}`, priority: 1 },
    { text: connection.server, priority: 5, tone: 'muted' },
    { text: `ns ${namespace ?? '-'}`, priority: 2 },
    ...(elapsedMs === undefined ? [] : [{ text: formatElapsed(elapsedMs), priority: 0 }]),
    ...(health ? [{ text: health.text, priority: 3, tone: health.tone }] : []),
  ];
  const fitted = joinFitting(parts, width, '  ');
  const second = fitted.flatMap((part, i) => (i === 0 ? [part] : [{ text: '  ' }, part]));
  return [line('title', { text: title, bold: true }), { key: 'where', segments: second }];
}

export function Header(props: HeaderProps) {
  return <Lines lines={headerLines(props)} />;
}

/** One word for the watches: a reconnecting one matters, since the view may be stale. */
export function watchSummary(watch: Readonly<Record<string, WatchHealth>>, m: Messages): { text: string; tone: Tone } | undefined {
  const all = Object.values(watch);
  if (all.length === 0) return undefined;
  const reconnecting = all.filter((h) => h.state === 'reconnecting');
  if (reconnecting.length > 0) {
    const first = reconnecting[0]!;
    return { text: m.watch.reconnecting(reconnecting.map((h) => h.resource).join(', '), first.state === 'reconnecting' ? first.attempt : 1), tone: 'warn' };
  }
  if (all.some((h) => h.state === 'connecting')) return { text: m.watch.connecting, tone: 'muted' };
  return { text: m.watch.ok, tone: 'ok' };
}
