// One copy of each repeated string. Every watch delivery is parsed into fresh strings, so a
// namespace of a thousand pods holds the same namespace, node, image, reason and label text
// thousands of times over; the compact views keep the interned copy instead. Only text that
// repeats across objects is interned (looking a string up costs hashing it); text that repeats
// only across versions of one object (timestamps, IPs) is taken from the version held (again()).
// The table is bounded: when full it starts over, which costs only sharing, never a value.

/** Where a compact view gets its strings (and small immutable objects) from. */
export interface StringPool {
  string<T extends string | null | undefined>(value: T): T;
  /** The object held under `key`, made by `make` the first time: for values that never change. */
  object<T extends object>(key: string, make: () => T): T;
}

/** Every value as given: for a one-off view that shares nothing. */
export const UNSHARED: StringPool = { string: (value) => value, object: (_key, make) => make() };

export class Interner implements StringPool {
  #strings = new Map<string, string>();
  #objects = new Map<string, object>();
  /**
   * The strings asked for last, by length and first letter: the same few (a namespace, a
   * reason, an event type) come again and again, and comparing is cheaper than hashing.
   */
  readonly #recent: string[] = new Array<string>(64).fill('');

  constructor(readonly limit = 1 << 16) {}

  string<T extends string | null | undefined>(value: T): T {
    if (typeof value !== 'string') return value;
    const slot = (value.length + (value.charCodeAt(0) | 0)) & 63;
    const recent = this.#recent[slot]!;
    if (recent === value) return recent as T;
    let held = this.#strings.get(value);
    if (held === undefined) {
      if (this.#strings.size >= this.limit) this.#strings = new Map();
      this.#strings.set(value, value);
      held = value;
    }
    this.#recent[slot] = held;
    return held as T;
  }

  object<T extends object>(key: string, make: () => T): T {
    const held = this.#objects.get(key);
    if (held !== undefined) return held as T;
    if (this.#objects.size >= this.limit) this.#objects = new Map();
    const made = make();
    this.#objects.set(key, made);
    return made;
  }
}

/** A copy of a flat object with its string values interned (those of `fields`, or all). */
export function internValues<T extends object>(object: T, pool: StringPool, fields?: readonly (keyof T & string)[]): T {
  const copy = { ...object } as Record<string, unknown>;
  for (const key of fields ?? Object.keys(copy)) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = pool.string(value);
  }
  return copy as T;
}

/** `previous` when it is the same string as `value` (so the copy already held serves), else `value`. */
export function again<T extends string | null | undefined>(previous: T | undefined, value: T): T {
  return previous === value ? (previous as T) : value;
}

/** `previous` when it is the same string as `value` (no lookup needed), else the pool's copy of `value`. */
export function shared<T extends string | null | undefined>(pool: StringPool, previous: T | undefined, value: T): T {
  return previous === value ? (previous as T) : pool.string(value);
}
