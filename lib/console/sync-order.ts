import type { Db } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { findWorkspaceOrder } from '@/lib/data/order-detail';

export type SyncOrderOutcome = {
  orderId: string;
  status: 'succeeded' | 'partial' | 'failed' | 'already_running' | 'queued';
  message: string;
};

/** How Sync Order runs: queued on Inngest (answers at once), or in this process (answers with the result). */
export type SyncOrderStarter =
  | { via: 'inngest'; queue: (orderId: string) => Promise<void> }
  | { via: 'this_process'; run: (orderId: string) => Promise<{ status: Exclude<SyncOrderOutcome['status'], 'queued'>; summary: string }> };

const BUSY_MESSAGE =
  'Another sync is running for this workspace right now, so this order was not synced twice. Its progress is shown at the top; press Sync Order again when it finishes.';
const QUEUED_MESSAGE =
  'Sync Order is queued: this order is synced in a moment (after any sync already running). Its progress is shown at the top; the timeline below shows the result.';

/**
 * Sync Order for one order of this workspace. The order is looked up inside the workspace first, so an
 * id from another workspace is simply not found and the engine is never called with it.
 */
export async function syncWorkspaceOrder(
  db: Db,
  workspaceId: string,
  orderId: string,
  starter: SyncOrderStarter,
): Promise<SyncOrderOutcome> {
  const order = await findWorkspaceOrder(db, workspaceId, orderId);
  if (!order) throw new NotFoundError('That order');
  if (starter.via === 'inngest') {
    await starter.queue(order.id);
    return { orderId: order.id, status: 'queued', message: QUEUED_MESSAGE };
  }
  const result = await starter.run(order.id);
  return { orderId: order.id, status: result.status, message: result.status === 'already_running' ? BUSY_MESSAGE : result.summary };
}
