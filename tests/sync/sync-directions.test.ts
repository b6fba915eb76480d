import { describe, expect, it } from 'vitest';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { syncWorkspace } from '@/lib/sync';
import type { WcOrder } from '@/simulator';
import { FAST_TUNING, sharedSyncWorld } from './sync-world';

const metaOf = (order: WcOrder, key: string) => order.meta_data.find((m) => m.key === key)?.value;

describe('sync in both directions (real HTTP to the simulator, real database)', () => {
  const shared = sharedSyncWorld();

  it('copies main orders to every substore and substore orders to main, exactly once, without echoes', async () => {
    const [main, subA, subB] = shared.world.sim.stores;
    const mainOrders = [main.createOrderDirectly(), main.createOrderDirectly(), main.createOrderDirectly()];
    const subOrder = subA.createOrderDirectly();
    const { db } = shared.database;
    const ws = shared.world.fixture.workspace.id;

    const first = await syncWorkspace(db, ws, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(first.errors).toEqual([]);
    expect(first.status).toBe('succeeded');
    expect(first.counts.toSub.created).toBe(6);
    expect(first.counts.toMain.created).toBe(1);
    expect(first.summary).toBe('Synced 7 orders: 6 to substores, 1 to the main store.');

    for (const sub of [subA, subB]) {
      for (const source of mainOrders) {
        const copies = sub.orders.withMeta('_orderbridge_origin', `${shared.world.fixture.main.id}:${source.id}`);
        expect(copies).toHaveLength(1);
        const copy = copies[0];
        expect(copy.line_items.map((l) => [l.sku, l.quantity, l.total])).toEqual(
          source.line_items.map((l) => [l.sku, l.quantity, l.total]),
        );
        expect(copy.total).toBe(source.total);
        expect(copy.status).toBe(source.status);
        expect(copy.billing.email).toBe('');
        expect(copy.customer_id).toBe(0);
        expect(metaOf(copy, '_orderbridge_source_number')).toBe(source.number);
        expect(metaOf(copy, '_orderbridge_customer_email')).toBe(source.billing.email);
        // Where it came from, for the merchant's eyes (WooCommerce shows keys without `_` in Custom Fields), in the batch itself.
        expect(metaOf(copy, 'Orderbridge source')).toBe(`Main Store order #${source.number} (id ${source.id})`);
        expect(metaOf(copy, 'Orderbridge customer email')).toBe(
          `${source.billing.email} (left off this copy so ${sub.name} does not email the customer)`,
        );
        expect(sub.orders.notes(copy.id).filter((n) => /^(Copied from |Customer email: )/.test(n.note))).toEqual([]);
      }
    }
    for (const store of [main, subA, subB]) expect(store.requests.countFor('POST /orders/{id}/notes')).toBe(0);
    const subCopies = main.orders.withMeta('_orderbridge_origin', `${shared.world.fixture.subs[0].id}:${subOrder.id}`);
    expect(subCopies).toHaveLength(1);
    // No echo: the copy on main is not sent on to the substores, and copies on substores do not come back.
    expect(subB.orders.count).toBe(3);
    expect(main.orders.count).toBe(4);
    expect(subA.orders.count).toBe(4);

    const second = await syncWorkspace(db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(second.counts.toSub.created + second.counts.toMain.created).toBe(0);
    expect(second.summary).toBe('Nothing new to sync — all orders are in sync.');
    expect(await countPendingOrders(db, ws)).toMatchObject({ toSubstores: 0, toMain: 0, total: 0, held: 0, failed: 0 });
  });
});
