import { describe, expect, it } from 'vitest';
import { syncWorkspace } from '@/lib/sync';
import type { StoreHandle } from '@/simulator';
import { updateStoreForTest } from '@/tests/support/sync-fixtures';
import { FAST_TUNING, freshSyncWorldPerTest } from './sync-world';

const MAIN_ORDERS = 230;
const SUB_ORDERS = 40;

/**
 * A backfill: 230 main orders to two substores, 40 from Substore A to main, one order a second (as the
 * benchmark's), with every store's batch size already learned (100), so no probe batch.
 */
async function backfill(fresh: ReturnType<typeof freshSyncWorldPerTest>) {
  const { world, database } = fresh;
  const [main, subA] = world.sim.stores;
  for (const store of world.fixture.stores) await updateStoreForTest(database.db, store.id, { batchSize: 100 });
  main.seedOrders(MAIN_ORDERS, { startAt: Date.now() - 600_000, spacingMs: 1_000, seed: 11 });
  subA.seedOrders(SUB_ORDERS, { startAt: Date.now() - 300_000, spacingMs: 1_000, seed: 12 });
  for (const store of world.sim.stores) store.requests.reset();
  const result = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
  expect(result.errors).toEqual([]);
  expect(result.counts.toSub.created + result.counts.toMain.created).toBe(MAIN_ORDERS * 2 + SUB_ORDERS);
  return world.sim.stores.map((store) => ({ store, routes: store.requests.byRoute() }));
}

const copiesOn = (store: StoreHandle) => store.orders.withMeta('_orderbridge_origin');

describe('what a backfill costs in requests', () => {
  describe('with the default settings', () => {
    const fresh = freshSyncWorldPerTest();

    it('list pages, one SKU look-up per target and full batches: no request of its own for any copy', async () => {
      const [main, subA, subB] = await backfill(fresh);
      // Each store: its orders in pages of 100 (230 → 3; 40 → 1; none → 1 to learn that), one SKU look-up as a
      // target, and its copies in batches of 100 (40 → 1; 230 → 3). Emails suppressed: no customer accounts read.
      expect(main.routes).toEqual({ 'GET /orders': 3, 'GET /products': 1, 'POST /orders/batch': 1 });
      expect(subA.routes).toEqual({ 'GET /orders': 1, 'GET /products': 1, 'POST /orders/batch': 3 });
      expect(subB.routes).toEqual({ 'GET /orders': 1, 'GET /products': 1, 'POST /orders/batch': 3 });
      for (const { store } of [main, subA, subB]) {
        for (const copy of copiesOn(store))
          expect(copy.meta_data.map((m) => m.key)).toEqual(expect.arrayContaining(['Orderbridge source', 'Orderbridge customer email']));
      }
    });
  });

  describe('with a private note on every copy (opt-in)', () => {
    const fresh = freshSyncWorldPerTest({ settings: { addCopyNote: true } });

    it('costs exactly one more request per copy, each copy noted once', async () => {
      const [main, subA, subB] = await backfill(fresh);
      const notes = 'POST /orders/{id}/notes';
      expect(main.routes).toEqual({ 'GET /orders': 3, 'GET /products': 1, 'POST /orders/batch': 1, [notes]: SUB_ORDERS });
      expect(subA.routes).toEqual({ 'GET /orders': 1, 'GET /products': 1, 'POST /orders/batch': 3, [notes]: MAIN_ORDERS });
      expect(subB.routes).toEqual({ 'GET /orders': 1, 'GET /products': 1, 'POST /orders/batch': 3, [notes]: MAIN_ORDERS });
      for (const { store } of [main, subA, subB]) {
        for (const copy of copiesOn(store)) {
          const source = copy.meta_data.find((m) => m.key === 'Orderbridge source')?.value as string;
          expect(
            store.orders
              .notes(copy.id)
              .filter((n) => n.note.startsWith('Copied from '))
              .map((n) => n.note.split('.')[0]),
          ).toEqual([`Copied from ${source.replace(/ \(id \d+\)$/, '')}`]);
        }
      }
    });
  });
});
