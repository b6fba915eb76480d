import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLeases, stores } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { ordersSyncedPerDay } from '@/lib/data/order-events';
import { listStoreHealth } from '@/lib/data/stores';
import { currentSyncStatus, latestSyncRun, listSyncRuns, RUN_PAGE_SIZE } from '@/lib/data/sync-runs';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedEvent, seedOrder, seedRun, seedWorkspace } from './seed';

let database: TestDatabase;
let a: Awaited<ReturnType<typeof seedWorkspace>>;
let b: Awaited<ReturnType<typeof seedWorkspace>>;
const now = new Date('2025-03-15T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

beforeAll(async () => {
  database = await createTestDatabase();
  a = await seedWorkspace(database.db, 'Alpha');
  b = await seedWorkspace(database.db, 'Bravo');
});
afterAll(async () => database?.drop());

describe('activity', () => {
  it('lists runs newest first, a page at a time, per workspace', async () => {
    for (let index = 0; index < RUN_PAGE_SIZE + 2; index += 1) {
      await seedRun(database.db, a.workspace.id, {
        startedAt: hoursAgo(100 - index),
        finishedAt: hoursAgo(100 - index),
        trigger: index % 2 ? 'schedule' : 'sync_now',
      });
    }
    await seedRun(database.db, b.workspace.id, { startedAt: hoursAgo(1) });
    const first = await listSyncRuns(database.db, a.workspace.id, 1);
    expect(first.runs).toHaveLength(RUN_PAGE_SIZE);
    expect(first.total).toBe(RUN_PAGE_SIZE + 2);
    expect(first.hasNextPage).toBe(true);
    expect(first.runs[0].startedAt.getTime()).toBe(hoursAgo(100 - (RUN_PAGE_SIZE + 1)).getTime());
    const second = await listSyncRuns(database.db, a.workspace.id, 2);
    expect(second.runs).toHaveLength(2);
    expect(second.hasNextPage).toBe(false);
    expect((await listSyncRuns(database.db, b.workspace.id, 1)).total).toBe(1);
    expect((await latestSyncRun(database.db, a.workspace.id, 'schedule'))?.trigger).toBe('schedule');
  });

  it('reports a run as running only while its lease is live, and the last result with its held orders', async () => {
    const { db } = database;
    const finished = await seedRun(db, b.workspace.id, {
      trigger: 'sync_now',
      status: 'partial',
      startedAt: hoursAgo(0.5),
      finishedAt: hoursAgo(0.4),
      summary: 'Synced 3 orders. 1 held.',
    });
    const heldOrder = await seedOrder(db, b.subA, { number: '88' });
    await seedEvent(db, heldOrder, 'held', 'SKU RW-CAP is not on Bravo Main', { runId: finished.id });
    const running = await seedRun(db, b.workspace.id, {
      trigger: 'schedule',
      status: 'running',
      startedAt: hoursAgo(0.01),
      progress: { message: 'Pulling Bravo Sub A' },
    });

    let status = await currentSyncStatus(db, b.workspace.id, now);
    expect(status.running).toBeNull();
    expect(status.lastFinished).toMatchObject({ id: finished.id, summary: 'Synced 3 orders. 1 held.' });
    expect(status.problems).toEqual([{ orderId: heldOrder.id, number: '88', message: 'SKU RW-CAP is not on Bravo Main' }]);

    await db
      .insert(syncLeases)
      .values({ workspaceId: b.workspace.id, holder: 'test', runId: running.id, expiresAt: new Date(now.getTime() + 60_000) });
    status = await currentSyncStatus(db, b.workspace.id, now);
    expect(status.running).toMatchObject({ id: running.id, trigger: 'schedule', progress: { message: 'Pulling Bravo Sub A' } });
    expect((await currentSyncStatus(db, a.workspace.id, now)).running).toBeNull();
    expect((await currentSyncStatus(db, b.workspace.id, new Date(now.getTime() + 120_000))).running).toBeNull();
    await db.delete(syncLeases).where(eq(syncLeases.workspaceId, b.workspace.id));
  });
});

describe('dashboard', () => {
  it('counts copies created per UTC day over 14 days, zero-filled, for this workspace only', async () => {
    const { db } = database;
    const order = await seedOrder(db, a.main);
    await seedEvent(db, order, 'created', 'Created copy', { at: new Date('2025-03-15T00:30:00Z') });
    await seedEvent(db, order, 'created', 'Created copy', { at: new Date('2025-03-15T11:00:00Z') });
    await seedEvent(db, order, 'created', 'Created copy', { at: new Date('2025-03-02T23:59:00Z') });
    await seedEvent(db, order, 'created', 'Too old', { at: new Date('2025-03-01T23:59:00Z') });
    await seedEvent(db, order, 'held', 'Not a copy', { at: new Date('2025-03-15T01:00:00Z') });
    const other = await seedOrder(db, b.main);
    await seedEvent(db, other, 'created', 'Other workspace', { at: new Date('2025-03-15T02:00:00Z') });

    const days = await ordersSyncedPerDay(db, a.workspace.id, now);
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ day: '2025-03-02', count: 1 });
    expect(days[13]).toEqual({ day: '2025-03-15', count: 2 });
    expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(3);
  });

  it('flags a store whose last error is newer than its last contact', async () => {
    const { db } = database;
    await db
      .update(stores)
      .set({ lastContactAt: hoursAgo(2), lastError: 'Consumer key is invalid.', lastErrorAt: hoursAgo(1) })
      .where(eq(stores.id, a.subA.id));
    await db
      .update(stores)
      .set({ lastContactAt: hoursAgo(1), lastError: 'Timed out', lastErrorAt: hoursAgo(3) })
      .where(eq(stores.id, a.subB.id));
    const health = await listStoreHealth(db, a.workspace.id);
    expect(health.map((store) => [store.name, store.failing])).toEqual([
      ['Alpha Main', false],
      ['Alpha Sub A', true],
      ['Alpha Sub B', false],
    ]);
  });
});
