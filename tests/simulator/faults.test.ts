import { beforeEach, describe, expect, it } from 'vitest';
import { oneStoreSimulator } from './support/one-store';
import type { WcCall } from './support/wc-client';

const world = oneStoreSimulator();
const call: WcCall = (...args) => world.call(...args);
beforeEach(() => world.store.faults.clear());

const createBody = { status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 1 }], meta_data: [{ key: '_link', value: 'x' }] };

describe('faults', () => {
  it('commit-then-drop creates the order while the client sees the connection die', async () => {
    const before = world.store.orders.count;
    world.store.faults.inject({ kind: 'commitThenDrop', route: 'POST /orders' });
    await expect(call('POST', '/orders', createBody)).rejects.toThrow();
    expect(world.store.orders.count).toBe(before + 1);
    expect(world.store.faults.injected.commitThenDrop).toBe(1);
  });

  it('5xx before work creates nothing', async () => {
    const before = world.store.orders.count;
    world.store.faults.inject({ kind: 'error503', route: 'POST /orders' });
    world.store.faults.inject({ kind: 'error502', route: 'POST /orders' });
    world.store.faults.inject({ kind: 'error500', route: 'POST /orders' });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await call('POST', '/orders', createBody)).status);
    expect(statuses).toEqual([503, 502, 500]);
    expect(world.store.orders.count).toBe(before);
  });

  it('429 carries Retry-After; HTML instead of JSON is a 200 that does not parse', async () => {
    world.store.faults.configure({ retryAfterSeconds: 7 });
    world.store.faults.inject({ kind: 'rateLimit429' });
    const limited = await call('GET', '/orders');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    world.store.faults.inject({ kind: 'htmlInsteadOfJson' });
    const html = await call('GET', '/orders');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(() => JSON.parse(html.text)).toThrow();
  });

  it('a hang lasts until the client gives up', async () => {
    world.store.faults.inject({ kind: 'hang' });
    const started = performance.now();
    await expect(fetch(`${world.store.url}/wp-json/wc/v3/orders`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('random faults are replayable from their seed', async () => {
    const run = async () => {
      world.store.faults.clear();
      world.store.faults.configure({ seed: 42, rates: { error500: 0.3, rateLimit429: 0.2 } });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++) statuses.push((await call('GET', '/orders?per_page=1')).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(3);
    expect(await run()).toEqual(first);
  });

  it('adds latency with jitter and slow list pages', async () => {
    world.store.faults.configure({ latencyMs: 40, jitterMs: 20, slowPageRate: 1, slowPageMs: 100 });
    let started = performance.now();
    await call('GET', '/orders/1');
    const single = performance.now() - started;
    started = performance.now();
    await call('GET', '/orders');
    const page = performance.now() - started;
    expect(single).toBeGreaterThanOrEqual(40);
    expect(page).toBeGreaterThanOrEqual(140);
  });

  it('limits random faults to the routes asked for', async () => {
    world.store.faults.configure({ rates: { error503: 1 }, routes: ['POST /orders/batch'] });
    expect((await call('GET', '/orders')).status).toBe(200);
    expect((await call('POST', '/orders/batch', {})).status).toBe(503);
  });

  it('takes faults over the admin endpoint too', async () => {
    const response = await fetch(`${world.store.url}/__sim/faults/inject`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'error502', route: 'GET /orders' }),
    });
    expect(response.status).toBe(200);
    expect((await call('GET', '/orders')).status).toBe(502);
    expect((await call('GET', '/orders')).status).toBe(200);
  });
});
