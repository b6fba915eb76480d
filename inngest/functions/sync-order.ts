import { NonRetriableError, RetryAfterError } from 'inngest';
import { OrderNotFoundError, syncOrder, WorkspaceNotFoundError } from '@/lib/sync';
import { inngest } from '@/inngest/client';
import { appDeps, type FunctionDeps } from '@/inngest/deps';
import { orderSyncRequested } from '@/inngest/events';

/** While a workspace sync holds the lease, try the order again after it has had time to finish. */
const WAIT_FOR_RUNNING_SYNC = '30s';

export function createSyncOrder(deps: FunctionDeps = appDeps) {
  return inngest.createFunction(
    {
      id: 'sync-order',
      name: 'Sync one order',
      triggers: [orderSyncRequested],
      // Orders of one workspace go one at a time; the engine's lease still guards against a running workspace sync.
      concurrency: [{ key: 'event.data.workspaceId', limit: 1 }],
      retries: 5,
    },
    async ({ event, step }) => {
      const { workspaceId, orderId, source } = event.data;
      return step.run('sync-order', async () => {
        const result = await syncOrder(await deps.db(), workspaceId, orderId, { trigger: source }).catch((error: unknown) => {
          if (error instanceof OrderNotFoundError || error instanceof WorkspaceNotFoundError)
            throw new NonRetriableError(error.message, { cause: error });
          throw error;
        });
        if (result.status === 'already_running') {
          throw new RetryAfterError(
            `A sync of workspace ${workspaceId} is running; order ${orderId} will be synced after it`,
            WAIT_FOR_RUNNING_SYNC,
          );
        }
        return { runId: result.runId, status: result.status, counts: result.counts, summary: result.summary };
      });
    },
  );
}

export const syncOrderFunction = createSyncOrder();
