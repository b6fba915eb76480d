import { eq, getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { syncRuns } from '@/db/schema';
import { listSyncRuns } from '@/lib/data/sync-runs';
import { syncWorkspace, type SyncTuning } from '@/lib/sync';
import type { StoreHandle } from '@/simulator';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { FAST_TUNING, startSyncWorld } from './sync-world';
import { sleep } from '@/lib/utils/sleep';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

/** A short lease so the test sees it expire; the fence stops writes half a second before it would. */
const SHORT_LEASE: Partial<SyncTuning> = {
  ...FAST_TUNING,
  leaseTtlMs: 1_500,
  leaseHeartbeatMs: 250,
  leaseSafetyMarginMs: 500,
  leaseWaitMs: 15_000,
  leasePollMs: 50,
};

/**
 * The database as a run with a starved connection pool sees it: once `broken`, renewing the lease fails (the
 * pool has no connection for it) while the run's other statements still go through. Records when the run
 * wrote anything but its own lease and run record.
 */
function starvedRenewals(db: Db) {
  const state = { broken: false, writes: [] as number[] };
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'update' || property === 'insert' || property === 'delete') {
        return (table: Parameters<Db['update']>[0]) => {
          const name = getTableName(table);
          if (name === 'sync_leases' && property === 'update' && state.broken) throw new Error('timeout exceeded when trying to connect');
          if (name !== 'sync_leases' && name !== 'sync_runs') state.writes.push(Date.now());
          return (value as (t: unknown) => unknown).call(target, table);
        };
      }
      if (property === 'transaction') {
        return (...args: unknown[]) => {
          state.writes.push(Date.now());
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { db: proxy, state };
}

function duplicatesAndLost(target: StoreHandle, originPrefix: string, sourceIds: number[]) {
  const counts = sourceIds.map((id) => target.orders.withMeta('_orderbridge_origin', `${originPrefix}:${id}`).length);
  return { duplicates: counts.filter((n) => n > 1).length, lost: counts.filter((n) => n === 0).length };
}

describe('runs and leases', () => {
  it(
    'a run whose lease renewals fail stops writing before its lease can expire; the run that takes over finishes without duplicates',
    { timeout: 60_000 },
    async () => {
      const world = await startSyncWorld(database, { subs: [{ cost: { scale: 1, overheadMs: 20, perOrderWriteMs: 15 } }] });
      try {
        const [main, sub] = world.sim.stores;
        const ids = Array.from({ length: 400 }, () => main.createOrderDirectly().id);
        const ws = world.fixture.workspace.id;
        const starved = starvedRenewals(database.db);

        const first = syncWorkspace(starved.db, ws, { trigger: 'schedule', tuning: SHORT_LEASE });
        await sleep(400);
        starved.state.broken = true;
        // Another trigger waits for the workspace; it gets it only once the first run's lease has expired.
        const second = syncWorkspace(database.db, ws, { trigger: 'sync_now', tuning: { ...SHORT_LEASE, staleClaimGraceMs: 10_000 } });
        const [stopped, takeover] = await Promise.all([first, second]);

        expect(stopped.status).toBe('failed');
        expect(stopped.summary).toMatch(/stopped writing: its lease could not be renewed in time: timeout exceeded/);
        expect(takeover.status).not.toBe('already_running');
        const [takeoverRun] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, takeover.runId!));
        const lastWriteOfFirst = Math.max(...starved.state.writes);
        expect(lastWriteOfFirst).toBeLessThan(takeoverRun.startedAt.getTime());

        // Copies the first run had in flight land after it stopped; once they can no longer be in flight, a run adopts them.
        await sleep(2_500);
        const last = await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
        expect(last.status).toBe('succeeded');
        expect(duplicatesAndLost(sub, world.fixture.main.id, ids)).toEqual({ duplicates: 0, lost: 0 });
        // The stopped run records its own end as failed, unless the run taking over closed it as interrupted first.
        const runs = (await listSyncRuns(database.db, ws, 1)).runs;
        expect(['failed', 'interrupted']).toContain(runs.find((r) => r.id === stopped.runId)?.status);
        expect(runs.filter((r) => r.id !== stopped.runId).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      } finally {
        await world.close();
      }
    },
  );

  it(
    'a run that crashed is shown as interrupted once its lease expires, and closed as interrupted by the run that takes over',
    { timeout: 30_000 },
    async () => {
      const world = await startSyncWorld(database, { subs: [{}] });
      try {
        const [main] = world.sim.stores;
        for (let i = 0; i < 5; i += 1) main.createOrderDirectly();
        const ws = world.fixture.workspace.id;
        let n = 0;
        await expect(
          syncWorkspace(database.db, ws, { trigger: 'sync_now', tuning: FAST_TUNING, crashAt: () => ++n === 3 }),
        ).rejects.toThrow(/simulated crash/);
        expect((await listSyncRuns(database.db, ws, 1)).runs.map((r) => r.status)).toEqual(['running']);
        await database.db.execute(sql`update sync_leases set expires_at = now() - interval '1 second' where workspace_id = ${ws}`);
        expect((await listSyncRuns(database.db, ws, 1)).runs.map((r) => r.status)).toEqual(['interrupted']);

        expect((await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING })).status).toBe('succeeded');
        const rows = await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, ws));
        expect(rows.map((r) => r.status).sort()).toEqual(['interrupted', 'succeeded']);
        expect(rows.find((r) => r.status === 'interrupted')?.finishedAt).not.toBeNull();
      } finally {
        await world.close();
      }
    },
  );
});
