import type { Db } from '@/db/client';
import type { Order } from '@/db/schema';
import { findOrderByRemoteId, getOrderForSync } from '@/lib/data/orders';
import { OrderNotFoundError } from './order-work';
import { newRunId, runSlicesToEnd } from './run-slice';
import { resolveTuning } from './tuning';
import type { SyncOptions, SyncResult } from './types';

export { OrderNotFoundError };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Sync Order": reads the order fresh from its store and pushes its current state to every target —
 * creating the copy where there is none, updating it where there is. Asked for a copy, it syncs the original.
 */
export async function syncOrder(db: Db, workspaceId: string, orderId: string, options: Partial<SyncOptions> = {}): Promise<SyncResult> {
  if (!UUID.test(orderId)) throw new OrderNotFoundError(orderId);
  const order = await sourceOf(db, workspaceId, orderId);
  const budgetMs = resolveTuning(options.tuning).sliceBudgetMs;
  return runSlicesToEnd(db, workspaceId, {
    ...options,
    trigger: options.trigger ?? 'sync_order',
    runId: newRunId(),
    budgetMs,
    sourceOrderIds: [order.id],
  });
}

async function sourceOf(db: Db, workspaceId: string, orderId: string): Promise<Order> {
  const order = await getOrderForSync(db, workspaceId, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  if (!order.originRef) return order;
  const [storeId, remoteId] = order.originRef.split(':');
  const original =
    UUID.test(storeId ?? '') && Number(remoteId) > 0
      ? await findOrderByRemoteId(db, { workspaceId, storeId, remoteId: Number(remoteId) })
      : null;
  return original ?? order;
}
