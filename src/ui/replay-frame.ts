// The replay view's frame: a header with the file, the speed, where the replay is in recorded
// time and whether it plays, and the player's keys (space, ← →, n p, + -) on top of the run view's.

import type { Player } from '../replay/player.js';
import { KEYS } from './help-overlay.js';
import { line, type Line, type Segment } from './lines.js';
import type { RunViewState } from './run-view-state.js';
import { formatElapsed, joinFitting, truncateEnd, truncateMiddle } from './text.js';
import type { ViewFrame } from './view-frame.js';

/** How far ← and → move, in recorded time. */
export const SEEK_MS = 10_000;

export interface ReplayFrameOptions {
  player: Player;
  /** The recording as the user named it. */
  file: string;
  /** Whether a lab judges the replay (n and p jump between its steps). */
  steps: boolean;
}

export function replayFrame({ player, file, steps }: ReplayFrameOptions): ViewFrame {
  const keys: [string, string][] = [
    ['space', 'pause / play (from the start again once the replay has ended)'],
    ['← →', `back / forward ${SEEK_MS / 1000} s of recorded time`],
    ...(steps ? [['n p', 'next step / back to the start of this step (or the one before)'] as [string, string]] : []),
    ['+ -', 'faster / slower'],
    ['q, Ctrl-C', 'quit the replay'],
    ...KEYS.filter(([key]) => key !== 'q, Ctrl-C'),
  ];
  return {
    keys,
    header: (state, width) => replayHeaderLines(state, player, file, width),
    footer: (_state, width) => replayFooterLine(player, steps, width),
    onInput(input, key) {
      if (input === ' ') player.toggle();
      else if (key.leftArrow) player.seekBy(-SEEK_MS);
      else if (key.rightArrow) player.seekBy(SEEK_MS);
      else if (steps && input === 'n') player.nextStep();
      else if (steps && input === 'p') player.previousStep();
      else if (input === '+' || input === '=') player.faster();
      else if (input === '-' || input === '_') player.slower();
      else return false;
      return true;
    },
  };
}

function replayHeaderLines(state: RunViewState, player: Player, file: string, width: number): Line[] {
  const { position, start, end, speed, playing, ended } = player.state();
  const status: Segment = ended ? { text: '■ ended', tone: 'muted' } : playing ? { text: '▶ playing', tone: 'accent' } : { text: '❚❚ paused', tone: 'warn' };
  const fixed = `probelab  replay of  ×${formatSpeed(speed)}  ${status.text}`;
  const title = `probelab  replay of ${truncateMiddle(file, Math.max(8, width - fixed.length))} ×${formatSpeed(speed)}`;
  const parts: (Segment & { priority: number })[] = [
    { text: `+${formatElapsed(position - start)} / ${formatElapsed(end - start)}`, priority: 0 },
    { text: `ns ${state.namespace ?? '-'}`, priority: 1 },
    { text: `recorded ${new Date(position).toISOString().slice(0, 19).replace('T', ' ')} UTC`, priority: 2 },
    { text: state.steps.length > 0 ? `judged by ${state.lab.name}` : 'not judged: no lab', priority: 3, tone: 'muted' },
  ];
  const fitted = joinFitting(parts, width, '  ');
  return [
    line('title', { text: truncateEnd(title, width), bold: true }, ...(title.length + 2 + status.text.length <= width ? [{ text: '  ' }, status] : [])),
    { key: 'where', segments: fitted.flatMap((part, i) => (i === 0 ? [part] : [{ text: '  ' }, part])) },
  ];
}

function replayFooterLine(player: Player, steps: boolean, width: number): Line {
  const { playing, ended } = player.state();
  const keys = [
    { text: 'q quit', priority: 0 },
    { text: `space ${playing ? 'pause' : ended ? 'replay' : 'play'}`, priority: 1 },
    { text: `←→ ${SEEK_MS / 1000}s`, priority: 2 },
    ...(steps ? [{ text: 'n/p step', priority: 3 }] : []),
    { text: '+/- speed', priority: 4 },
    { text: '↑↓ select', priority: 6 },
    { text: 'l logs', priority: 8 },
    { text: 'e events', priority: 7 },
    { text: '? help', priority: 0 },
  ];
  return line('footer', { text: joinFitting(keys, width, '  ').map((k) => k.text).join('  '), tone: 'muted' });
}

/** 4 → "4", 0.5 → "0.5". */
function formatSpeed(speed: number): string {
  return String(Math.round(speed * 100) / 100);
}
