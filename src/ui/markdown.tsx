// Just enough markdown for a lab's `learn` and `explain` texts: headings, paragraphs re-wrapped
// to the terminal (YAML block scalars break lines where the author's editor did), list items,
// code blocks kept verbatim, and **bold**, *emphasis* and `code` inline.

import { Lines, type Line, type Segment } from './lines.js';
import { cellWidth, headCells, truncateEnd } from './text.js';

export interface MarkdownProps {
  text: string;
  width: number;
}

type Block = { kind: 'heading' | 'paragraph' | 'code' | 'blank'; text: string; bullet?: string };

export function markdownLines({ text, width }: MarkdownProps): Line[] {
  const lines: Line[] = [];
  const push = (segments: Segment[]) => lines.push({ key: `md-${lines.length}`, segments });
  for (const block of blocks(text)) {
    if (block.kind === 'blank') push([]);
    else if (block.kind === 'code') push([{ text: truncateEnd(`  ${block.text}`, width), tone: 'accent' }]);
    else if (block.kind === 'heading') push([{ text: truncateEnd(block.text, width), bold: true, tone: 'accent' }]);
    else {
      const bullet = block.bullet ?? '';
      wrapSegments(inline(block.text), Math.max(10, width - bullet.length)).forEach((segments, i) =>
        push([{ text: i === 0 ? bullet : ' '.repeat(bullet.length) }, ...segments]),
      );
    }
  }
  while (lines.length > 0 && lines.at(-1)!.segments.length === 0) lines.pop();
  return lines;
}

export function Markdown(props: MarkdownProps) {
  return <Lines lines={markdownLines(props)} />;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let fenced = false;
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push({ kind: 'code', text: raw });
      continue;
    }
    const last = out.at(-1);
    const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
    const item = /^([-*+]|\d+[.)])\s+(.*)$/.exec(trimmed);
    if (trimmed === '') {
      if (last && last.kind !== 'blank') out.push({ kind: 'blank', text: '' });
    } else if (heading) {
      out.push({ kind: 'heading', text: heading[1]! });
    } else if (item) {
      const marker = item[1]!;
      out.push({ kind: 'paragraph', text: item[2]!, bullet: `${/^\d/.test(marker) ? marker : '•'} ` });
    } else if (raw.startsWith('    ') && (!last || last.kind === 'blank' || last.kind === 'code')) {
      out.push({ kind: 'code', text: raw.slice(4) });
    } else if (last?.kind === 'paragraph') {
      last.text += ` ${trimmed}`;
    } else {
      out.push({ kind: 'paragraph', text: trimmed });
    }
  }
  return out;
}

/** Splits `**bold**`, `*em*` / `_em_` and `` `code` `` out of a paragraph. */
export function inline(text: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`|(?<![\w*])[*_]([^*_\s][^*_]*?)[*_](?![\w*])/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    if (match[1] !== undefined) segments.push({ text: match[1], bold: true });
    else if (match[2] !== undefined) segments.push({ text: match[2], tone: 'accent' });
    else segments.push({ text: match[3]!, bold: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** Word-wraps styled text: each word keeps its segment's style. */
function wrapSegments(segments: Segment[], width: number): Segment[][] {
  const words = segments.flatMap((segment) =>
    segment.text
      .split(/(\s+)/)
      .filter((part) => part !== '')
      .map((part) => ({ ...segment, text: part })),
  );
  const lines: Segment[][] = [[]];
  let used = 0;
  for (const word of words) {
    const current = lines.at(-1)!;
    if (/^\s+$/.test(word.text)) {
      if (used > 0) {
        current.push({ text: ' ' });
        used += 1;
      }
      continue;
    }
    let rest = word.text;
    if (used + cellWidth(rest) > width && used > 0) {
      while (current.length > 0 && /^\s+$/.test(current.at(-1)!.text)) current.pop();
      lines.push([]);
      used = 0;
    }
    while (cellWidth(rest) > width) {
      const head = headCells(rest, width) || [...rest][0]!;
      lines.at(-1)!.push({ ...word, text: head });
      lines.push([]);
      rest = rest.slice(head.length);
    }
    lines.at(-1)!.push({ ...word, text: rest });
    used += cellWidth(rest);
  }
  return lines;
}
