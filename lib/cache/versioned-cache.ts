export type VersionedCache<V> = {
  /**
   * The value stored under `key` if it was loaded for this same `version` less than `ttlMs` ago; otherwise
   * `load()`'s, which is then stored. Callers arriving while a load is in flight share it; a failed load is
   * not kept.
   */
  get: (key: string, version: string | number, load: () => Promise<V>) => Promise<V>;
  delete: (key: string) => void;
  size: () => number;
};

type Entry<V> = { version: string | number; loadedAt: number; value: Promise<V> };

/**
 * A small in-process cache for values that are costly to compute and change with a cheap-to-read version
 * (a timestamp, a counter): a new version makes an entry stale at once, and `ttlMs` bounds how old an
 * entry may get while its version stays the same. At most `maxEntries` keys are kept; the least recently
 * used goes first.
 */
export function createVersionedCache<V>(options: { ttlMs: number; maxEntries: number; now?: () => number }): VersionedCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<V>>();

  const get = (key: string, version: string | number, load: () => Promise<V>): Promise<V> => {
    const entry = entries.get(key);
    if (entry && entry.version === version && now() - entry.loadedAt < options.ttlMs) {
      // Re-inserted so the map's order stays least recently used first.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    }
    const fresh: Entry<V> = { version, loadedAt: now(), value: load() };
    entries.delete(key);
    entries.set(key, fresh);
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    fresh.value.catch(() => {
      if (entries.get(key) === fresh) entries.delete(key);
    });
    return fresh.value;
  };

  return { get, delete: (key) => void entries.delete(key), size: () => entries.size };
}
