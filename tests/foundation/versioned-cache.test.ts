import { describe, expect, it } from 'vitest';
import { createVersionedCache } from '@/lib/cache/versioned-cache';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

function counter() {
  let loads = 0;
  return {
    load:
      (value = `value ${loads + 1}`) =>
      async () => ((loads += 1), value),
    loads: () => loads,
  };
}

describe('createVersionedCache', () => {
  it('keeps a value for the same version until it is ttlMs old', async () => {
    const time = clock();
    const cache = createVersionedCache<string>({ ttlMs: 5_000, maxEntries: 10, now: time.now });
    const loads = counter();
    expect(await cache.get('w1', 1, loads.load())).toBe('value 1');
    time.advance(4_999);
    expect(await cache.get('w1', 1, loads.load())).toBe('value 1');
    time.advance(1);
    expect(await cache.get('w1', 1, loads.load())).toBe('value 2');
    expect(loads.loads()).toBe(2);
  });

  it('loads again at once when the version changes, and keeps keys apart', async () => {
    const cache = createVersionedCache<string>({ ttlMs: 60_000, maxEntries: 10, now: clock().now });
    const loads = counter();
    expect(await cache.get('w1', 'run-1', loads.load())).toBe('value 1');
    expect(await cache.get('w1', 'run-2', loads.load())).toBe('value 2');
    expect(await cache.get('w2', 'run-2', loads.load())).toBe('value 3');
    expect(await cache.get('w1', 'run-2', loads.load())).toBe('value 2');
    expect(loads.loads()).toBe(3);
  });

  it('shares one load between callers arriving while it is in flight', async () => {
    const cache = createVersionedCache<number>({ ttlMs: 5_000, maxEntries: 10, now: clock().now });
    let release: (value: number) => void = () => undefined;
    let loads = 0;
    const load = () => ((loads += 1), new Promise<number>((resolve) => (release = resolve)));
    const first = cache.get('w1', 1, load);
    const second = cache.get('w1', 1, load);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = createVersionedCache<string>({ ttlMs: 5_000, maxEntries: 10, now: clock().now });
    await expect(cache.get('w1', 1, async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(cache.size()).toBe(0);
    expect(await cache.get('w1', 1, async () => 'recovered')).toBe('recovered');
  });

  it('drops the least recently used key beyond maxEntries', async () => {
    const cache = createVersionedCache<string>({ ttlMs: 60_000, maxEntries: 2, now: clock().now });
    const loads = counter();
    await cache.get('w1', 1, loads.load('w1'));
    await cache.get('w2', 1, loads.load('w2'));
    await cache.get('w1', 1, loads.load('w1 again'));
    await cache.get('w3', 1, loads.load('w3'));
    expect(cache.size()).toBe(2);
    expect(await cache.get('w1', 1, loads.load('w1 reloaded'))).toBe('w1');
    expect(await cache.get('w2', 1, loads.load('w2 reloaded'))).toBe('w2 reloaded');
  });
});
