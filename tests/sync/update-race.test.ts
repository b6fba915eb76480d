import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderLinks, orders } from '@/db/schema';
import { markLinkUpdated } from '@/lib/data/order-links';
import { syncWorkspace } from '@/lib/sync';
import { FAST_TUNING, sharedSyncWorld } from './sync-world';

describe('an update recorded while a newer version of its source was indexed', () => {
  const shared = sharedSyncWorld({ subs: [{}] });

  it('leaves the link needing an update, so the newer version is carried next; the version it carried clears it', async () => {
    const sub = shared.world.sim.stores[1];
    sub.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 2 }] });
    const run = await syncWorkspace(shared.database.db, shared.world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(run.counts.toMain.created).toBe(1);
    const workspaceId = shared.world.fixture.workspace.id;
    const [{ link, source }] = await shared.database.db
      .select({ link: orderLinks, source: orders })
      .from(orderLinks)
      .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
      .where(eq(orderLinks.workspaceId, workspaceId));
    const carried = { sourceModifiedGmt: source.dateModifiedGmt, sourcePulledAt: source.pulledAt, syncedNoteIds: [] };
    const needsUpdate = async () =>
      (await shared.database.db.select({ needsUpdate: orderLinks.needsUpdate }).from(orderLinks).where(eq(orderLinks.id, link.id)))[0]
        .needsUpdate;

    // A pull indexed a newer version of the same second while the update of the older one was on its way.
    await shared.database.db
      .update(orders)
      .set({ pulledAt: new Date(source.pulledAt.getTime() + 1_000) })
      .where(eq(orders.id, source.id));
    await markLinkUpdated(shared.database.db, workspaceId, link.id, carried);
    expect(await needsUpdate()).toBe(true);

    const [newer] = await shared.database.db.select().from(orders).where(eq(orders.id, source.id));
    await markLinkUpdated(shared.database.db, workspaceId, link.id, { ...carried, sourcePulledAt: newer.pulledAt });
    expect(await needsUpdate()).toBe(false);
  });
});
