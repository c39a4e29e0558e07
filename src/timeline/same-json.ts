// Equality of JSON values, for the views that keep what did not change between two versions of
// an object instead of a new copy of it.

/**
 * Whether two JSON values are equal, a field holding undefined counting as absent (held objects
 * list every field of their type).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    if (!sameJson(left[key], right[key])) return false;
    fields++;
  }
  for (const key in right) if (right[key] !== undefined) fields--;
  return fields === 0;
}
