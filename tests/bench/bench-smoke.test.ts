import { describe, expect, it } from 'vitest';
import { benchBackfill } from '@/scripts/bench/backfill';
import { benchMemory } from '@/scripts/bench/memory';
import { benchPropagation } from '@/scripts/bench/propagation';
import { BENCH_SIZES } from '@/scripts/bench/sizes';
import { benchQuietTick } from '@/scripts/bench/quiet-tick';
import { benchSteady } from '@/scripts/bench/steady';
import { largestBatch, listPages, lowerBoundRequests } from '@/scripts/bench/lower-bound';
import { REAL_STORE_COST } from '@/simulator';

// The benchmark code paths at toy size, free stores: they must keep working. No timing is asserted.
const pglite = !process.env.DATABASE_URL?.startsWith('postgres');
const log = () => undefined;

describe('benchmarks at toy size', () => {
  it('lower bound: pages of 100 (one for an empty store), batches limited by the time limit', () => {
    expect(listPages(0)).toBe(1);
    expect(listPages(200)).toBe(2);
    expect(largestBatch(REAL_STORE_COST)).toBe(100);
    expect(largestBatch({ ...REAL_STORE_COST, timeLimitMs: 3_065 })).toBe(20);
    expect(lowerBoundRequests([{ name: 's', changedOrders: 150, copiesToCreate: 250, skuLookups: 1 }])).toBe(2 + 3 + 1);
  });

  it('backfill: the engine and the naive way copy every order; requests counted against the bound', async () => {
    const report = await benchBackfill({ mainOrders: 40, subOrders: 12, subs: 2, cost: { scale: 0 }, naiveSample: 1, pglite, log });
    expect(report.copies).toBe(40 * 2 + 12);
    expect(report.lowerBoundRequests).toBe(3 + 2 * 3);
    expect(report.requests).toBeGreaterThanOrEqual(report.lowerBoundRequests);
    expect(report.naiveRequests).toBe(3 + report.copies);
    // Default settings: no request of its own for any copy, and (emails suppressed) no customer accounts read.
    const routes = new Set(Object.values(report.requestsByStore).flatMap((byRoute) => Object.keys(byRoute)));
    expect([...routes].sort()).toEqual(['GET /orders', 'GET /products', 'POST /orders/batch']);
    // The opt-in note on every copy: one more request each.
    expect(report.requestsWithNotes).toBe(report.requests + report.copies);
    expect(report.dbQueriesPerOrder).toBeGreaterThan(0);
    expect(report.peakRssMb).toBeGreaterThan(0);
    expect(report.sharedCores.requests).toBeGreaterThanOrEqual(report.sharedCores.lowerBoundRequests);
    expect(report.sharedCores.cores).toBe(2);
  }, 120_000);

  it('backfill in slices: a slice budget too small for the whole run still copies every order once', async () => {
    const report = await benchBackfill({
      mainOrders: 240,
      subOrders: 12,
      subs: 2,
      cost: { scale: 0 },
      naiveSample: 0.05,
      tuning: { sliceBudgetMs: 1 },
      pglite,
      log,
    });
    expect(report.slices).toBeGreaterThan(1);
    expect(report.copies).toBe(240 * 2 + 12);
    expect(report.requests).toBeGreaterThanOrEqual(report.lowerBoundRequests);
  }, 120_000);

  it('quiet tick: one request per store when nothing is new', async () => {
    const report = await benchQuietTick({ workspaces: 3, storesPerWorkspace: 3, cost: { scale: 0 }, tuning: {}, pglite, log });
    expect(report.requestsPerStore).toBe(1);
    expect(report.statuses).toEqual({ succeeded: 3 });
  }, 60_000);

  it('steady state and memory: every new order is copied and measured', async () => {
    const steady = await benchSteady({ workspaces: 2, ordersPerTick: 3, ticks: 1, cost: { scale: 0 }, tuning: {}, pglite, log });
    expect(steady.copies).toBe(6);
    const memory = await benchMemory({ orders: 300, pglite, log });
    expect(memory.pulled).toBe(300);
  }, 120_000);

  it('propagation: with deliveries dropped, every order still arrives, through webhooks or polling', async () => {
    const report = await benchPropagation({ ...BENCH_SIZES.quick.propagation, cost: { scale: 0 }, tuning: {}, pglite, log });
    expect(report.orders).toBeGreaterThan(0);
    expect(report.arrived).toBe(report.orders);
    expect(report.viaWebhook).toBeGreaterThan(0);
    expect(report.viaWebhook + report.viaPolling).toBe(report.arrived);
  }, 120_000);
});
