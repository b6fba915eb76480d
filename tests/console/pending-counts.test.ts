import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns } from '@/db/schema';
import { consolePendingCounts } from '@/lib/console/pending-counts';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { lastSyncFinishedAt } from '@/lib/data/sync-runs';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedLink, seedOrder, seedWorkspace } from './seed';

let database: TestDatabase;
let a: Awaited<ReturnType<typeof seedWorkspace>>;
let b: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  a = await seedWorkspace(db, 'Alpha');
  b = await seedWorkspace(db, 'Bravo');
  // A main order waiting for both substores counts once.
  const both = await seedOrder(db, a.main);
  await seedLink(db, both, a.subA, 'pending');
  await seedLink(db, both, a.subB, 'creating');
  // Synced with an update due, and a failed link with a retry scheduled: both still on their way.
  const updated = await seedOrder(db, a.main);
  await seedLink(db, updated, a.subA, 'synced', { needsUpdate: true, targetRemoteId: 11 });
  await seedLink(db, updated, a.subB, 'synced', { targetRemoteId: 12 });
  const retrying = await seedOrder(db, a.subA);
  await seedLink(db, retrying, a.main, 'failed', { nextAttemptAt: new Date(Date.now() + 60_000) });
  // Held for one substore, waiting for the other: counted as held and as pending.
  const held = await seedOrder(db, a.main);
  await seedLink(db, held, a.subA, 'held', { lastError: 'SKU RW-CAP is not on Alpha Sub A' });
  await seedLink(db, held, a.subB, 'pending');
  const failed = await seedOrder(db, a.subB);
  await seedLink(db, failed, a.main, 'failed', { lastError: 'Invalid email address.' });
  // Only a note left to add: nothing the merchant waits for.
  const noted = await seedOrder(db, a.main);
  await seedLink(db, noted, a.subA, 'synced', { noteDue: true, targetRemoteId: 13 });
  // Another workspace's links never count.
  const other = await seedOrder(db, b.main);
  await seedLink(db, other, b.subA, 'pending');
  await seedLink(db, other, b.subB, 'held');
});
afterAll(async () => {
  await database?.drop();
});

describe('pending counts', () => {
  it('counts distinct source orders per direction, plus held and failed ones, in one workspace', async () => {
    expect(await countPendingOrders(database.db, a.workspace.id)).toEqual({
      toSubstores: 3,
      toMain: 1,
      total: 4,
      held: 1,
      failed: 1,
      checkedAt: null,
    });
    expect(await countPendingOrders(database.db, b.workspace.id)).toMatchObject({ toSubstores: 1, toMain: 0, held: 1, failed: 0 });
  });

  it('takes "checked" from the last run that did work, and the console counts again once another run has finished', async () => {
    const { db } = database;
    const first = await consolePendingCounts(db, b.workspace.id);
    expect(first).toMatchObject({ total: 1, held: 1, checkedAt: null });

    const finishedAt = new Date('2026-01-02T03:04:05Z');
    await db.insert(syncRuns).values([
      { workspaceId: b.workspace.id, trigger: 'schedule', status: 'succeeded', finishedAt },
      { workspaceId: b.workspace.id, trigger: 'sync_now', status: 'skipped', finishedAt: new Date('2026-01-02T04:00:00Z') },
    ]);
    const other = await seedOrder(db, b.subA);
    await seedLink(db, other, b.main, 'pending');
    expect(await lastSyncFinishedAt(db, b.workspace.id)).toEqual(finishedAt);
    expect(await consolePendingCounts(db, b.workspace.id)).toMatchObject({ toSubstores: 1, toMain: 1, total: 2, checkedAt: finishedAt });
  });
});
