// At most `limit` calls in flight: enough to grade a class quickly without sending the API server
// a burst of requests per student at once. A limiter serves a live class, whose re-grades arrive
// whenever students change their objects; mapBounded a list graded once.

export type Limiter = <R>(task: () => Promise<R>) => Promise<R>;

/** Runs each task when fewer than `limit` run; the others wait, first come first served. */
export function createLimiter(limit: number): Limiter {
  const slots = Math.max(1, limit);
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (active >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so a task arriving now cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

export function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const run = createLimiter(limit);
  return Promise.all(items.map((item, index) => run(() => fn(item, index))));
}
