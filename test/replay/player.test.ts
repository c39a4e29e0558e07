// The replay player against a fake clock, playing the RunEvents of the readiness-exec recording
// judged by its lab (three steps, about 30 s).

import { beforeAll, describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import { createPlayer, SPEEDS, type PlayerState } from '../../src/replay/player.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import type { RunEvent } from '../../src/runner/events.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { FakeClock } from './fake-clock.js';

let events: RunEvent[];
/** When each event plays: its time, never before the one emitted before it. */
let times: number[];
let start: number;
let end: number;
let stepStarts: number[];

beforeAll(async () => {
  const loaded = await loadCatalogueLab('readiness-exec');
  events = [];
  judgeRecording(loaded.lab, await readFixture('readiness-exec'), autoWithinFor(loaded), { onEvent: (event) => events.push(event) });
  times = [];
  for (const event of events) times.push(Math.max(event.at, times.at(-1) ?? event.at));
  start = times[0]!;
  end = times.at(-1)!;
  stepStarts = events.flatMap((event, i) => (event.kind === 'stepStarted' ? [times[i]!] : []));
});

function setup(speed = 1) {
  const clock = new FakeClock();
  /** What the view has received since its last reset. */
  let view: RunEvent[] = [];
  let resets = 0;
  const changes: PlayerState[] = [];
  const player = createPlayer({
    events,
    dispatch: (event) => view.push(event),
    reset: () => {
      resets++;
      view = [];
    },
    clock,
    speed,
    onChange: (state) => changes.push(state),
  });
  return { clock, player, view: () => view, resets: () => resets, changes };
}

/** The events a view showing recorded time `at` has received. */
function upTo(at: number): RunEvent[] {
  return events.filter((_, i) => times[i]! <= at);
}

describe('createPlayer', () => {
  it('has a recording with three steps to play (the premise of these tests)', () => {
    expect(stepStarts).toHaveLength(3);
    expect(end - start).toBeGreaterThan(20_000);
  });

  it('dispatches nothing until played, then each event when its recorded time comes, × speed', () => {
    const { clock, player, view } = setup(2);
    clock.advance(5_000);
    expect(view()).toEqual([]);
    player.play();
    clock.advance(0);
    expect(view()).toEqual(upTo(start));
    for (const wall of [1_000, 2_500, 4_000, 6_000]) {
      clock.advance(wall - (clock.time - 1_005_000));
      expect(player.state().position).toBe(start + 2 * wall);
      expect(view()).toEqual(upTo(start + 2 * wall));
    }
  });

  it('holds still while paused and goes on from the same place', () => {
    const { clock, player, view, changes } = setup();
    player.play();
    clock.advance(6_000);
    player.pause();
    const seen = view().length;
    expect(changes.at(-1)).toMatchObject({ playing: false, position: start + 6_000 });
    clock.advance(60_000);
    expect(view()).toHaveLength(seen);
    expect(player.state().position).toBe(start + 6_000);
    player.toggle();
    clock.advance(3_000);
    expect(view()).toEqual(upTo(start + 9_000));
  });

  it('seeks forward by dispatching what lies between, and back by resetting and playing up to the target', () => {
    const { clock, player, view, resets } = setup();
    player.play();
    clock.advance(2_000);
    player.seekBy(15_000);
    expect(resets()).toBe(0);
    expect(view()).toEqual(upTo(start + 17_000));
    player.seekBy(-10_000);
    expect(resets()).toBe(1);
    expect(view()).toEqual(upTo(start + 7_000));
    expect(player.state()).toMatchObject({ position: start + 7_000, playing: true });
    clock.advance(1_000);
    expect(view()).toEqual(upTo(start + 8_000));
  });

  it('clamps seeks to the recording', () => {
    const { player, view } = setup();
    player.seekBy(-60_000);
    expect(player.state().position).toBe(start);
    player.seekBy(10 * 60_000);
    expect(player.state()).toMatchObject({ position: end, ended: true });
    expect(view()).toEqual(events);
  });

  it('jumps with n to each later step start in turn, the step having started in the view', () => {
    const { player, view } = setup();
    const later = stepStarts.filter((at) => at > start);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const at of later) {
      expect(player.nextStep()).toBe(true);
      expect(player.state().position).toBe(at);
      expect(view()).toEqual(upTo(at));
      expect(view().filter((e) => e.kind === 'stepStarted')).toHaveLength(stepStarts.indexOf(at) + 1);
    }
    expect(player.nextStep()).toBe(false);
    expect(player.state().position).toBe(later.at(-1));
  });

  it('goes back to the start of the current step with p, or to the one before right after a step started', () => {
    const { clock, player, view } = setup();
    player.seekTo(stepStarts[1]! + 4_000);
    player.previousStep();
    expect(player.state().position).toBe(stepStarts[1]);
    player.previousStep();
    expect(player.state().position).toBe(stepStarts[0]);
    expect(view()).toEqual(upTo(stepStarts[0]!));
    player.play();
    clock.advance(400);
    player.previousStep();
    expect(player.state().position).toBe(start);
  });

  it('changes speed without moving, and + / - walk the ladder', () => {
    const { clock, player, view } = setup();
    player.play();
    clock.advance(3_000);
    player.setSpeed(10);
    expect(player.state().position).toBe(start + 3_000);
    clock.advance(1_000);
    expect(view()).toEqual(upTo(start + 13_000));
    player.faster();
    expect(player.state().speed).toBe(SPEEDS[SPEEDS.indexOf(10) + 1]);
    player.slower();
    player.slower();
    expect(player.state().speed).toBe(SPEEDS[SPEEDS.indexOf(10) - 1]);
    expect(() => player.setSpeed(0)).toThrow(/positive/);
  });

  it('ends after the last event, and plays again from the start when played once more', () => {
    const { clock, player, view, changes, resets } = setup(4);
    player.play();
    clock.advance((end - start) / 4 + 1);
    expect(view()).toEqual(events);
    expect(player.state()).toMatchObject({ ended: true, playing: false, position: end });
    expect(changes.at(-1)).toMatchObject({ ended: true, playing: false });
    expect(clock.pending).toBe(0);
    player.toggle();
    expect(resets()).toBe(1);
    clock.advance(0);
    expect(view()).toEqual(upTo(start));
    expect(player.state()).toMatchObject({ playing: true, ended: false });
  });

  it('stop() leaves no timer behind', () => {
    const { clock, player, view } = setup();
    player.play();
    clock.advance(1_000);
    player.stop();
    const seen = view().length;
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(view()).toHaveLength(seen);
  });
});
