// Shares the terminal's rows among panes: each pane, in priority order, is asked for its lines
// given the rows still free, so a short terminal keeps the steps and pods and loses the panes
// that matter least.

import type { Line } from './lines.js';

export interface PaneRequest {
  id: string;
  /** The pane's lines for at most `room` rows ([] when it is not worth showing in that room). */
  lines(room: number): Line[];
}

export function allocate(requests: readonly PaneRequest[], rows: number): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  let room = rows;
  for (const request of requests) {
    const lines = room > 0 ? request.lines(room).slice(0, room) : [];
    out.set(request.id, lines);
    room -= lines.length;
  }
  return out;
}

/** All of `lines` if they fit, else nothing: for panes that make no sense cut short. */
export function whole(lines: Line[], room: number): Line[] {
  return lines.length <= room ? lines : [];
}
