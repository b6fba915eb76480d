'use server';

import { after } from 'next/server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { backgroundSyncOf, requestSyncNow } from '@/lib/console/sync-now';
import { syncWorkspaceOrder } from '@/lib/console/sync-order';
import { syncOrder, syncWorkspace } from '@/lib/sync';

/** Starts a full sync in the background of this server process and answers at once. */
export const syncNowAction = workspaceAction(z.object({}), async (_input, { db, workspace }) => {
  const outcome = await requestSyncNow(db, workspace.id, () => syncWorkspace(db, workspace.id, { trigger: 'sync_now' }));
  const running = backgroundSyncOf(workspace.id);
  if (running) after(() => running);
  return outcome;
});

const syncOrderInput = z.object({ orderId: z.string().trim().min(1, 'Choose an order to sync.') });

export const syncOrderAction = workspaceAction(syncOrderInput, async ({ orderId }, { db, workspace }) => {
  const outcome = await syncWorkspaceOrder(db, workspace.id, orderId, (id) => syncOrder(db, workspace.id, id, { trigger: 'sync_order' }));
  revalidatePath(`/orders/${outcome.orderId}`);
  revalidatePath('/orders');
  return outcome;
});
