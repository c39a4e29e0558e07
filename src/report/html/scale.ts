// Time → x: milliseconds since the run's start, laid out left to right, with axis ticks at a
// step that keeps their labels apart.

export interface TimeScale {
  /** Epoch ms of x = left. */
  readonly originMs: number;
  /** Epoch ms of x = left + width. */
  readonly endMs: number;
  readonly left: number;
  readonly width: number;
  /** x of an epoch-ms time; times outside [origin, end] are clamped to the plot. */
  x(at: number): number;
}

export function timeScale(originMs: number, endMs: number, left: number, width: number): TimeScale {
  const span = Math.max(1, endMs - originMs);
  return {
    originMs,
    endMs,
    left,
    width,
    x: (at) => round(left + (Math.min(Math.max(at, originMs), endMs) - originMs) * (width / span)),
  };
}

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
/** Fewest pixels between two labelled ticks ("1m30s" needs about this much). */
const MIN_TICK_PX = 56;

export interface Tick {
  at: number;
  x: number;
  label: string;
}

export function ticks(scale: TimeScale): Tick[] {
  const span = scale.endMs - scale.originMs;
  const stepMs = 1000 * (STEPS_S.find((s) => (s * 1000 * scale.width) / Math.max(1, span) >= MIN_TICK_PX) ?? STEPS_S.at(-1)!);
  const out: Tick[] = [];
  for (let offset = 0; offset <= span; offset += stepMs) {
    out.push({ at: scale.originMs + offset, x: scale.x(scale.originMs + offset), label: offset === 0 ? '0s' : formatOffset(offset) });
  }
  return out;
}

/** "8.8s", "25.6s", "1m30.2s": a time as the distance from the start of the run, to a tenth of a second. */
export function formatOffset(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = `${Number(((tenths % 600) / 10).toFixed(1))}s`;
  return minutes === 0 ? seconds : `${minutes}m${seconds}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
