// Human-readable ages as kubectl prints them. A port of HumanDuration from
// k8s.io/apimachinery/pkg/util/duration/duration.go, which `kubectl get` (AGE, RESTARTS "(… ago)")
// and `kubectl describe` (event Age) both use through translateTimestampSince.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A succinct duration with 2–3 significant figures: `5s`, `119s`, `2m10s`, `10m`, `3h1m`,
 * `47h`, `2d1h`, `8d`, `2y1d`, `8y`. Up to 2 s in the future counts as `0s` (clock skew);
 * further in the future is `<invalid>`, exactly as kubectl prints it.
 */
export function humanDuration(ms: number): string {
  // Go converts with int(...), which truncates toward zero; Math.trunc does the same.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Epoch ms of a Kubernetes timestamp (RFC 3339, seconds or microseconds), or undefined when unset. */
export function parseTime(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  // The same timestamps come again and again (an object's versions, a second's events): a
  // lookup costs less than Date.parse. Bounded: when full it starts over.
  let ms = parsed.get(value);
  if (ms === undefined) {
    ms = Date.parse(value);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(value, ms);
  }
  return Number.isNaN(ms) ? undefined : ms;
}

const parsed = new Map<string, number>();

/**
 * kubectl's translateTimestampSince (pkg/printers/internalversion/printers.go and
 * kubectl pkg/describe/describe.go): `<unknown>` for an unset time, else the human duration
 * from the timestamp to `now`.
 */
export function since(timestamp: string | number | null | undefined, now: number): string {
  const ms = typeof timestamp === 'number' ? timestamp : parseTime(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}
