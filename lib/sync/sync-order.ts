import type { Db } from '../../db/client';
import type { Order } from '../../db/schema';
import { listLinksOfSourceOrder, requestLinkUpdates } from '../data/order-links';
import { findOrderByRemoteId, getOrderForSync } from '../data/orders';
import { getOrder } from '../woo/orders-api';
import { executeRun } from './execute-run';
import { indexPage, recordAdoptions } from './pull';
import { toPulledOrderRow } from './order-snapshot';
import { runUnderLease } from './sync-workspace';
import type { SyncOptions, SyncResult } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class OrderNotFoundError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} is not in this workspace`);
    this.name = 'OrderNotFoundError';
  }
}

/**
 * "Sync Order": reads the order fresh from its store and pushes its current state to every target —
 * creating the copy where there is none, updating it where there is. Asked for a copy, it syncs the original.
 */
export async function syncOrder(db: Db, workspaceId: string, orderId: string, options: Partial<SyncOptions> = {}): Promise<SyncResult> {
  if (!UUID.test(orderId)) throw new OrderNotFoundError(orderId);
  const order = await sourceOf(db, workspaceId, orderId);
  return runUnderLease(db, workspaceId, { ...options, trigger: options.trigger ?? 'sync_order' }, async (ctx) => {
    const store = ctx.storesById.get(order.storeId);
    if (!store) throw new OrderNotFoundError(orderId);
    if (store.paused) throw new Error(`${store.name} is paused; resume it to sync its orders`);
    const fresh = toPulledOrderRow(await getOrder(ctx.client(store), order.remoteId, ctx.signal));
    ctx.reached.add(store.id);
    const { adopted } = await ctx.db.transaction((tx) => indexPage(tx as unknown as Db, ctx, store, [fresh], { ignoreSyncStart: true }));
    await recordAdoptions(ctx, store, adopted);
    ctx.counts.pulled += 1;
    const links = await listLinksOfSourceOrder(ctx.db, ctx.workspace.id, order.id);
    await requestLinkUpdates(ctx.db, ctx.workspace.id, links.filter((l) => l.state === 'synced').map((l) => l.id));
    ctx.listBeforeResending = true;
    await executeRun(ctx, { sourceOrderIds: [order.id], skipPull: true });
    // A copy adopted on the way reflects the order as it was when first sent: bring it up to date too.
    const behind = (await listLinksOfSourceOrder(ctx.db, ctx.workspace.id, order.id)).filter((l) => l.state === 'synced' && l.needsUpdate);
    if (behind.length > 0) await executeRun(ctx, { sourceOrderIds: [order.id], skipPull: true });
  });
}

async function sourceOf(db: Db, workspaceId: string, orderId: string): Promise<Order> {
  const order = await getOrderForSync(db, workspaceId, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  if (!order.originRef) return order;
  const [storeId, remoteId] = order.originRef.split(':');
  const original = UUID.test(storeId ?? '') && Number(remoteId) > 0 ? await findOrderByRemoteId(db, workspaceId, storeId, Number(remoteId)) : null;
  return original ?? order;
}
