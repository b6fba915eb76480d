import type { Db } from '@/db/client';
import { listLinksOfSourceOrder, requestLinkUpdates } from '@/lib/data/order-links';
import { getOrderForSync } from '@/lib/data/orders';
import { getOrder } from '@/lib/woo/orders-api';
import { executeRun } from './execute-run';
import { indexPage, recordAdoptions } from './pull';
import { toPulledOrderRow } from './order-snapshot';
import type { RunContext } from './run-context';

export class OrderNotFoundError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} is not in this workspace`);
    this.name = 'OrderNotFoundError';
  }
}

/**
 * The work of a run limited to some source orders (Sync Order): read each fresh from its store, then push its
 * current state to every target — creating the copy where there is none, updating it where there is.
 * Done again by a later slice, it reads and pushes what is still open; nothing is sent twice.
 */
export async function syncSourceOrders(ctx: RunContext, sourceOrderIds: string[]): Promise<void> {
  for (const orderId of sourceOrderIds) {
    const order = await getOrderForSync(ctx.db, ctx.workspace.id, orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    const store = ctx.storesById.get(order.storeId);
    if (!store) throw new OrderNotFoundError(orderId);
    if (store.paused) throw new Error(`${store.name} is paused; resume it to sync its orders`);
    const fresh = toPulledOrderRow(await getOrder(ctx.client(store), order.remoteId, ctx.signal));
    ctx.reached.add(store.id);
    const { adopted } = await ctx.db.transaction((tx) => indexPage(tx as unknown as Db, ctx, store, [fresh], { ignoreSyncStart: true }));
    await recordAdoptions(ctx, store, adopted);
    ctx.counts.pulled += 1;
    const links = await listLinksOfSourceOrder(ctx.db, ctx.workspace.id, order.id);
    await requestLinkUpdates(
      ctx.db,
      ctx.workspace.id,
      links.filter((l) => l.state === 'synced').map((l) => l.id),
    );
  }
  ctx.listBeforeResending = true;
  await executeRun(ctx, { sourceOrderIds, skipPull: true });
  // A copy adopted on the way reflects the order as it was when first sent: bring it up to date too.
  if (ctx.sliceEnded) return;
  const behind = (await Promise.all(sourceOrderIds.map((id) => listLinksOfSourceOrder(ctx.db, ctx.workspace.id, id))))
    .flat()
    .filter((l) => l.state === 'synced' && l.needsUpdate);
  if (behind.length > 0) await executeRun(ctx, { sourceOrderIds, skipPull: true });
}
