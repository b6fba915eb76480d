import type { Db } from '../../db/client';
import { NotFoundError } from '../accounts/errors';
import { findWorkspaceOrder } from '../data/order-detail';

export type SyncOrderOutcome = { orderId: string; status: 'succeeded' | 'partial' | 'failed' | 'already_running'; message: string };

const BUSY_MESSAGE = 'Another sync is running for this workspace right now, so this order was not synced twice. Its progress is shown at the top; press Sync Order again when it finishes.';

/**
 * Sync Order for one order of this workspace. The order is looked up inside the workspace first, so an
 * id from another workspace is simply not found and the engine is never called with it.
 */
export async function syncWorkspaceOrder(
  db: Db,
  workspaceId: string,
  orderId: string,
  runSyncOrder: (orderId: string) => Promise<{ status: SyncOrderOutcome['status']; summary: string }>,
): Promise<SyncOrderOutcome> {
  const order = await findWorkspaceOrder(db, workspaceId, orderId);
  if (!order) throw new NotFoundError('That order');
  const result = await runSyncOrder(order.id);
  return { orderId: order.id, status: result.status, message: result.status === 'already_running' ? BUSY_MESSAGE : result.summary };
}
