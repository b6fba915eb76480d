import type { Db } from '../../db/client';
import { NotFoundError } from '../accounts/errors';
import { findWorkspaceOrder } from '../data/order-detail';

export type SyncOrderOutcome = { orderId: string; message: string };

/**
 * Sync Order for one order of this workspace. The order is looked up inside the workspace first, so an
 * id from another workspace is simply not found and the engine is never called with it.
 */
export async function syncWorkspaceOrder(
  db: Db,
  workspaceId: string,
  orderId: string,
  runSyncOrder: (orderId: string) => Promise<{ summary: string }>,
): Promise<SyncOrderOutcome> {
  const order = await findWorkspaceOrder(db, workspaceId, orderId);
  if (!order) throw new NotFoundError('That order');
  const result = await runSyncOrder(order.id);
  return { orderId: order.id, message: result.summary };
}
