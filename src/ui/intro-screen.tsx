// Before the run: the lab's learning text, and how to start.

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line } from './lines.js';
import { markdownLines } from './markdown.js';
import { truncateEnd } from './text.js';

export interface IntroProps {
  title: string;
  learn: string;
  width: number;
  /** Rows for the learning text and the prompt. */
  rows: number;
  /** First line of the learning text shown (↑↓ scroll). */
  offset: number;
  m: Messages;
}

export function introLines({ title, learn, width, rows, offset, m }: IntroProps): Line[] {
  const text = markdownLines({ text: learn, width });
  const room = Math.max(1, rows - 3);
  const start = Math.max(0, Math.min(offset, text.length - room));
  const more = text.length > room ? `  ${m.intro.scroll}` : '';
  return [
    line('intro-title', { text: truncateEnd(m.intro.title(title), width), bold: true, tone: 'accent' }),
    line('intro-gap'),
    ...text.slice(start, start + room),
    line('intro-prompt', { text: truncateEnd(`${m.intro.prompt}${more}`, width), bold: true }),
  ];
}

/** How far the learning text can scroll in `rows`. */
export function introMaxOffset(learn: string, width: number, rows: number): number {
  return Math.max(0, markdownLines({ text: learn, width }).length - Math.max(1, rows - 3));
}

export function IntroScreen(props: IntroProps) {
  return <Lines lines={introLines(props)} />;
}
