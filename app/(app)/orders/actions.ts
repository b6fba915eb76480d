'use server';

import { after } from 'next/server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { queueOrderSync, queueReservedWorkspaceSync } from '@/inngest/queue';
import { UserFacingError } from '@/lib/errors';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { backgroundSyncOf, IN_PROCESS_SLICE_BUDGET_MS, requestSyncNow, type SyncNowStarter } from '@/lib/console/sync-now';
import { syncWorkspaceOrder, type SyncOrderStarter } from '@/lib/console/sync-order';
import { inngestMode } from '@/lib/env/inngest-mode';
import { runSlicesToEnd, syncOrder } from '@/lib/sync';

/** Reserves the run and hands it to Inngest, or runs it in the background of this process; answers at once either way. */
export const syncNowAction = workspaceAction(
  z.object({}),
  async (_input, { db, workspace }) => {
    const starter: SyncNowStarter =
      inngestMode() === 'inngest'
        ? { via: 'inngest', queue: (runId) => queueReservedWorkspaceSync(db, workspace.id, runId) }
        : {
            via: 'this_process',
            run: (runId) => runSlicesToEnd(db, workspace.id, { trigger: 'sync_now', runId, budgetMs: IN_PROCESS_SLICE_BUDGET_MS }),
          };
    const outcome = await requestSyncNow(db, workspace.id, starter);
    const running = backgroundSyncOf(workspace.id);
    if (running) after(() => running);
    return outcome;
  },
  { permission: 'sync.now' },
);

const syncOrderInput = z.object({ orderId: z.string().trim().min(1, 'Choose an order to sync.') });

export const syncOrderAction = workspaceAction(
  syncOrderInput,
  async ({ orderId }, { db, workspace }) => {
    const starter: SyncOrderStarter =
      inngestMode() === 'inngest'
        ? {
            via: 'inngest',
            queue: (id) =>
              queueOrderSync({ workspaceId: workspace.id, orderId: id, source: 'sync_order' }).catch(() => {
                throw new UserFacingError(
                  'Sync Order could not reach the job queue (Inngest), so nothing was started. Try again in a moment.',
                  'queue_unavailable',
                );
              }),
          }
        : { via: 'this_process', run: (id) => syncOrder(db, workspace.id, id, { trigger: 'sync_order' }) };
    const outcome = await syncWorkspaceOrder(db, workspace.id, orderId, starter);
    revalidatePath(`/orders/${outcome.orderId}`);
    revalidatePath('/orders');
    return outcome;
  },
  { permission: 'sync.order' },
);
