// The entry point the run command uses, on fake TTY streams: the learning text first, the
// start signal on Enter, the live view, and leaving with q once the run is over.

import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRunStore } from '../../src/ui/run-store.js';
import { renderRun, type RunHandle } from '../../src/ui/render-run.js';
import { recordedRun, type RecordedRun } from './recorded-run.js';
import { KEY, settle, stripAnsi } from './render-at.js';

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 90;
  readonly rows = 40;
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

let run: RecordedRun;
let handle: RunHandle | undefined;
beforeAll(async () => {
  run = await recordedRun();
});
afterEach(() => {
  handle?.unmount();
  handle = undefined;
});

function start(waitForStart: boolean) {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const store = createRunStore({ loaded: run.loaded, connection: run.connection });
  const onQuit = vi.fn();
  handle = renderRun({
    store,
    onQuit,
    waitForStart,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    env: { NO_COLOR: '1' },
    // vitest owns the console; ink's patch of it cannot construct a Console there.
    patchConsole: false,
  });
  return { stdout, stdin, store, onQuit, handle };
}

describe('renderRun', () => {
  it('waits for Enter on the learning text, then shows the run until q after it finished', async () => {
    const { stdout, stdin, store, onQuit, handle } = start(true);
    await vi.waitFor(() => expect(stripAnsi(stdout.output)).toContain('Press Enter to start'));
    let started: boolean | undefined;
    void handle.started.then((value) => (started = value));
    await settle();
    expect(started).toBeUndefined();

    stdin.type(KEY.enter);
    await vi.waitFor(() => expect(started).toBe(true));
    for (const event of run.events) store.dispatch(event);
    await vi.waitFor(() => expect(stripAnsi(stdout.output)).toContain('PASSED'));
    // NO_COLOR from the env given: no colour escapes at all.
    expect(stdout.output).not.toMatch(/\u001B\[(3[0-7]|4[0-7]|9[0-7])m/);

    stdin.type('q');
    await handle.waitUntilExit();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('starts at once without the learning text, and reports a quit before the start', async () => {
    const direct = start(false);
    await expect(direct.handle.started).resolves.toBe(true);
    direct.handle.unmount();
    await direct.handle.waitUntilExit();

    const quitter = start(true);
    await vi.waitFor(() => expect(stripAnsi(quitter.stdout.output)).toContain('Press Enter'));
    quitter.stdin.type('q');
    await expect(quitter.handle.started).resolves.toBe(false);
    await quitter.handle.waitUntilExit();
    expect(quitter.onQuit).toHaveBeenCalledTimes(1);
  });
});
