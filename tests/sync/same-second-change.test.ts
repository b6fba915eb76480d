import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stores } from '@/db/schema';
import { previewWorkspace, syncWorkspace } from '@/lib/sync';
import { FAST_TUNING, sharedSyncWorld } from './sync-world';

describe('a change made in the same second as the last read (WooCommerce dates have whole seconds)', () => {
  const shared = sharedSyncWorld({ subs: [{}] });

  const sync = () => syncWorkspace(shared.database.db, shared.world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
  const savedCursor = async (storeId: string) => {
    const [row] = await shared.database.db
      .select({ modifiedGmt: stores.pullCursorModifiedGmt, seenIds: stores.pullCursorSeenIds })
      .from(stores)
      .where(and(eq(stores.workspaceId, shared.world.fixture.workspace.id), eq(stores.id, storeId)));
    return row;
  };

  it('is carried by the next sync; re-reading that second creates nothing twice and updates nothing that did not change', async () => {
    const [main, sub] = shared.world.sim.stores;
    const subId = shared.world.fixture.subs[0].id;
    // The stores' clock stands still: every write below lands in the second of the first read.
    sub.clock.freeze(Math.floor(Date.now() / 1000) * 1000 + 300);
    const source = sub.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 2 }] });
    const first = await sync();
    expect(first.errors).toEqual([]);
    expect(first.counts.toMain.created).toBe(1);
    const copyOf = () => main.orders.withMeta('_orderbridge_origin', `${subId}:${source.id}`);
    expect(copyOf()).toHaveLength(1);
    // The order just read is not "new" to a preview either.
    expect(await previewWorkspace(shared.database.db, shared.world.fixture.workspace.id, FAST_TUNING)).toMatchObject({
      toMain: 0,
      toSubstores: 0,
      held: [],
    });

    sub.updateOrderDirectly(source.id, { status: 'completed' });
    sub.refundOrderDirectly(source.id, { amount: '2.00', reason: 'same second', api_refund: false });
    expect(sub.orders.get(source.id)!.date_modified_gmt).toBe(source.date_modified_gmt);

    for (const store of shared.world.sim.stores) store.requests.reset();
    const second = await sync();
    expect(second.errors).toEqual([]);
    expect(second.counts.toMain).toEqual({ created: 0, updated: 1, held: 0, failed: 0 });
    expect(copyOf()).toHaveLength(1);
    expect(copyOf()[0].status).toBe('completed');
    expect((copyOf()[0].refunds as Array<{ total: string }>).map((r) => r.total)).toEqual(['-2.00']);
    // The re-read is the page the pull asks for anyway: one list request per store, as without the change.
    expect(sub.requests.byRoute()['GET /orders']).toBe(1);

    for (const store of shared.world.sim.stores) store.requests.reset();
    const third = await sync();
    expect(third.errors).toEqual([]);
    const nothing = { created: 0, updated: 0, held: 0, failed: 0 };
    expect(third.counts.toMain).toEqual(nothing);
    expect(third.counts.toSub).toEqual(nothing);
    for (const store of shared.world.sim.stores) expect(Object.keys(store.requests.byRoute())).toEqual(['GET /orders']);
    expect((await savedCursor(subId)).seenIds).toEqual([]);

    // Once the store's clock has left that second, nothing can change in it: the cursor remembers what it read there.
    sub.clock.advance(5_000);
    const fourth = await sync();
    expect(fourth.counts.pulled).toBe(0);
    expect((await savedCursor(subId)).seenIds).toEqual([source.id]);
    expect(copyOf()).toHaveLength(1);
  });
});
