import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import type { InngestFunction } from 'inngest';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns } from '@/db/schema';
import { releaseSyncLease, tryAcquireSyncLease } from '@/lib/data/sync-leases';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { asFailureHandler, functionFailedEvent } from './support/failure-handler';
import { startFakeInngestServer, useFakeInngestEnvironment } from './support/fake-inngest-server';
import { seedWorkspaces } from './support/seed-workspaces';

let database: TestDatabase;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let fn: InngestFunction.Like;
// A new engine per run: @inngest/test keeps completed steps on the engine and would replay them into the next run.
const syncWorkspace = () => new InngestTestEngine({ function: fn });
const onFailure = () => new InngestTestEngine({ function: asFailureHandler(fn) });

const tick = '2026-05-01T10:05Z';
const requestedAt = Date.parse('2026-05-01T10:05:01Z');
const requested = (workspaceId: string) => ({
  name: 'orderbridge/workspace.sync.requested',
  id: `${workspaceId}:${tick}`,
  data: { workspaceId, tick },
  ts: requestedAt,
});

async function scheduledRuns(workspaceId: string) {
  return database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, 'schedule')));
}

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  const { createSyncWorkspace } = await import('@/inngest/functions/sync-workspace');
  fn = createSyncWorkspace({ db: async () => database.db });
});
afterAll(async () => {
  await database?.drop();
  await fakeInngest?.close();
});

describe('sync-workspace', () => {
  it('records a scheduled sync Inngest gave up on in the workspace history, with its error and no credentials', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'failed', 1, 'active');
    const failed = functionFailedEvent(
      'orderbridge-sync-workspace',
      requested(workspaceId),
      'connect ECONNREFUSED while reading https://shop.test/wp-json/wc/v3/orders?consumer_key=ck_0123456789abcdef&consumer_secret=cs_fedcba9876543210',
    );
    const { result, error } = await onFailure().execute({ events: [failed] });
    expect(error).toBeUndefined();

    const runs = await scheduledRuns(workspaceId);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(result).toEqual({ recorded: true, runIds: [run.id] });
    expect(run.status).toBe('failed');
    expect(run.startedAt.getTime()).toBe(requestedAt);
    expect(run.finishedAt).not.toBeNull();
    expect(run.errors).toEqual([
      'connect ECONNREFUSED while reading https://shop.test/wp-json/wc/v3/orders?consumer_key=[redacted]&consumer_secret=[redacted]',
    ]);
    expect(run.summary).toMatch(/^Scheduled sync failed after 4 attempts: connect ECONNREFUSED/);
    expect(JSON.stringify(run)).not.toMatch(/ck_0123|cs_fedc/);
  });

  it('closes the run an attempt left "running" instead of adding a second entry, and leaves a live run alone', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'crashed', 1, 'active');
    const [abandoned] = await database.db
      .insert(syncRuns)
      .values({ workspaceId, trigger: 'schedule', status: 'running', startedAt: new Date(requestedAt + 2_000) })
      .returning();
    const [live] = await database.db
      .insert(syncRuns)
      .values({ workspaceId, trigger: 'schedule', status: 'running', startedAt: new Date(requestedAt + 300_000) })
      .returning();
    expect(await tryAcquireSyncLease(database.db, { workspaceId, holder: `run:${live.id}`, runId: live.id, ttlMs: 60_000 })).toBe(true);

    const { result } = await onFailure().execute({
      events: [functionFailedEvent('orderbridge-sync-workspace', requested(workspaceId), 'terminated')],
    });
    expect(result).toEqual({ recorded: true, runIds: [abandoned.id] });
    const byId = new Map((await scheduledRuns(workspaceId)).map((r) => [r.id, r]));
    expect(byId.size).toBe(2);
    expect(byId.get(abandoned.id)).toMatchObject({ status: 'failed', errors: ['terminated'] });
    expect(byId.get(live.id)?.status).toBe('running');
    await releaseSyncLease(database.db, workspaceId, `run:${live.id}`);
  });

  it('records a tick that finds another sync holding the workspace as skipped, without running the engine twice', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'busy', 1, 'active');
    const syncNowRun = randomUUID();
    expect(await tryAcquireSyncLease(database.db, { workspaceId, holder: `run:${syncNowRun}`, runId: syncNowRun, ttlMs: 60_000 })).toBe(
      true,
    );

    const { result, error } = await syncWorkspace().execute({ events: [requested(workspaceId)] });
    expect(error).toBeUndefined();
    const runs = await scheduledRuns(workspaceId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'skipped', summary: 'Skipped: another sync of this workspace was already running.' });
    expect(result).toEqual({ runId: runs[0].id, status: 'skipped' });
    await releaseSyncLease(database.db, workspaceId, `run:${syncNowRun}`);
  });

  it('does nothing for a workspace deleted since the tick was planned', async () => {
    const { result, error } = await syncWorkspace().execute({ events: [requested(randomUUID())] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ runId: null, status: 'workspace_gone' });
  });

  it('rejects an invalid event without retrying it', async () => {
    const { error } = await syncWorkspace().execute({
      events: [{ name: 'orderbridge/workspace.sync.requested', data: { workspaceId: 'not-a-uuid', tick } }],
    });
    expect(error).toMatchObject({ name: 'EventValidationError' });
    expect(String((error as { message?: string }).message)).toMatch(/workspaceId/);
  });
});
