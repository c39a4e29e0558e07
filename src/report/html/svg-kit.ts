// Building SVG as strings: attributes and text are always escaped here, so callers pass raw
// cluster text (pod names, event messages) without thinking about it.

import { escapeText } from './escape.js';

export type Attrs = Record<string, string | number | undefined>;

export function el(name: string, attrs: Attrs, ...children: string[]): string {
  const attributes = Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeText(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attributes}/>` : `<${name}${attributes}>${children.join('')}</${name}>`;
}

/** A text element; `content` is escaped. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el('text', { x, y, ...attrs }, escapeText(content));
}

/** The hover tooltip of the enclosing element (SVG <title>: no script needed). */
export function tip(content: string): string {
  return el('title', {}, escapeText(content));
}

/** Roughly how wide a string is in the page's 11 px sans-serif, to keep labels apart. */
export function textWidth(content: string, px = 11): number {
  return Math.ceil([...content].length * px * 0.58);
}

/** Cut to `max` characters with an ellipsis. */
export function clip(content: string, max: number): string {
  const chars = [...content];
  return chars.length <= max ? content : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
