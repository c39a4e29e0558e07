// Which watch deliveries to believe. A watch may repeat an object (reconnects, relists, a resumed
// watch that replays from an older resourceVersion) or, across two watches, deliver updates out of
// order. Applying such a delivery twice would report the same transition twice, or report a
// change backwards.
//
// resourceVersion is opaque by the API conventions (api-conventions.md "Concurrency Control and
// Consistency": clients must not assume versions are numeric or comparable across objects). In
// practice kube-apiserver's etcd3 storage returns the object's etcd modification revision, a
// decimal integer that only grows for one object. So: versions are compared only for the same
// object (the same uid), numerically (BigInt) when both parse as decimal integers; otherwise only
// equality is trusted (equal = a repeat, different = take it in arrival order).

/** Whether `incoming` is a later version of an object held at `held`. */
export function isNewerVersion(incoming: string | undefined, held: string | undefined): boolean {
  if (held === undefined || incoming === undefined) return true;
  if (DECIMAL.test(incoming) && DECIMAL.test(held)) return decimalAbove(incoming, held);
  return incoming !== held;
}

const DECIMAL = /^\d+$/;

// a > b for decimal integers of any length: more significant digits, else the first digit that
// differs (the numeric order of BigInt(a) > BigInt(b), without making BigInts on every delivery).
function decimalAbove(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === ZERO) i++;
  while (j < b.length - 1 && b.charCodeAt(j) === ZERO) j++;
  if (a.length - i !== b.length - j) return a.length - i > b.length - j;
  for (; i < a.length; i++, j++) {
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return a.charCodeAt(i) > b.charCodeAt(j);
  }
  return false;
}

const ZERO = 48;

/**
 * The last version seen of each object of one resource, including deleted ones: once an object
 * (uid) is deleted nothing more about it is believed. Objects without a uid (hand-built values)
 * are tracked by name and forgotten when deleted, so a same-named successor is accepted.
 */
export class VersionTracker {
  /** The last version seen of each object (undefined: delivered without one), or GONE once deleted. */
  readonly #seen = new Map<string, string | undefined | typeof GONE>();

  /** Records the delivery and says whether to apply it. */
  admit(type: 'ADDED' | 'MODIFIED' | 'DELETED', uid: string | undefined, name: string, version: string | undefined): boolean {
    const id = uid ?? `name:${name}`;
    // Undefined when not seen or seen without a version: either way any version is newer.
    const held = this.#seen.get(id);
    if (held === GONE) return false;
    // A deletion ends the object whatever its version says: a relist reports it with the last
    // version already held.
    if (type !== 'DELETED' && !isNewerVersion(version, held)) return false;
    if (type !== 'DELETED') this.#seen.set(id, version ?? held);
    else if (uid !== undefined) this.#seen.set(id, GONE);
    else this.#seen.delete(id);
    return true;
  }

  /** Marks an object as gone without a DELETED delivery (its name was taken by a new uid). */
  forget(uid: string | undefined): void {
    if (uid !== undefined) this.#seen.set(uid, GONE);
  }
}

const GONE = Symbol('deleted');

/**
 * VersionTracker.admit for a store that keeps each held object's version with the object: `held`
 * is what it holds for this uid (undefined: nothing), `gone` the uids deleted, to which a believed
 * deletion is added. One lookup of the store serves both.
 */
export function believe(type: 'ADDED' | 'MODIFIED' | 'DELETED', version: string | undefined, uid: string, held: { version?: string } | undefined, gone: Set<string>): boolean {
  if (held === undefined && gone.has(uid)) return false;
  if (type !== 'DELETED' && held !== undefined && !isNewerVersion(version, held.version)) return false;
  if (type === 'DELETED') gone.add(uid);
  return true;
}
