// Holds the run view's state and tells React about it at most every `intervalMs`: the runner
// emits far more often than a terminal should redraw (every observation, every 250 ms tick of
// a pending step), and every reducer step is kept, only the notifications are batched. Five a
// second is what reaches the screen anyway: ink draws at most 10 frames a second, and fed a
// render every 100 ms it draws every other one, so more renders would only be thrown away.

import type { ConnectionInfo } from '../cluster/port.js';
import type { Lang } from '../i18n/lang.js';
import type { LoadedLab } from '../lab/load.js';
import type { RunEvent } from '../runner/events.js';
import { initialRunViewState, reduceRunView, type RunViewAction, type RunViewState } from './run-view-state.js';

export interface RunStore {
  /** Wire this to the runner's onEvent. */
  dispatch(event: RunEvent): void;
  /** Moves the view's clock without an event (highlights fade, countdowns and ages advance). */
  tick(now: number): void;
  /** Back to the state before any event (a replay seeking back plays the events again from there). */
  reset(): void;
  /** The latest state, every event applied. */
  getState(): RunViewState;
  /** The state React last rendered or is about to: lags getState() by up to intervalMs. */
  getSnapshot(): RunViewState;
  subscribe(listener: () => void): () => void;
}

export interface RunStoreOptions {
  loaded: LoadedLab;
  connection: ConnectionInfo;
  /** The language the lab's texts are shown in. */
  lang: Lang;
  /** Shortest time between two notifications (default 200 ms: at most 5 renders a second). */
  intervalMs?: number;
}

/** A store for a view without a lab (watch, a replay without one): starts from `initial`. */
export interface ViewStoreOptions {
  initial: RunViewState;
  intervalMs?: number;
}

export function createRunStore(options: RunStoreOptions | ViewStoreOptions): RunStore {
  const intervalMs = options.intervalMs ?? 200;
  const initial = 'initial' in options ? options.initial : initialRunViewState(options.loaded, options.connection, options.lang);
  let state = initial;
  let snapshot = state;
  let lastNotified = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  const notify = () => {
    timer = undefined;
    lastNotified = Date.now();
    snapshot = state;
    for (const listener of listeners) listener();
  };
  // Always asynchronous: the runner's emit must never wait for a render.
  const notifyLater = () => {
    timer ??= setTimeout(notify, Math.max(0, lastNotified + intervalMs - Date.now()));
  };
  const apply = (action: RunViewAction) => {
    state = reduceRunView(state, action);
    notifyLater();
  };

  return {
    dispatch: apply,
    tick: (now) => apply({ kind: 'tick', at: now }),
    reset() {
      state = initial;
      notifyLater();
    },
    getState: () => state,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
          snapshot = state;
        }
      };
    },
  };
}
