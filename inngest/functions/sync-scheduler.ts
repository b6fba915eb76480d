import { countScheduledWorkspaces, listScheduledWorkspaces } from '@/lib/data/scheduler';
import { fanOutSchedule, SCHEDULE_PAGE_SIZE, spreadStartMs, spreadWindowMs } from '@/lib/sync-schedule/fan-out';
import { SCHEDULE_CRON, scheduleTick, tickStartMs } from '@/lib/sync-schedule/tick';
import { inngest } from '@/inngest/client';
import { appDeps, type FunctionDeps } from '@/inngest/deps';
import { workspaceSyncEventId, workspaceSyncRequested } from '@/inngest/events';

/** `inngest.send` accepts at most 5,000 events per call; one page of workspaces fills one call. */
export const SCHEDULER_CHUNK_SIZE = SCHEDULE_PAGE_SIZE;

export function createSyncScheduler(deps: FunctionDeps = appDeps) {
  return inngest.createFunction(
    { id: 'sync-scheduler', name: 'Scheduled sync: fan out to every active workspace', triggers: [{ cron: SCHEDULE_CRON }], retries: 3 },
    async ({ event, step }) => {
      const tick = scheduleTick(event.ts ?? (await step.run('read-clock', () => Date.now())));
      const fleet = await step.run('count-workspaces', async () => countScheduledWorkspaces(await deps.db()));
      const spreadMs = spreadWindowMs(fleet);
      const tickStart = tickStartMs(tick);
      // One step per page loads it and sends its events: the step keeps a count and a cursor, never the page, and a
      // retried step resends the same event ids, which Inngest drops.
      const { pages, workspaces } = await fanOutSchedule((after, pageNumber) =>
        step.run(`request-workspace-syncs-${pageNumber}`, async () => {
          const page = await listScheduledWorkspaces(await deps.db(), { after, limit: SCHEDULER_CHUNK_SIZE });
          if (page.length === 0) return { count: 0, lastId: null };
          await inngest.send(
            page.map(({ id, storeHost }) =>
              workspaceSyncRequested.create(
                { workspaceId: id, trigger: 'schedule', tick, ...(storeHost ? { storeHost } : {}) },
                { id: workspaceSyncEventId(id, tick), ts: spreadStartMs(tickStart, id, spreadMs) },
              ),
            ),
          );
          return { count: page.length, lastId: page[page.length - 1].id };
        }),
      );
      return { tick, chunks: pages, workspaces, spreadMs };
    },
  );
}

export const syncScheduler = createSyncScheduler();
