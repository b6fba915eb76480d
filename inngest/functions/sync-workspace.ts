import { createHash } from 'node:crypto';
import { releaseLeaseOfRun } from '@/lib/data/sync-leases';
import { closeAbandonedRun, failAbandonedRuns, failUnfinishedSyncRun, recordFinishedRun } from '@/lib/data/sync-runs';
import { describeAbandonedSync } from '@/lib/sync-schedule/failure';
import { syncWorkspaceSlice, WorkspaceNotFoundError, type SyncResult } from '@/lib/sync';
import { checkWebhooksQuietly, isWebhookHealthTick } from '@/lib/webhooks/health';
import { webhookSetupFromEnv } from '@/lib/webhooks/registration';
import { inngest } from '@/inngest/client';
import { appDeps, type FunctionDeps } from '@/inngest/deps';
import { syncTriggerOfEvent, workspaceSyncRequested, workspaceSyncRequestedData, type WorkspaceSyncRequestedData } from '@/inngest/events';

export const SYNC_WORKSPACE_RETRIES = 3;
/** Workspaces synced at once across the whole app; each run also keeps to the engine's per-store request limit. */
export const SYNC_WORKSPACE_GLOBAL_CONCURRENCY = 25;
/** Runs at once whose main store is on one host (many merchants on one WooCommerce host): each keeps up to 4 requests in flight per store. */
export const SYNC_WORKSPACE_PER_HOST_CONCURRENCY = 5;
/**
 * Each `slice-N` step stops at its next safe point after this long: well inside the 300 s `maxDuration` set for
 * `/api/inngest` (Vercel's default ceiling), leaving room for the batch in flight when the budget runs out.
 */
export const SYNC_SLICE_BUDGET_MS = 240_000;

/**
 * The run's id: the sender's, or one derived from the event itself (workspace, tick, trigger, and the event's
 * own id and time), so every attempt of every slice — and `onFailure` — names the same run without having to
 * remember it. A replay of the very same event reports the run it already finished; the next tick syncs again.
 */
export function runIdFor(data: WorkspaceSyncRequestedData, event: { id?: string; ts?: number }): string {
  if (data.runId) return data.runId;
  const key = ['orderbridge-run', data.workspaceId, data.tick, data.trigger ?? 'schedule', event.id ?? '', event.ts ?? ''].join(':');
  const bytes = createHash('sha256').update(key).digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function createSyncWorkspace(deps: FunctionDeps = appDeps) {
  return inngest.createFunction(
    {
      id: 'sync-workspace',
      name: 'Sync one workspace',
      triggers: [workspaceSyncRequested],
      // One run per workspace and trigger; a tick that arrives while the previous one still runs is skipped, not queued.
      // Sync Now has its own key: the run it reserved in the database must not be dropped because a scheduled run is
      // finishing; the database lease keeps the two from overlapping.
      singleton: { key: 'event.data.workspaceId + "-" + event.data.trigger', mode: 'skip' },
      concurrency: [
        { limit: SYNC_WORKSPACE_GLOBAL_CONCURRENCY },
        { key: 'event.data.storeHost', limit: SYNC_WORKSPACE_PER_HOST_CONCURRENCY },
      ],
      retries: SYNC_WORKSPACE_RETRIES,
      onFailure: async ({ event, error, step }) => {
        const original = workspaceSyncRequestedData.safeParse(event.data.event.data);
        if (!original.success) return { recorded: false, reason: 'the failed event had no valid workspace id' };
        const { workspaceId } = original.data;
        const trigger = syncTriggerOfEvent(original.data);
        const requestedAt = new Date(event.data.event.ts ?? Date.now()).toISOString();
        const runIds = await step.run('record-failed-run', async () => {
          const db = await deps.db();
          const failure = describeAbandonedSync(error, SYNC_WORKSPACE_RETRIES + 1);
          // The run its slices worked on is closed, and the workspace freed at once rather than when the lease expires.
          const runId = runIdFor(original.data, event.data.event);
          if (await closeAbandonedRun(db, workspaceId, runId, { status: 'failed', ...failure })) {
            await releaseLeaseOfRun(db, workspaceId, runId);
            return [runId];
          }
          // Runs left "running" by attempts of older deployments (one run id per attempt): close those.
          const closed = await failAbandonedRuns(db, workspaceId, { trigger, since: new Date(requestedAt), ...failure });
          if (closed.length > 0) return closed;
          const run = await recordFinishedRun(db, workspaceId, {
            trigger,
            status: 'failed',
            startedAt: new Date(requestedAt),
            errors: [failure.error],
            summary: failure.summary,
          });
          return [run.id];
        });
        return { recorded: true, runIds };
      },
    },
    async ({ event, step }) => {
      const { workspaceId } = event.data;
      const trigger = syncTriggerOfEvent(event.data);
      const runId = runIdFor(event.data, event);
      const budgetMs = deps.engine?.sliceBudgetMs ?? SYNC_SLICE_BUDGET_MS;
      const webhooks = trigger === 'schedule' && isWebhookHealthTick(event.data.tick) ? webhookSetupFromEnv() : null;
      // Cheap unless a store's webhooks are due a look (lib/webhooks/health.ts); polling below never waits on it.
      if (webhooks) await step.run('webhook-health', async () => checkWebhooksQuietly(await deps.db(), workspaceId, webhooks));
      // One step per slice: a retried slice (a killed or timed-out attempt) continues the same run from what is durable.
      for (let slice = 1; ; slice += 1) {
        const outcome = await step.run(`slice-${slice}`, async () => {
          const db = await deps.db();
          const sliced = await syncWorkspaceSlice(db, workspaceId, {
            trigger,
            runId,
            budgetMs,
            tuning: deps.engine?.tuning,
            crashAt: deps.engine?.crashAt,
            onProgress: deps.engine?.onProgress,
          }).catch((error: unknown) => {
            // Deleted since the tick was planned: nothing to sync, nothing to retry, no history to write to.
            if (error instanceof WorkspaceNotFoundError) return null;
            throw error;
          });
          if (!sliced) return { runId: null, status: 'workspace_gone' as const };
          if (sliced.state === 'more') return { runId, status: 'more' as const };
          if (sliced.state === 'done') return runOutcome(sliced.result);
          if (slice > 1) return { runId, status: 'taken_over' as const };
          // A Sync Now run whose reservation lapsed before Inngest started it: close its row rather than add one.
          if (
            event.data.runId &&
            (await failUnfinishedSyncRun(db, workspaceId, runId, 'Skipped: another sync of this workspace was already running.'))
          ) {
            return { runId, status: 'skipped' as const };
          }
          // Sync Now (or a late previous tick) holds the workspace; the history still shows the scheduler came by.
          const skipped = await recordFinishedRun(db, workspaceId, {
            trigger,
            status: 'skipped',
            startedAt: new Date(),
            errors: [],
            summary: 'Skipped: another sync of this workspace was already running.',
          });
          return { runId: skipped.id, status: 'skipped' as const };
        });
        if (outcome.status !== 'more') return slice > 1 && outcome.status !== 'workspace_gone' ? { ...outcome, slices: slice } : outcome;
      }
    },
  );
}

export const syncWorkspaceFunction = createSyncWorkspace();

/** What the step keeps: ids and counts, never the per-order lists (the run's row in sync_runs has the detail). */
function runOutcome(result: SyncResult) {
  return {
    runId: result.runId,
    status: result.status,
    counts: result.counts,
    held: result.held.length,
    failed: result.failed.length,
    requests: result.requests,
    summary: result.summary,
  };
}
