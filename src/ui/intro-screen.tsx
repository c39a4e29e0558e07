// Before the run: the lab's learning text, and how to start.

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line } from './lines.js';
import { markdownLines } from './markdown.js';
import { truncateEnd, wrapWords } from './text.js';

export interface IntroProps {
  title: string;
  learn: string;
  width: number;
  /** Rows for the learning text and the prompt. */
  rows: number;
  /** First line of the learning text shown (↑↓ scroll). */
  offset: number;
  /** 'offer': `h` starts the lab hands-on; 'on': Enter does. */
  handsOn?: 'offer' | 'on';
  m: Messages;
}

export function introLines({ title, learn, width, rows, offset, handsOn, m }: IntroProps): Line[] {
  const text = markdownLines({ text: learn, width });
  const room = Math.max(1, rows - 2 - promptLines(handsOn, m, width, false).length);
  const more = text.length > room;
  const start = Math.max(0, Math.min(offset, text.length - room));
  return [
    line('intro-title', { text: truncateEnd(m.intro.title(title), width), bold: true, tone: 'accent' }),
    line('intro-gap'),
    ...text.slice(start, start + room),
    ...promptLines(handsOn, m, width, more).map((prompt, i) => line(`intro-prompt-${i}`, { text: prompt, bold: true })),
  ];
}

/** How far the learning text can scroll in `rows`. */
export function introMaxOffset(learn: string, width: number, rows: number, handsOn: IntroProps['handsOn'], m: Messages): number {
  return Math.max(0, markdownLines({ text: learn, width }).length - Math.max(1, rows - 2 - promptLines(handsOn, m, width, false).length));
}

/** The prompt, wrapped: the hands-on choice makes it longer than a narrow terminal. */
function promptLines(handsOn: IntroProps['handsOn'], m: Messages, width: number, more: boolean): string[] {
  const prompt = handsOn === 'on' ? m.intro.promptHandsOn : handsOn === 'offer' ? m.intro.promptHandsOnKey : m.intro.prompt;
  return wrapWords(`${prompt}${more ? `  ${m.intro.scroll}` : ''}`, width);
}

export function IntroScreen(props: IntroProps) {
  return <Lines lines={introLines(props)} />;
}
