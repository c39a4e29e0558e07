// A PlayerClock whose timers fire only when a test moves time, in due order.

import type { PlayerClock } from '../../src/replay/player.js';

export class FakeClock implements PlayerClock {
  time = 1_000_000;
  #timers: { due: number; callback: () => void }[] = [];
  now = () => this.time;
  setTimer = (callback: () => void, ms: number) => {
    const timer = { due: this.time + ms, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  };

  get pending(): number {
    return this.#timers.length;
  }

  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.#timers].sort((a, b) => a.due - b.due)[0];
      if (!next || next.due > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.due);
      next.callback();
    }
    this.time = target;
  }
}
