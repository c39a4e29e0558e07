// The store batches notifications: however fast the runner emits, React hears about it at most
// once per interval, and never from inside the runner's emit.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRunStore } from '../../src/ui/run-store.js';
import { recordedRun, type RecordedRun } from './recorded-run.js';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordedRun();
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRunStore', () => {
  it('applies every event at once but notifies at most once per interval', () => {
    const store = createRunStore({ loaded: run.loaded, connection: run.connection, lang: 'en', intervalMs: 100 });
    const listener = vi.fn();
    store.subscribe(listener);
    const [first, ...rest] = run.events;
    store.dispatch(first!);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getState().namespace).toBe('rec-readiness-exec');
    expect(store.getSnapshot().namespace).toBeUndefined();

    vi.advanceTimersByTime(0);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe(store.getState());

    for (const event of rest.slice(0, 40)) store.dispatch(event);
    vi.advanceTimersByTime(99);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot()).toBe(store.getState());

    for (const event of rest.slice(40)) store.dispatch(event);
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(store.getSnapshot().finished?.outcome).toBe('passed');
  });

  it('moves the view clock with tick', () => {
    const store = createRunStore({ loaded: run.loaded, connection: run.connection, lang: 'en' });
    store.dispatch(run.events[0]!);
    store.tick(run.events[0]!.at + 5000);
    expect(store.getState().now).toBe(run.events[0]!.at + 5000);
  });
});
