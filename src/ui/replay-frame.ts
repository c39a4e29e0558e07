// The replay view's frame: a header with the file, the speed, where the replay is in recorded
// time and whether it plays, and the player's keys (space, ← →, n p, + -) on top of the run view's.

import type { Messages } from '../i18n/messages.js';
import type { Player } from '../replay/player.js';
import { runKeys, type HelpKey } from './help-overlay.js';
import { line, type Line, type Segment } from './lines.js';
import type { RunViewState } from './run-view-state.js';
import { cellWidth, formatElapsed, joinFitting, truncateEnd, truncateMiddle } from './text.js';
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
  const keys = (m: Messages): HelpKey[] => [
    ['space', m.help.playPause],
    ['← →', m.help.seek(SEEK_MS / 1000)],
    ...(steps ? [['n p', m.help.step] as const] : []),
    ['+ -', m.help.speed],
    ['q, Ctrl-C', m.help.replayQuit],
    // A replay nothing judges has no steps, so no actions for `c` to show.
    ...runKeys(m).filter(([key]) => key !== 'q, Ctrl-C' && (steps || key !== 'c')),
  ];
  return {
    keys,
    header: (state, width, m) => replayHeaderLines(state, player, file, width, m),
    footer: (_state, width, m) => replayFooterLine(player, steps, width, m),
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

function replayHeaderLines(state: RunViewState, player: Player, file: string, width: number, m: Messages): Line[] {
  const { position, start, end, speed, playing, ended } = player.state();
  const status: Segment = ended ? { text: m.replay.ended, tone: 'muted' } : playing ? { text: m.replay.playing, tone: 'accent' } : { text: m.replay.paused, tone: 'warn' };
  const fixed = `probelab  ${m.replay.of}  ×${formatSpeed(speed)}  ${status.text}`;
  const title = `probelab  ${m.replay.of} ${truncateMiddle(file, Math.max(8, width - cellWidth(fixed)))} ×${formatSpeed(speed)}`;
  const parts: (Segment & { priority: number })[] = [
    { text: `+${formatElapsed(position - start)} / ${formatElapsed(end - start)}`, priority: 0 },
    { text: `ns ${state.namespace ?? '-'}`, priority: 1 },
    { text: m.replay.recorded(new Date(position).toISOString().slice(0, 19).replace('T', ' ')), priority: 2 },
    { text: state.steps.length > 0 ? m.replay.judgedBy(state.lab.name) : m.replay.notJudged, priority: 3, tone: 'muted' },
  ];
  const fitted = joinFitting(parts, width, '  ');
  return [
    line('title', { text: truncateEnd(title, width), bold: true }, ...(cellWidth(title) + 2 + cellWidth(status.text) <= width ? [{ text: '  ' }, status] : [])),
    { key: 'where', segments: fitted.flatMap((part, i) => (i === 0 ? [part] : [{ text: '  ' }, part])) },
  ];
}

function replayFooterLine(player: Player, steps: boolean, width: number, m: Messages): Line {
  const { playing, ended } = player.state();
  const keys = [
    { text: m.footer.quit, priority: 0 },
    { text: playing ? m.footer.pause : ended ? m.footer.replay : m.footer.play, priority: 1 },
    { text: m.footer.seek(SEEK_MS / 1000), priority: 2 },
    ...(steps ? [{ text: m.footer.step, priority: 3 }] : []),
    { text: m.footer.speed, priority: 4 },
    ...(steps ? [{ text: m.footer.commands, priority: 5 }] : []),
    { text: m.footer.select, priority: 6 },
    { text: m.footer.filter, priority: 6 },
    { text: m.footer.logs, priority: 8 },
    { text: m.footer.events, priority: 7 },
    { text: m.footer.help, priority: 0 },
  ];
  return line('footer', { text: joinFitting(keys, width, '  ').map((k) => k.text).join('  '), tone: 'muted' });
}

/** 4 → "4", 0.5 → "0.5". */
function formatSpeed(speed: number): string {
  return String(Math.round(speed * 100) / 100);
}
