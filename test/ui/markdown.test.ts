import { describe, expect, it } from 'vitest';
import { inline, markdownLines } from '../../src/ui/markdown.js';

const text = (lines: ReturnType<typeof markdownLines>) => lines.map((l) => l.segments.map((s) => s.text).join(''));

describe('markdown', () => {
  it('styles bold, emphasis and code inline, dropping the markers', () => {
    expect(inline('a **bold** move, `cat /tmp/healthy` and *this*')).toEqual([
      { text: 'a ' },
      { text: 'bold', bold: true },
      { text: ' move, ' },
      { text: 'cat /tmp/healthy', tone: 'accent' },
      { text: ' and ' },
      { text: 'this', bold: true },
    ]);
    expect(inline('snake_case_name stays')).toEqual([{ text: 'snake_case_name stays' }]);
  });

  it('re-wraps paragraphs to the width and keeps headings, lists and code blocks', () => {
    const md = '# Readiness\nA readiness probe decides\nwhether a pod receives traffic.\n\n- first item\n- second\n\n```\nkubectl get pods -w\n```';
    expect(text(markdownLines({ text: md, width: 30 }))).toEqual([
      'Readiness',
      'A readiness probe decides',
      'whether a pod receives',
      'traffic.',
      '',
      '• first item',
      '• second',
      '',
      '  kubectl get pods -w',
    ]);
    for (const line of text(markdownLines({ text: md, width: 12 }))) expect(line.length).toBeLessThanOrEqual(12);
  });
});
