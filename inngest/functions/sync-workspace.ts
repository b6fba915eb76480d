import { failAbandonedRuns, recordFinishedRun } from '../../lib/data/scheduler';
import { describeAbandonedSync } from '../../lib/sync-schedule/failure';
import { syncWorkspace, WorkspaceNotFoundError, type SyncResult } from '../../lib/sync';
import { inngest } from '../client';
import { appDeps, type FunctionDeps } from '../deps';
import { syncTriggerOfEvent, workspaceSyncRequested, workspaceSyncRequestedData } from '../events';
import { failUnfinishedSyncRun } from '../../lib/data/sync-runs';

export const SYNC_WORKSPACE_RETRIES = 3;
/** Workspaces synced at once across the whole app; each run also keeps to the engine's per-store request limit. */
export const SYNC_WORKSPACE_GLOBAL_CONCURRENCY = 25;
/** Runs at once whose main store is on one host (many merchants on one WooCommerce host): each keeps up to 4 requests in flight per store. */
export const SYNC_WORKSPACE_PER_HOST_CONCURRENCY = 5;

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
      concurrency: [{ limit: SYNC_WORKSPACE_GLOBAL_CONCURRENCY }, { key: 'event.data.storeHost', limit: SYNC_WORKSPACE_PER_HOST_CONCURRENCY }],
      retries: SYNC_WORKSPACE_RETRIES,
      onFailure: async ({ event, error, step }) => {
        const original = workspaceSyncRequestedData.safeParse(event.data.event.data);
        if (!original.success) return { recorded: false, reason: 'the failed event had no valid workspace id' };
        const { workspaceId } = original.data;
        const requestedAt = new Date(event.data.event.ts ?? Date.now()).toISOString();
        const runIds = await step.run('record-failed-run', async () => {
          const db = await deps.db();
          const failure = describeAbandonedSync(error, SYNC_WORKSPACE_RETRIES + 1);
          // Attempts that died mid-run left their own run "running": close those rather than add a second entry.
          const closed = await failAbandonedRuns(db, workspaceId, { trigger: 'schedule', since: new Date(requestedAt), ...failure });
          if (closed.length > 0) return closed;
          const run = await recordFinishedRun(db, workspaceId, {
            trigger: 'schedule',
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
      const { workspaceId, runId } = event.data;
      const trigger = syncTriggerOfEvent(event.data);
      return step.run('pull-and-push', async () => {
        const db = await deps.db();
        const result = await syncWorkspace(db, workspaceId, { trigger, runId }).catch((error: unknown) => {
          // Deleted since the tick was planned: nothing to sync, nothing to retry, no history to write to.
          if (error instanceof WorkspaceNotFoundError) return null;
          throw error;
        });
        if (!result) return { runId: null, status: 'workspace_gone' as const };
        if (result.status !== 'already_running') return runOutcome(result);
        // Sync Now (or a late previous tick) holds the workspace; the history still shows the scheduler came by.
        // A Sync Now run whose reservation lapsed before Inngest started it: close its row rather than add one.
        if (runId && (await failUnfinishedSyncRun(db, workspaceId, runId, 'Skipped: another sync of this workspace was already running.'))) {
          return { runId, status: 'skipped' as const };
        }
        const skipped = await recordFinishedRun(db, workspaceId, {
          trigger,
          status: 'skipped',
          startedAt: new Date(),
          errors: [],
          summary: 'Skipped: another sync of this workspace was already running.',
        });
        return { runId: skipped.id, status: 'skipped' as const };
      });
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
