import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLinks, orders } from '@/db/schema';
import { markLinkUpdated } from '@/lib/data/order-links';
import { syncWorkspace } from '@/lib/sync';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';
import type { TestDatabase } from '@/tests/support/test-database';

describe('an update recorded while a newer version of its source was indexed', () => {
  let database: TestDatabase;
  let world: SyncWorld;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}] });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('leaves the link needing an update, so the newer version is carried next; the version it carried clears it', async () => {
    const sub = world.sim.stores[1];
    sub.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 2 }] });
    const run = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(run.counts.toMain.created).toBe(1);
    const workspaceId = world.fixture.workspace.id;
    const [{ link, source }] = await database.db
      .select({ link: orderLinks, source: orders })
      .from(orderLinks)
      .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
      .where(eq(orderLinks.workspaceId, workspaceId));
    const carried = { sourceModifiedGmt: source.dateModifiedGmt, sourcePulledAt: source.pulledAt, syncedNoteIds: [] };
    const needsUpdate = async () =>
      (await database.db.select({ needsUpdate: orderLinks.needsUpdate }).from(orderLinks).where(eq(orderLinks.id, link.id)))[0].needsUpdate;

    // A pull indexed a newer version of the same second while the update of the older one was on its way.
    await database.db
      .update(orders)
      .set({ pulledAt: new Date(source.pulledAt.getTime() + 1_000) })
      .where(eq(orders.id, source.id));
    await markLinkUpdated(database.db, workspaceId, link.id, carried);
    expect(await needsUpdate()).toBe(true);

    const [newer] = await database.db.select().from(orders).where(eq(orders.id, source.id));
    await markLinkUpdated(database.db, workspaceId, link.id, { ...carried, sourcePulledAt: newer.pulledAt });
    expect(await needsUpdate()).toBe(false);
  });
});
