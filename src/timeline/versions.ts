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
  if (DECIMAL.test(incoming) && DECIMAL.test(held)) return BigInt(incoming) > BigInt(held);
  return incoming !== held;
}

const DECIMAL = /^\d+$/;

/**
 * The last version seen of each object of one resource, including deleted ones: once an object
 * (uid) is deleted nothing more about it is believed. Objects without a uid (hand-built values)
 * are tracked by name and forgotten when deleted, so a same-named successor is accepted.
 */
export class VersionTracker {
  readonly #seen = new Map<string, { version?: string; deleted: boolean }>();

  /** Records the delivery and says whether to apply it. */
  admit(type: 'ADDED' | 'MODIFIED' | 'DELETED', uid: string | undefined, name: string, version: string | undefined): boolean {
    const id = uid ?? `name:${name}`;
    const held = this.#seen.get(id);
    if (held?.deleted) return false;
    // A deletion ends the object whatever its version says: a relist reports it with the last
    // version already held.
    if (type !== 'DELETED' && held !== undefined && !isNewerVersion(version, held.version)) return false;
    if (type === 'DELETED' && uid === undefined) this.#seen.delete(id);
    else this.#seen.set(id, { version: version ?? held?.version, deleted: type === 'DELETED' });
    return true;
  }

  /** Marks an object as gone without a DELETED delivery (its name was taken by a new uid). */
  forget(uid: string | undefined): void {
    if (uid !== undefined) this.#seen.set(uid, { ...this.#seen.get(uid), deleted: true });
  }
}
