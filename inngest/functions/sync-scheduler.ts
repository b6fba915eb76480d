import { SCHEDULE_CRON, scheduleTick } from '../../lib/sync-schedule/tick';
import { listActiveWorkspaceIds } from '../../lib/data/scheduler';
import { inngest } from '../client';
import { appDeps, type FunctionDeps } from '../deps';
import { workspaceSyncEventId, workspaceSyncRequested } from '../events';

/** `step.sendEvent` accepts at most 5,000 events per call; one page of workspaces fills one call. */
export const SCHEDULER_CHUNK_SIZE = 5_000;

export function createSyncScheduler(deps: FunctionDeps = appDeps) {
  return inngest.createFunction(
    { id: 'sync-scheduler', name: 'Scheduled sync: fan out to every active workspace', triggers: [{ cron: SCHEDULE_CRON }], retries: 3 },
    async ({ event, step }) => {
      const tick = scheduleTick(event.ts ?? (await step.run('read-clock', () => Date.now())));
      let after: string | null = null;
      let chunks = 0;
      let workspaces = 0;
      for (;;) {
        const cursor: string | null = after;
        const ids: string[] = await step.run(`load-workspaces-${chunks + 1}`, async () =>
          listActiveWorkspaceIds(await deps.db(), { after: cursor, limit: SCHEDULER_CHUNK_SIZE }),
        );
        if (ids.length === 0) break;
        chunks += 1;
        workspaces += ids.length;
        await step.sendEvent(
          `request-workspace-syncs-${chunks}`,
          ids.map((workspaceId) => workspaceSyncRequested.create({ workspaceId, tick }, { id: workspaceSyncEventId(workspaceId, tick) })),
        );
        if (ids.length < SCHEDULER_CHUNK_SIZE) break;
        after = ids[ids.length - 1];
      }
      return { tick, chunks, workspaces };
    },
  );
}

export const syncScheduler = createSyncScheduler();
