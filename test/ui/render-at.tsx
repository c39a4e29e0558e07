// Renders ink elements for tests at a fixed terminal size, and waits for frames without
// sleeping. ink lays out to stdout.columns and ink-testing-library's Stdout answers a fixed 100
// from a getter on its prototype, so the size is set on the instance before the element mounts.

import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import { ThemeContext } from '../../src/ui/theme.js';

export interface TerminalSize {
  columns: number;
  rows?: number;
  /** false renders as with NO_COLOR set. */
  colour?: boolean;
}

export type Rendered = ReturnType<typeof render>;

export function renderAt(element: ReactElement, { columns, rows = 40, colour = true }: TerminalSize): Rendered {
  const instance = render(<></>);
  Object.defineProperties(instance.stdout, {
    columns: { value: columns, configurable: true },
    rows: { value: rows, configurable: true },
  });
  instance.rerender(<ThemeContext.Provider value={{ colour }}>{element}</ThemeContext.Provider>);
  return instance;
}

// ECMA-48 SGR sequences and the other CSI sequences ink may write.
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The last frame without escape codes. */
export function plainFrame(instance: Rendered): string {
  return stripAnsi(instance.lastFrame() ?? '');
}

/** Waits until the last frame (escape codes removed) satisfies `check`; returns that frame. */
export async function waitForFrame(instance: Rendered, check: (frame: string) => boolean, what = 'the expected frame'): Promise<string> {
  return vi.waitFor(
    () => {
      const frame = plainFrame(instance);
      if (!check(frame)) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
      return frame;
    },
    { timeout: 3000, interval: 10 },
  );
}

/** Lets React and ink commit what is pending (a few macrotask turns; no fixed sleep). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

export const KEY = { up: '\u001B[A', down: '\u001B[B', enter: '\r', escape: '\u001B', ctrlC: '\u0003' } as const;

/** Writes a key to the app's stdin and lets the input handler run. */
export async function press(instance: Rendered, key: string): Promise<void> {
  instance.stdin.write(key);
  await settle();
}
