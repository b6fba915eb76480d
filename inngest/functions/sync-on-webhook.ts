import { runStartedSince } from '@/lib/data/sync-runs';
import { syncWorkspaceSlice, WorkspaceNotFoundError } from '@/lib/sync';
import { inngest } from '@/inngest/client';
import { appDeps, type FunctionDeps } from '@/inngest/deps';
import { storeWebhookReceived } from '@/inngest/events';
import { runIdFor, SYNC_SLICE_BUDGET_MS, SYNC_WORKSPACE_GLOBAL_CONCURRENCY, SYNC_WORKSPACE_RETRIES } from './sync-workspace';

/** Deliveries for one workspace within this window start one run; a steady stream still runs at least this often. */
export const WEBHOOK_DEBOUNCE = { period: '2s', timeout: '10s' } as const;
/** While another run holds the workspace, the webhook run waits and tries again (the next tick is the backstop). */
export const WEBHOOK_BUSY_WAIT = '3s';
export const WEBHOOK_BUSY_ATTEMPTS = 100;

/**
 * A workspace sync started by store webhooks. Inngest's debounce keyed by workspace collapses a burst into one
 * run; concurrency 1 per workspace queues the run a delivery arriving mid-run asks for, so it runs right after.
 * A run that started after the (last) delivery arrived already read what it announced: then nothing runs.
 */
export function createSyncOnWebhook(deps: FunctionDeps = appDeps) {
  return inngest.createFunction(
    {
      id: 'sync-workspace-on-webhook',
      name: 'Sync a workspace after store webhooks',
      triggers: [storeWebhookReceived],
      debounce: { key: 'event.data.workspaceId', ...WEBHOOK_DEBOUNCE },
      concurrency: [{ limit: SYNC_WORKSPACE_GLOBAL_CONCURRENCY }, { key: 'event.data.workspaceId', limit: 1 }],
      retries: SYNC_WORKSPACE_RETRIES,
    },
    async ({ event, step }) => {
      const { workspaceId } = event.data;
      const receivedAt = new Date(event.data.receivedAt);
      const runId = runIdFor({ workspaceId, trigger: 'webhook' }, event);
      const budgetMs = deps.engine?.sliceBudgetMs ?? SYNC_SLICE_BUDGET_MS;
      for (let attempt = 1; attempt <= WEBHOOK_BUSY_ATTEMPTS; attempt += 1) {
        const covered = await step.run(`covered-${attempt}`, async () => runStartedSince(await deps.db(), workspaceId, receivedAt));
        if (covered) return { status: 'covered' as const, attempts: attempt };
        for (let slice = 1; ; slice += 1) {
          const outcome = await step.run(`try-${attempt}-slice-${slice}`, async () => {
            const db = await deps.db();
            const sliced = await syncWorkspaceSlice(db, workspaceId, {
              trigger: 'webhook',
              runId,
              budgetMs,
              tuning: deps.engine?.tuning,
            }).catch((error: unknown) => {
              if (error instanceof WorkspaceNotFoundError) return null;
              throw error;
            });
            if (!sliced) return { status: 'workspace_gone' as const };
            if (sliced.state === 'done') return { status: sliced.result.status, runId: sliced.result.runId, counts: sliced.result.counts };
            return { status: sliced.state };
          });
          if (outcome.status === 'more') continue;
          if (outcome.status !== 'already_running' || slice > 1) return { ...outcome, slices: slice };
          break;
        }
        await step.sleep(`wait-${attempt}`, WEBHOOK_BUSY_WAIT);
      }
      return { status: 'left_to_schedule' as const };
    },
  );
}

export const syncOnWebhookFunction = createSyncOnWebhook();
