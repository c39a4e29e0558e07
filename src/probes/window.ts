// A predicted window: earliest and latest milliseconds after a reference time, built as a sum of
// terms so the explanation always lists exactly what the numbers were made of.

export interface Term {
  /** Human text, e.g. "3 failures × 5s period". */
  text: string;
  earliestMs: number;
  latestMs: number;
}

export interface Window {
  earliestMs: number;
  latestMs: number;
  terms: Term[];
  /** The terms' texts, then any notes, e.g. "3 failures × 5s period, +1s timeout". */
  explanation: string;
}

export function term(text: string, earliestMs: number, latestMs: number = earliestMs): Term {
  return { text, earliestMs, latestMs };
}

export function windowOf(terms: Term[], notes: string[] = []): Window {
  const kept = terms.filter((t) => t.text !== '');
  return {
    earliestMs: Math.max(0, terms.reduce((sum, t) => sum + t.earliestMs, 0)),
    latestMs: terms.reduce((sum, t) => sum + t.latestMs, 0),
    terms: kept,
    explanation: [kept.map((t) => t.text).join(', '), ...notes].filter((part) => part !== '').join('; '),
  };
}

/** One term standing for a whole earlier window, e.g. the startup probe that gates readiness. */
export function summarise(label: string, window: Window): Term {
  return term(`${label} ${formatRange(window)}`, window.earliestMs, window.latestMs);
}

/** 3000 → "3s", 1500 → "1.5s", 90000 → "90s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))}s`;
}

export function formatRange(window: Pick<Window, 'earliestMs' | 'latestMs'>): string {
  return window.earliestMs === window.latestMs ? formatSeconds(window.latestMs) : `${formatSeconds(window.earliestMs)} – ${formatSeconds(window.latestMs)}`;
}
