/**
 * Small in-memory bounded containers the chat adapters use: a "seen" set that drops retried
 * deliveries, and a token map that keeps button state server-side. Both forget the oldest entry
 * when full; both live in one process only (a restart forgets them, a second process does not share them).
 */

/** A Map that evicts its least recently used entry once it holds more than `max` entries. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  /** Number of entries held. */
  get size(): number {
    return this.map.size;
  }

  /** Read an entry and mark it as recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Whether the key is present (does not refresh it). */
  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Store an entry, evicting the oldest ones beyond the bound. */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
    return this;
  }
}

/** Remembers recently seen ids; `firstTime(id)` is true only the first time an id is offered. */
export class SeenIds {
  private readonly seen: BoundedMap<string, true>;

  constructor(max = 2000) {
    this.seen = new BoundedMap(max);
  }

  /** True when the id was not seen before (and records it); false for a repeat. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    return true;
  }
}
