import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderLinks, orders } from '@/db/schema';
import { adoptFoundCopies } from '@/lib/data/order-links';
import { syncWorkspace } from '@/lib/sync';
import { FAST_TUNING, sharedSyncWorld } from './sync-world';

describe('a copy adopted after an unfinished create, whose source changed around the claim (WooCommerce dates have whole seconds)', () => {
  const shared = sharedSyncWorld({ subs: [{}] });

  async function unfinishedClaim(sourceModifiedGmt: (claimedAt: Date) => Date) {
    const { db } = shared.database;
    const workspaceId = shared.world.fixture.workspace.id;
    const [{ link, source }] = await db
      .select({ link: orderLinks, source: orders })
      .from(orderLinks)
      .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
      .where(eq(orderLinks.workspaceId, workspaceId));
    // The copy was created, but the answer never came: the link is still claimed.
    const claimedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 600);
    await db.update(orderLinks).set({ state: 'creating', claimedAt, needsUpdate: false }).where(eq(orderLinks.id, link.id));
    await db
      .update(orders)
      .set({ dateModifiedGmt: sourceModifiedGmt(claimedAt) })
      .where(eq(orders.id, source.id));
    const { adopted } = await adoptFoundCopies(db, workspaceId, link.targetStoreId, [
      { linkId: link.id, remoteId: link.targetRemoteId!, number: link.targetNumber! },
    ]);
    expect(adopted).toHaveLength(1);
    return adopted[0];
  }

  it('carries a change stamped in the very second of the claim, which may have come after it', async () => {
    shared.world.sim.stores[1].createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 1 }] });
    const run = await syncWorkspace(shared.database.db, shared.world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(run.counts.toMain.created).toBe(1);

    const sameSecond = await unfinishedClaim((claimedAt) => new Date(Math.floor(claimedAt.getTime() / 1000) * 1000));
    expect(sameSecond.needsUpdate).toBe(true);
  });

  it('leaves a copy alone whose source last changed in an earlier second than the claim', async () => {
    const earlier = await unfinishedClaim((claimedAt) => new Date(Math.floor(claimedAt.getTime() / 1000) * 1000 - 1000));
    expect(earlier.needsUpdate).toBe(false);
  });
});
