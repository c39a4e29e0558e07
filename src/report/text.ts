// Small text helpers the reports share.

import type { ItemStatus } from '../expect/step.js';
import { formatDuration } from '../lab/duration.js';

// C0 controls other than tab/newline, DEL and C1 controls: an event message or a command's
// stderr can carry terminal escapes, which must not reach a CI log as live control codes.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text from the cluster folded onto one line, control characters shown as \uXXXX. */
export function oneLine(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .trim();
}

/** `+12.4s`: time since the lab started, with one decimal whatever the size (CI logs sort by it). */
export function elapsed(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds < 0 ? '-' : '+'}${Math.abs(seconds).toFixed(1)}s`;
}

/** One expectation's status for a failure report, e.g. `pending  pod … READY 0/1 (seen: READY 1/1)`. */
export function itemLine(item: ItemStatus, stepStartedAt: number): string {
  const group = item.group === 'expect' ? '' : `${item.group} `;
  const when = item.at === undefined ? '' : ` at ${formatDuration(Math.max(0, item.at - stepStartedAt))}`;
  const seen = item.seen ? ` (seen: ${oneLine(item.seen)})` : '';
  return `${item.state.padEnd(8)} ${group}${oneLine(item.label)}${when}${seen}`;
}
