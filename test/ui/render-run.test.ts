// The entry point the run command uses, on fake TTY streams: the learning text first, the
// start signal on Enter, the live view, and leaving with q once the run is over.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRunStore } from '../../src/ui/run-store.js';
import { renderRun, type RunHandle } from '../../src/ui/render-run.js';
import { recordedRun, type RecordedRun } from './recorded-run.js';
import { KEY, settle } from './render-at.js';
import { fakeTerminal } from './fake-terminal.js';

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
  const term = fakeTerminal(90, 40);
  const store = createRunStore({ loaded: run.loaded, connection: run.connection, lang: 'en' });
  const onQuit = vi.fn();
  handle = renderRun({
    store,
    onQuit,
    waitForStart,
    ...term.terminal,
    env: { NO_COLOR: '1' },
  });
  return { term, store, onQuit, handle };
}

describe('renderRun', () => {
  it('waits for Enter on the learning text, then shows the run until q after it finished', async () => {
    const { term, store, onQuit, handle } = start(true);
    await vi.waitFor(() => expect(term.written()).toContain('Press Enter to start'));
    let started: boolean | undefined;
    void handle.started.then((value) => (started = value));
    await settle();
    expect(started).toBeUndefined();

    term.type(KEY.enter);
    await vi.waitFor(() => expect(started).toBe(true));
    for (const event of run.events) store.dispatch(event);
    await vi.waitFor(() => expect(term.written()).toContain('PASSED'));
    // NO_COLOR from the env given: no colour escapes at all.
    expect(term.raw()).not.toMatch(/\u001B\[(3[0-7]|4[0-7]|9[0-7])m/);

    term.type('q');
    await handle.waitUntilExit();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('starts at once without the learning text, and reports a quit before the start', async () => {
    const direct = start(false);
    await expect(direct.handle.started).resolves.toBe(true);
    direct.handle.unmount();
    await direct.handle.waitUntilExit();

    const quitter = start(true);
    await vi.waitFor(() => expect(quitter.term.written()).toContain('Press Enter'));
    quitter.term.type('q');
    await expect(quitter.handle.started).resolves.toBe(false);
    await quitter.handle.waitUntilExit();
    expect(quitter.onQuit).toHaveBeenCalledTimes(1);
  });
});
