import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { syncWorkspace } from '@/lib/sync';
import { stores } from '@/db/schema';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';
import type { TestDatabase } from '@/tests/support/test-database';

describe('pulling many orders (keyset paging)', () => {
  let database: TestDatabase;
  const worlds: SyncWorld[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const w of worlds) await w.close();
    await database?.drop();
  });

  const copyCounts = (w: SyncWorld, ids: number[]) => {
    const sub = w.sim.stores[1];
    return ids.map((id) => sub.orders.withMeta('_orderbridge_origin', `${w.fixture.main.id}:${id}`).length);
  };

  it('misses no order while hundreds change and arrive mid-pull; the next run copies the late ones once', async () => {
    const w = await startSyncWorld(database, { subs: [{}] });
    worlds.push(w);
    const main = w.sim.stores[0];
    main.seedOrders(350, { spacingMs: 250 });
    const existing = main.orders.all().map((o) => o.id);
    // Every list page takes a moment, and meanwhile shoppers and staff keep touching orders already read.
    main.faults.configure({ slowPageRate: 1, slowPageMs: 40 });
    let touched = 0;
    const churn = setInterval(() => {
      main.touchOrder(existing[(touched * 37) % 120]);
      main.createOrderDirectly();
      touched += 1;
    }, 15);
    let first;
    try {
      first = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    } finally {
      clearInterval(churn);
    }
    expect(touched).toBeGreaterThan(5);
    expect(first.errors).toEqual([]);
    // Paging by number would have skipped some of these for good; the keyset reads every one in this run.
    expect(copyCounts(w, existing).every((n) => n === 1)).toBe(true);

    main.faults.clear();
    await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    const all = main.orders.all().map((o) => o.id);
    expect(all.length).toBeGreaterThan(355);
    expect(copyCounts(w, all).filter((n) => n !== 1)).toEqual([]);
    const [sub] = await database.db.select({ batchSize: stores.batchSize }).from(stores).where(eq(stores.id, w.fixture.subs[0].id));
    expect(sub.batchSize).toBe(100);
  });

  it('reads more than a page of orders modified in the same second exactly once', async () => {
    const w = await startSyncWorld(database, { subs: [{}] });
    worlds.push(w);
    const main = w.sim.stores[0];
    main.seedOrders(250, { spacingMs: 0 });
    const ids = main.orders.all().map((o) => o.id);
    expect(new Set(main.orders.all().map((o) => o.date_modified_gmt)).size).toBe(1);
    const result = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(result.counts.pulled).toBe(250);
    expect(result.counts.toSub.created).toBe(250);
    expect(copyCounts(w, ids).filter((n) => n !== 1)).toEqual([]);
    const again = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(again.counts.toSub.created).toBe(0);
  });
});
