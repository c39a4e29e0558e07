// Plays a replay's RunEvents into the view at the speed they were recorded (× speed), with the
// controls a video player has: pause, seek, next/previous step. The view's reducer is pure, so
// seeking back is "start again from nothing and apply everything up to there"; nothing has to be
// undone. Pure scheduling: time and timers come from the injected clock.

import type { RunEvent } from '../runner/events.js';

export interface PlayerClock {
  /** Wall time in ms (any origin; only differences count). */
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemPlayerClock: PlayerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

export interface PlayerState {
  /** Where the replay is, in recorded time (epoch ms). */
  position: number;
  /** Recorded time of the first and the last event. */
  start: number;
  end: number;
  speed: number;
  playing: boolean;
  /** Every event has been played. */
  ended: boolean;
}

export interface PlayerOptions {
  /** In the order they were emitted. */
  events: readonly RunEvent[];
  dispatch(event: RunEvent): void;
  /** Back to the view before the first event (seeking back plays everything again up to the target). */
  reset(): void;
  clock?: PlayerClock;
  /** Recorded seconds per wall second (default 1). */
  speed?: number;
  /** After every change of position (by a seek), speed, or playing/paused/ended. */
  onChange?(state: PlayerState): void;
}

export interface Player {
  state(): PlayerState;
  play(): void;
  pause(): void;
  /** Pause when playing; play when paused (from the start again once ended). */
  toggle(): void;
  seekTo(at: number): void;
  seekBy(ms: number): void;
  /** To the start of the next step; false (and no move) when no step starts later. */
  nextStep(): boolean;
  /** To the start of the current step, or the one before when it started a moment ago. */
  previousStep(): void;
  setSpeed(speed: number): void;
  /** The next speed up or down the ladder (SPEEDS). */
  faster(): void;
  slower(): void;
  /** Cancels the pending timer; the player does nothing more until called again. */
  stop(): void;
}

/** What + and - step through. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 20, 50] as const;

/**
 * `p` within this much wall time of a step's start goes to the step before, as a media player's
 * "previous" button does; later it goes back to the start of the current step.
 */
const PREVIOUS_GRACE_WALL_MS = 1000;

export function createPlayer(options: PlayerOptions): Player {
  const { events, dispatch, reset } = options;
  const clock = options.clock ?? systemPlayerClock;
  if (events.length === 0) throw new Error('a replay needs at least one event');
  // Events are played in emitted order; a time is never earlier than the one before it, so an
  // event stamped slightly out of order (a verdict timed at its deadline) plays where it was emitted.
  const times: number[] = [];
  for (const event of events) times.push(Math.max(event.at, times.at(-1) ?? event.at));
  const stepStarts = events.flatMap((event, index) => (event.kind === 'stepStarted' ? [times[index]!] : []));
  const start = times[0]!;
  const end = times.at(-1)!;

  let speed = checkedSpeed(options.speed ?? 1);
  let playing = false;
  let cursor = 0; // next event to dispatch
  let anchorPosition = start; // position at anchorWall
  let anchorWall = clock.now();
  let cancelTimer: (() => void) | undefined;

  const position = () => (playing ? Math.min(end, anchorPosition + (clock.now() - anchorWall) * speed) : anchorPosition);
  const ended = () => cursor >= events.length && position() >= end;
  const state = (): PlayerState => ({ position: position(), start, end, speed, playing, ended: ended() });
  const changed = () => options.onChange?.(state());

  const advanceTo = (at: number) => {
    while (cursor < events.length && times[cursor]! <= at) dispatch(events[cursor++]!);
  };
  const anchor = (at: number) => {
    anchorPosition = at;
    anchorWall = clock.now();
  };
  const schedule = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    if (!playing) return;
    if (cursor >= events.length) {
      anchor(end);
      playing = false;
      return;
    }
    const wait = Math.max(0, (times[cursor]! - position()) / speed);
    cancelTimer = clock.setTimer(() => {
      cancelTimer = undefined;
      advanceTo(position());
      const wasPlaying = playing;
      schedule();
      if (wasPlaying && !playing) changed();
    }, wait);
  };

  const seekTo = (target: number) => {
    const at = Math.min(end, Math.max(start, target));
    if (at < position()) {
      reset();
      cursor = 0;
    }
    advanceTo(at);
    anchor(at);
    schedule();
    changed();
  };

  const play = () => {
    if (playing) return;
    if (ended()) {
      reset();
      cursor = 0;
      anchor(start);
    } else {
      anchor(anchorPosition);
    }
    playing = true;
    schedule();
    changed();
  };

  const pause = () => {
    if (!playing) return;
    anchor(position());
    playing = false;
    schedule();
    changed();
  };

  const setSpeed = (next: number) => {
    anchor(position());
    speed = checkedSpeed(next);
    schedule();
    changed();
  };

  return {
    state,
    play,
    pause,
    toggle: () => (playing ? pause() : play()),
    seekTo,
    seekBy: (ms) => seekTo(position() + ms),
    nextStep() {
      const now = position();
      const next = stepStarts.find((at) => at > now);
      if (next === undefined) return false;
      seekTo(next);
      return true;
    },
    previousStep() {
      const before = position() - PREVIOUS_GRACE_WALL_MS * speed;
      seekTo(stepStarts.findLast((at) => at < before) ?? start);
    },
    setSpeed,
    faster: () => setSpeed(SPEEDS.find((s) => s > speed) ?? speed),
    slower: () => setSpeed(SPEEDS.findLast((s) => s < speed) ?? speed),
    stop() {
      anchor(position());
      playing = false;
      schedule();
    },
  };
}

function checkedSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`a replay speed must be a positive number, got ${speed}`);
  return speed;
}
