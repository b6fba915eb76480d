import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLeases, syncRuns } from '@/db/schema';
import { backgroundSyncOf, requestSyncNow, type SyncNowStarter } from '@/lib/console/sync-now';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedWorkspace } from '@/tests/console/seed';

/** Sync Now pressed over and over, at once, to make the app start many runs against the merchant's stores. */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const PRESSES = 40;
const syncNowRuns = (workspaceId: string) =>
  database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, 'sync_now')));

describe('Sync Now flood', () => {
  it('40 Sync Now presses at the same moment handed to Inngest send one event and reserve one run', async () => {
    const { workspace } = await seedWorkspace(database.db, 'Flood Queue');
    const queued: string[] = [];
    const starter: SyncNowStarter = { via: 'inngest', queue: async (runId) => void queued.push(runId) };
    const outcomes = await Promise.all(Array.from({ length: PRESSES }, () => requestSyncNow(database.db, workspace.id, starter)));
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    expect(queued).toHaveLength(1);
    expect((await syncNowRuns(workspace.id)).map((run) => run.id)).toEqual(queued);
  });

  it('40 Sync Now presses at the same moment in this process run one sync', async () => {
    const { workspace } = await seedWorkspace(database.db, 'Flood Process');
    let started = 0;
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const starter: SyncNowStarter = {
      via: 'this_process',
      run: async () => {
        started += 1;
        await hold;
        await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, workspace.id));
      },
    };
    const outcomes = await Promise.all(Array.from({ length: PRESSES }, () => requestSyncNow(database.db, workspace.id, starter)));
    release();
    await backgroundSyncOf(workspace.id);
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    expect(started).toBe(1);
    expect(await syncNowRuns(workspace.id)).toHaveLength(1);
  });
});
