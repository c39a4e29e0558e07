// The active step's spinner. Its frame follows the view's clock instead of a timer of its own,
// so the store's throttle stays the only source of redraws.

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export function spinnerFrame(now: number): string {
  return FRAMES[Math.floor(now / FRAME_MS) % FRAMES.length]!;
}
