// What started a hands-on step's clock, in words: the view and the line log say it alike.

import type { Messages } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import type { HandsOnTurn, Hint } from '../runner/hands-on.js';

/** For an armed turn: the first sign and the alias it bound, the end of the wait, or nothing to watch. */
export function armedText(turn: HandsOnTurn, words: Messages['handsOn']): string {
  const armed = turn.armed!;
  if (armed.by === 'nothing') return words.nothing;
  const after = formatDuration(armed.at - turn.shownAt);
  const bound = turn.bound ?? [];
  if (armed.by === 'timeout') return [words.timedOut(after), ...bound.map((b) => words.provisional(b.alias, b.pod))].join('; ');
  const sign = turn.firstSign!;
  return words.firstSign(after, sign.what, sign.pod, bound.map((b) => b.alias).join(', ') || undefined);
}

/** A hint as the reports give it: the words, then the command to run (the view shows that above it). */
export function hintText(hint: Hint, words: Messages['handsOn']): string {
  return `${words.hint(hint)} ${hint.command}`;
}
