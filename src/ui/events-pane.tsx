// Recent events as the Events section of `kubectl describe` shows them: Type Reason Age From
// Message, repeats folded into "7m38s (x3 over 7m48s)" (describeEventRow), oldest first.
// Narrow terminals drop From, then Type (a Warning's reason turns red instead) and cut the message.

import type { Messages } from '../i18n/messages.js';
import type { EventView } from '../timeline/events.js';
import { describeEventRow } from '../timeline/events.js';
import { since } from '../timeline/duration.js';
import { line, Lines, type Line } from './lines.js';
import { cellWidth, fitColumns, layoutRow, truncateEnd, type Column } from './text.js';

export interface EventsPaneProps {
  events: readonly EventView[];
  now: number;
  width: number;
  /** All events (that fit) rather than the last few. */
  all: boolean;
  /** Lines available, title and column headers included; undefined: no limit. */
  maxLines?: number;
  m: Messages;
}

/** Events in the "recent" view. */
export const RECENT_EVENTS = 5;

// kubectl describe's tabwriter pads with 2 spaces (describe.go: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)).
const GAP = 2;
const INDENT = '  ';

const COLUMNS: Column[] = [
  { header: 'Type', min: 7, dropOrder: 1 },
  { header: 'Reason', min: 8, truncate: 'end' },
  // An age cut short reads as a different age: shown whole or not at all.
  { header: 'Age', min: Number.POSITIVE_INFINITY, dropOrder: 2 },
  { header: 'From', min: 7, dropOrder: 0, truncate: 'end' },
  { header: 'Message', min: 10, flex: true, truncate: 'end' },
];

export function eventLines({ events, now, width, all, maxLines, m }: EventsPaneProps): Line[] {
  if (events.length === 0) return [line('events-title', { text: m.heading.events, bold: true }), line('events-none', { text: `${INDENT}<none>`, tone: 'muted' })];
  const room = Math.max(1, (maxLines ?? Number.POSITIVE_INFINITY) - 2);
  const count = Math.min(events.length, room, all ? events.length : RECENT_EVENTS);
  const shown = events.slice(events.length - count);
  const scope = all ? m.events.all(events.length) : m.events.last(count, events.length);
  const heading = m.heading.events;
  const title = line('events-title', { text: heading, bold: true }, { text: truncateEnd(`  ${scope} · ${m.events.toggle(all)}`, Math.max(0, width - cellWidth(heading))), tone: 'muted' });
  const cellsWith = (age: (view: EventView) => string) =>
    shown.map((view) => {
      const row = describeEventRow(view.event, now);
      return [row.type, row.reason, age(view), row.from, row.message.replace(/\s+/g, ' ')];
    });
  let cells = cellsWith((view) => describeEventRow(view.event, now).age);
  let fitted = fitColumns(COLUMNS, cells, width - INDENT.length, GAP);
  if (!fitted.some((c) => c.header === 'Age')) {
    // "5s (x6 over 17s)" does not fit: "5s x6" keeps when and how often.
    cells = cellsWith((view) => compactAge(view, now));
    fitted = fitColumns(COLUMNS, cells, width - INDENT.length, GAP);
  }
  const hasType = fitted.some((c) => c.header === 'Type');
  const header = line('events-header', { text: INDENT + layoutRow(COLUMNS.map((c) => c.header), fitted, GAP).join('').trimEnd(), tone: 'muted' });
  const rows = shown.map((view, index): Line => {
    const texts = layoutRow(cells[index]!, fitted, GAP);
    const warning = view.type === 'Warning';
    return {
      key: `event-${view.key}`,
      segments: [
        { text: INDENT },
        ...texts.map((text, position) => {
          const column = fitted[position]!.header;
          const marks = warning && (column === 'Type' || (!hasType && column === 'Reason'));
          return { text, tone: marks ? ('bad' as const) : undefined };
        }),
      ],
    };
  });
  return [title, header, ...rows];
}

function compactAge(view: EventView, now: number): string {
  const last = since(view.lastSeen ?? view.firstSeen, now);
  return view.count > 1 ? `${last} x${view.count}` : last;
}

export function EventsPane(props: EventsPaneProps) {
  return <Lines lines={eventLines(props)} />;
}
