// Observations arrive from watch callbacks; the runner consumes them in order. take() waits for
// the next one, at most `ms`, so the runner can also apply the clock to deadlines between them.

import type { Observation } from '../model/observation.js';
import type { Clock } from './clock.js';

export class ObservationQueue {
  readonly #items: Observation[] = [];
  #wake: (() => void) | undefined;

  push(observation: Observation): void {
    this.#items.push(observation);
    this.#wake?.();
  }

  /** Everything queued so far (possibly nothing), after waiting up to `ms` for the first. */
  async take(ms: number, clock: Clock, signal?: AbortSignal): Promise<Observation[]> {
    if (this.#items.length === 0 && ms > 0) {
      const wait = new AbortController();
      this.#wake = () => wait.abort();
      const onAbort = () => wait.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      await clock.sleep(ms, wait.signal);
      signal?.removeEventListener('abort', onAbort);
      this.#wake = undefined;
    }
    return this.#items.splice(0);
  }
}
