import { beforeEach, describe, expect, it } from 'vitest';
import { oneStoreSimulator } from './support/one-store';
import type { WcCall } from './support/wc-client';

const world = oneStoreSimulator();
const call: WcCall = (...args) => world.call(...args);

const order = (index: number) => ({ line_items: [{ sku: 'RW-MUG', quantity: 1 }], meta_data: [{ key: '_n', value: String(index) }] });
beforeEach(() => world.store.cost.reset(0.02));

describe('cost model (real store figures × 0.02)', () => {
  // Durations are the store's own (request log), so a busy test machine cannot make them flaky.
  const lastDurations = (count: number) =>
    world.store.requests
      .entries()
      .slice(-count)
      .map((entry) => entry.durationMs);

  it('charges per-request overhead plus per-order work paid serially inside a batch', async () => {
    await call('GET', '/orders?per_page=1&modified_after=2100-01-01T00:00:00');
    const [empty] = lastDurations(1);
    await call('POST', '/orders/batch', { create: Array.from({ length: 20 }, (_, index) => order(index)) });
    const [batch] = lastDurations(1);
    // 65 ms × 0.02 = 1.3 ms for nothing; 20 × 150 ms × 0.02 = 60 ms of orders on top. The timeline only
    // sleeps once it is a whole millisecond ahead, so a request may end up to 1 ms short of its cost.
    expect(empty).toBeGreaterThanOrEqual(0.3);
    expect(batch).toBeGreaterThanOrEqual(60.3);
    expect(batch).toBeGreaterThan(empty);
  });

  it('queues requests beyond the worker count', async () => {
    const workers = world.store.store.workers;
    const threeCreates = async () => {
      workers.peakActive = 0;
      workers.peakQueued = 0;
      await Promise.all([0, 1, 2].map((index) => call('POST', '/orders', order(index))));
    };
    // (65 + 150) × 0.5 ≈ 108 ms per create: long enough for the three requests to meet at the world.store.
    world.store.cost.set({ workers: 1, scale: 0.5 });
    await threeCreates();
    expect([workers.peakActive, workers.peakQueued >= 1]).toEqual([1, true]);
    world.store.cost.set({ workers: 3 });
    await threeCreates();
    expect([workers.peakActive, workers.peakQueued]).toEqual([3, 0]);
  });

  it('workers sharing fewer cores than requests at work each run slower, so throughput stops growing', async () => {
    const twoBatches = async () => {
      await Promise.all(
        [0, 1].map(() => call('POST', '/orders/batch', { create: Array.from({ length: 40 }, (_, index) => order(index)) })),
      );
      return lastDurations(2);
    };
    world.store.cost.set({ workers: 4, sharedCores: null });
    const ownCores = await twoBatches();
    world.store.cost.set({ sharedCores: 1 });
    const oneCore = await twoBatches();
    // 40 × 150 ms × 0.02 = 120 ms of orders each; sharing one core, each takes about twice as long.
    for (const ms of ownCores) expect(ms).toBeLessThan(200);
    for (const ms of oneCore) expect(ms).toBeGreaterThanOrEqual(220);
  });

  it('a time limit cuts a batch midway: its first orders exist, the client gets a fatal error', async () => {
    world.store.cost.set({ timeLimitMs: 1000 });
    const before = world.store.orders.count;
    const response = await call('POST', '/orders/batch', { create: Array.from({ length: 10 }, (_, index) => order(index)) });
    expect(response.status).toBe(500);
    expect(response.text).toContain('Maximum execution time of 1 seconds exceeded');
    // (1000 − 65) / 150 → 6 orders fit before the limit.
    expect(world.store.orders.count - before).toBe(6);
  });

  it('or drops the connection when told to', async () => {
    world.store.cost.set({ timeLimitMs: 500, timeLimitOutcome: 'drop' });
    const before = world.store.orders.count;
    await expect(call('POST', '/orders/batch', { create: Array.from({ length: 5 }, (_, index) => order(index)) })).rejects.toThrow();
    expect(world.store.orders.count - before).toBe(2);
  });

  it('counts requests per route for benchmarks', async () => {
    world.store.requests.reset();
    await call('GET', '/orders');
    await call('GET', '/orders');
    await call('POST', '/orders/batch', {});
    expect(world.store.requestCount).toBe(3);
    expect(world.store.requests.byRoute()).toEqual({ 'GET /orders': 2, 'POST /orders/batch': 1 });
  });
});
