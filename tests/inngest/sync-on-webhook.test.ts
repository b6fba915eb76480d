import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import type { InngestFunction } from 'inngest';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns } from '@/db/schema';
import { releaseSyncLease, tryAcquireSyncLease } from '@/lib/data/sync-leases';
import { recordFinishedRun } from '@/lib/data/sync-runs';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startFakeInngestServer, useFakeInngestEnvironment } from './support/fake-inngest-server';
import { seedWorkspaces } from './support/seed-workspaces';

let database: TestDatabase;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let fn: InngestFunction.Like;
const engine = () => new InngestTestEngine({ function: fn });

const received = (workspaceId: string, receivedAt: Date) => ({
  name: 'orderbridge/store.webhook.received',
  id: `webhook:${randomUUID()}`,
  data: { workspaceId, storeId: randomUUID(), receivedAt: receivedAt.toISOString() },
  ts: receivedAt.getTime(),
});

async function webhookRuns(workspaceId: string) {
  return database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, 'webhook')));
}

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  const { createSyncOnWebhook } = await import('@/inngest/functions/sync-on-webhook');
  fn = createSyncOnWebhook({ db: async () => database.db });
});
afterAll(async () => {
  await database?.drop();
  await fakeInngest?.close();
});

describe('sync-workspace-on-webhook', () => {
  it('syncs the workspace with trigger "webhook"', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'hook-run', 1, 'no-main');
    const { result, error } = await engine().execute({ events: [received(workspaceId, new Date())] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ slices: 1 });
    expect(await webhookRuns(workspaceId)).toHaveLength(1);
  });

  it('starts nothing when a run that started after the delivery already read the stores', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'hook-covered', 1, 'no-main');
    const receivedAt = new Date(Date.now() - 10_000);
    // A skipped run read nothing; a scheduled run that started after the delivery read everything it announced.
    await recordFinishedRun(database.db, workspaceId, {
      trigger: 'schedule',
      status: 'skipped',
      startedAt: new Date(),
      errors: [],
      summary: 'skipped',
    });
    await database.db
      .insert(syncRuns)
      .values({ workspaceId, trigger: 'schedule', status: 'succeeded', startedAt: new Date(), finishedAt: new Date() });
    const { result } = await engine().execute({ events: [received(workspaceId, receivedAt)] });
    expect(result).toEqual({ status: 'covered', attempts: 1 });
    expect(await webhookRuns(workspaceId)).toHaveLength(0);
  });

  it('waits while another run holds the workspace, then runs', async () => {
    const [workspaceId] = await seedWorkspaces(database.db, 'hook-busy', 1, 'no-main');
    const holder = randomUUID();
    expect(await tryAcquireSyncLease(database.db, { workspaceId, holder: `run:${holder}`, runId: holder, ttlMs: 60_000 })).toBe(true);
    const { result } = await engine().execute({
      events: [received(workspaceId, new Date())],
      steps: [{ id: 'wait-1', handler: () => releaseSyncLease(database.db, workspaceId, `run:${holder}`) }],
    });
    expect(result).toMatchObject({ slices: 1 });
    expect(await webhookRuns(workspaceId)).toHaveLength(1);
  });
});

describe('webhook health on scheduled ticks', () => {
  it('runs as its own step on the :00 and :30 ticks when stores can reach the app, and not on the others', async () => {
    const { createSyncWorkspace } = await import('@/inngest/functions/sync-workspace');
    const scheduled = createSyncWorkspace({ db: async () => database.db });
    const [workspaceId] = await seedWorkspaces(database.db, 'hook-health', 1, 'no-main');
    const tickEvent = (tick: string) => ({
      name: 'orderbridge/workspace.sync.requested',
      id: `${workspaceId}:${tick}`,
      data: { workspaceId, tick },
      ts: Date.now(),
    });
    const previous = process.env.ORDERBRIDGE_PUBLIC_URL;
    process.env.ORDERBRIDGE_PUBLIC_URL = 'https://orderbridge.example.test';
    try {
      const steps = async (tick: string) => {
        const { ctx } = await new InngestTestEngine({ function: scheduled }).execute({ events: [tickEvent(tick)] });
        return (ctx.step.run as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((call) => call[0]);
      };
      expect(await steps('2026-05-01T10:30Z')).toContain('webhook-health');
      expect(await steps('2026-05-01T10:35Z')).not.toContain('webhook-health');
    } finally {
      if (previous === undefined) delete process.env.ORDERBRIDGE_PUBLIC_URL;
      else process.env.ORDERBRIDGE_PUBLIC_URL = previous;
    }
  });
});
