// Capped exponential back-off with jitter for reconnecting watches (as client-go's
// wait.Backoff with Jitter: the delay doubles per failed attempt, is capped, and is spread so that
// many watchers do not reconnect in lockstep).

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of the delay that is randomised. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, jitter: 0.5 };

/** Delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 30));
  return Math.round(base * (1 - policy.jitter) + base * policy.jitter * random());
}
