import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stores, syncLeases, syncRuns, type SyncCounts } from '@/db/schema';
import { scheduleHealth } from '@/lib/sync-schedule';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedWorkspaces } from './support/seed-workspaces';

let database: TestDatabase;
const now = new Date('2026-05-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const counts: SyncCounts = {
  pulled: 3,
  toSub: { created: 2, updated: 0, held: 1, failed: 0 },
  toMain: { created: 0, updated: 0, held: 0, failed: 0 },
};

let seq = 0;
async function activeWorkspace(connectedMinutesAgo = 120): Promise<string> {
  seq += 1;
  const [id] = await seedWorkspaces(database.db, `health${seq}`, 1, 'active');
  await database.db
    .update(stores)
    .set({ connectedAt: minutesAgo(connectedMinutesAgo) })
    .where(eq(stores.workspaceId, id));
  return id;
}

async function run(
  workspaceId: string,
  trigger: 'schedule' | 'sync_now',
  startedMinutesAgo: number,
  status: 'succeeded' | 'running' = 'succeeded',
) {
  const [row] = await database.db
    .insert(syncRuns)
    .values({
      workspaceId,
      trigger,
      status,
      startedAt: minutesAgo(startedMinutesAgo),
      finishedAt: status === 'running' ? null : minutesAgo(startedMinutesAgo - 0.5),
      counts,
      summary: `${trigger} run`,
    })
    .returning();
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('scheduleHealth', () => {
  it('reports a workspace the scheduler does not pick up yet, without calling it down', async () => {
    const [noSub] = await seedWorkspaces(database.db, 'health-nosub', 1, 'no-substore');
    const [paused] = await seedWorkspaces(database.db, 'health-paused', 1, 'substores-paused');
    for (const id of [noSub, paused]) {
      const health = await scheduleHealth(database.db, id, now);
      expect(health.state).toBe('not_scheduled');
    }
  });

  it('shows the last scheduled run and what it did when it ran within 15 minutes', async () => {
    const id = await activeWorkspace();
    await run(id, 'schedule', 30);
    await run(id, 'schedule', 4);
    const health = await scheduleHealth(database.db, id, now);
    expect(health.state).toBe('ok');
    expect(health.lastRun?.startedAt).toEqual(minutesAgo(4));
    expect(health.lastRun?.counts).toEqual(counts);
    expect(health.lastRun?.summary).toBe('schedule run');
  });

  it('says the scheduler looks down after 15 minutes without a scheduled run; Sync Now runs do not count', async () => {
    const id = await activeWorkspace();
    await run(id, 'schedule', 16);
    await run(id, 'sync_now', 1);
    const health = await scheduleHealth(database.db, id, now);
    expect(health.state).toBe('looks_down');
    if (health.state !== 'looks_down') return;
    expect(health.silentSince).toEqual(minutesAgo(16));
    expect(health.notice).toMatch(/has not run for 16 minutes — the scheduler looks down/);
  });

  it('counts from when the stores were connected for a workspace that never had a scheduled run', async () => {
    const fresh = await activeWorkspace(5);
    expect((await scheduleHealth(database.db, fresh, now)).state).toBe('ok');
    const neglected = await activeWorkspace(20);
    const health = await scheduleHealth(database.db, neglected, now);
    expect(health.state).toBe('looks_down');
    expect(health.lastRun).toBeNull();
  });

  it('trusts a long scheduled run that is still running, but not one left running for hours', async () => {
    const long = await activeWorkspace();
    // A run is alive while it holds the workspace's lease (renewed every few seconds).
    const alive = await run(long, 'schedule', 30, 'running');
    await database.db
      .insert(syncLeases)
      .values({ workspaceId: long, holder: `run:${alive.id}:test`, runId: alive.id, expiresAt: new Date(Date.now() + 20_000) });
    expect((await scheduleHealth(database.db, long, now)).state).toBe('ok');
    const stale = await activeWorkspace();
    await run(stale, 'schedule', 120, 'running');
    expect((await scheduleHealth(database.db, stale, now)).state).toBe('looks_down');
  });

  it("never reads another workspace's runs", async () => {
    const healthy = await activeWorkspace();
    const silent = await activeWorkspace();
    await run(healthy, 'schedule', 2);
    const health = await scheduleHealth(database.db, silent, now);
    expect(health.state).toBe('looks_down');
    expect(health.lastRun).toBeNull();
  });
});
