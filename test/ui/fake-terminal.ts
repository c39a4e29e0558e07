// A terminal for code that calls renderRun itself (the replay and watch commands): a TTY stdout
// that keeps what was written and a stdin the test types into, as ink reads them.

import { EventEmitter } from 'node:events';
import type { RenderRunOptions } from '../../src/ui/render-run.js';
import { stripAnsi } from './render-at.js';

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  output = '';
  write = (chunk: string, ...rest: unknown[]) => {
    this.output += chunk;
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  #data: string | null = null;
  setRawMode = () => this;
  setEncoding = () => this;
  resume = () => this;
  pause = () => this;
  ref = () => this;
  unref = () => this;
  read = () => {
    const data = this.#data;
    this.#data = null;
    return data;
  };
  type(data: string) {
    this.#data = data;
    this.emit('readable');
  }
}

export interface FakeTerminal {
  /** What renderRun takes (console left alone: vitest owns it). */
  terminal: Required<Pick<RenderRunOptions, 'stdout' | 'stdin' | 'patchConsole'>>;
  type(keys: string): void;
  /** Everything written so far, escape codes removed. */
  written(): string;
  /** Everything written so far, as written. */
  raw(): string;
}

export function fakeTerminal(columns = 100, rows = 40): FakeTerminal {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  return {
    terminal: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, patchConsole: false },
    type: (keys) => stdin.type(keys),
    written: () => stripAnsi(stdout.output),
    raw: () => stdout.output,
  };
}
