import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { orderLinks, orders, stores, syncLeases, syncRuns } from '@/db/schema';
import { consolePendingCounts, consoleWaitingOnStores } from '@/lib/console/pending-counts';
import { combinePending } from '@/lib/console/pending-notice';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { newRunId, runSlicesToEnd } from '@/lib/sync';
import { countWaitingOnStores } from '@/lib/sync/waiting-on-stores';
import { createWooClient } from '@/lib/woo/client';
import { sleep } from '@/lib/utils/sleep';
import type { StoreHandle } from '@/simulator';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from '@/tests/sync/sync-world';
import type { TestDatabase } from '@/tests/support/test-database';

const shopper = (sku = 'RW-MUG') => ({ line_items: [{ sku, quantity: 1 }], billing: { first_name: 'Ada', email: 'ada@example.test' } });

/** The store's own answer to the count, with nothing left out: what the notice would say without exclusions. */
async function rawTotal(store: StoreHandle, query: Record<string, string>): Promise<number> {
  const client = createWooClient({
    url: store.url,
    consumerKey: store.readWrite.consumerKey,
    consumerSecret: store.readWrite.consumerSecret,
  });
  const response = await client.request('get', 'orders', { query: { per_page: 1, _fields: 'id', dates_are_gmt: true, ...query } });
  return Number(response.headers['x-wp-total']);
}

async function syncAll(database: TestDatabase, workspaceId: string) {
  return runSlicesToEnd(database.db, workspaceId, { trigger: 'sync_now', runId: newRunId(), budgetMs: 60_000, tuning: FAST_TUNING });
}

describe('what waits on the stores, over HTTP against the simulator', () => {
  let database: TestDatabase;
  let world: SyncWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}, {}] });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('counts new orders per direction before any sync, one cheap request per store, history left out', async () => {
    const [main, subA, subB] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    // Placed two hours ago, before the sync start: history, never copied, never waiting.
    world.sim.stores[0].clock.advance(-2 * 3600_000);
    main.createOrderDirectly(shopper());
    subA.createOrderDirectly(shopper());
    world.sim.stores[0].clock.advance(2 * 3600_000);
    for (let i = 0; i < 9; i += 1) main.createOrderDirectly(shopper());
    for (let i = 0; i < 3; i += 1) subA.createOrderDirectly(shopper());
    for (let i = 0; i < 2; i += 1) subB.createOrderDirectly(shopper());
    for (const store of world.sim.stores) store.requests.reset();

    const waiting = await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    expect(waiting).toEqual({ fromMain: 9, fromSubs: 5, unreachable: [] });
    for (const store of world.sim.stores) expect(store.requests.byRoute()).toEqual({ 'GET /orders': 1 });

    // Nothing in the database yet: the notice's counts are the stores' alone, and never "No sync has run yet".
    const db = await consolePendingCounts(database.db, workspaceId);
    expect(db.total).toBe(0);
    expect(combinePending(db, waiting)).toMatchObject({ toSubstores: 9, toMain: 5, total: 14 });
  });

  it('does not count the copies Orderbridge created, nor what it already read', async () => {
    const [main, subA] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    // The copies land in a later second than every order the pull read, i.e. after the stores' cursors.
    await sleep(1_100);
    const run = await syncAll(database, workspaceId);
    expect(run.status).toBe('succeeded');
    const [mainRow] = await database.db.select().from(stores).where(eq(stores.id, world.fixture.main.id));
    const copiesOnMain = main.orders.withMeta('_orderbridge_origin');
    expect(copiesOnMain).toHaveLength(5);
    // Without leaving them out, the main store's answer would count Orderbridge's 5 copies as new orders.
    expect(await rawTotal(main, { after: mainRow.pullCursorModifiedGmt!.toISOString().slice(0, 19) })).toBe(5);

    expect(await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })).toEqual({
      fromMain: 0,
      fromSubs: 0,
      unreachable: [],
    });
    // With room for a single id in `exclude`, the copies that did not fit are taken off the total instead.
    expect(await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING, limits: { maxExcludedIds: 1 } })).toEqual({
      fromMain: 0,
      fromSubs: 0,
      unreachable: [],
    });

    // New orders after the sync count; a change to a synced main order does not (copies do not follow it)…
    await sleep(1_100);
    main.createOrderDirectly(shopper());
    main.createOrderDirectly(shopper());
    const synced = main.orders
      .all()
      .find(
        (o) => !o.meta_data.some((m) => m.key === '_orderbridge_origin') && Date.parse(o.date_created_gmt + 'Z') > Date.now() - 600_000,
      )!;
    main.updateOrderDirectly(synced.id, { status: 'completed' });
    // …but a change to a substore order does: its copy on the main store follows it.
    const subOrder = subA.orders
      .all()
      .find(
        (o) => !o.meta_data.some((m) => m.key === '_orderbridge_origin') && Date.parse(o.date_created_gmt + 'Z') > Date.now() - 600_000,
      )!;
    subA.updateOrderDirectly(subOrder.id, { status: 'completed' });
    // The merchant editing a copy Orderbridge wrote lately changes nothing that waits.
    subA.updateOrderDirectly(subA.orders.withMeta('_orderbridge_origin')[0].id, { status: 'completed' });
    expect(await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })).toEqual({
      fromMain: 2,
      fromSubs: 1,
      unreachable: [],
    });
  });

  it('never counts an order twice when the database already knows it waits', async () => {
    const [, subB] = world.sim.stores.slice(1);
    const workspaceId = world.fixture.workspace.id;
    const before = await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    const subOrder = subB.orders
      .all()
      .find(
        (o) => !o.meta_data.some((m) => m.key === '_orderbridge_origin') && Date.parse(o.date_created_gmt + 'Z') > Date.now() - 600_000,
      )!;
    const [row] = await database.db
      .select()
      .from(orders)
      .where(sql`${orders.storeId} = ${world.fixture.subs[1].id} and ${orders.remoteId} = ${subOrder.id}`);
    // Read by the sync and flagged for an update (the database counts it), then changed again on the store.
    await database.db.update(orderLinks).set({ needsUpdate: true }).where(eq(orderLinks.sourceOrderId, row.id));
    await sleep(1_100);
    subB.updateOrderDirectly(subOrder.id, { status: 'completed' });
    const dbCounts = await countPendingOrders(database.db, workspaceId);
    expect(dbCounts).toMatchObject({ toSubstores: 0, toMain: 1 });
    const after = await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    expect(after).toEqual(before);
    expect(combinePending({ ...dbCounts, total: 1 }, after)).toMatchObject({
      toMain: before.fromSubs + 1,
      total: before.fromMain + before.fromSubs + 1,
    });
  });
});

describe('a store that does not answer, and the bounds on asking', () => {
  let database: TestDatabase;
  let world: SyncWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}, {}, {}] });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('names a store that hangs or fails instead of counting it, within the deadline', async () => {
    const [main, subA, subB, subC] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    main.createOrderDirectly(shopper());
    subA.createOrderDirectly(shopper());
    subB.createOrderDirectly(shopper());
    subC.createOrderDirectly(shopper());
    subB.faults.configure({ rates: { hang: 1 } });
    subC.faults.inject({ kind: 'error500', route: 'GET /orders', times: 5 });
    const started = Date.now();
    const waiting = await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING, limits: { deadlineMs: 800 } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(waiting).toEqual({
      fromMain: 1,
      fromSubs: 1,
      unreachable: [
        { storeId: world.fixture.subs[1].id, name: 'Substore B' },
        { storeId: world.fixture.subs[2].id, name: 'Substore C' },
      ],
    });
    // Asked once: a count is not worth retrying a store for.
    expect(subC.requests.countFor('GET /orders')).toBe(1);
    subB.faults.clear();
    subC.faults.clear();
  });

  it('names a store it cannot ask at all (its stored credentials do not decrypt) and counts the others', async () => {
    const workspaceId = world.fixture.workspace.id;
    const subA = world.fixture.subs[0];
    const [saved] = await database.db.select().from(stores).where(eq(stores.id, subA.id));
    await database.db.update(stores).set({ consumerSecretEncrypted: 'tampered' }).where(eq(stores.id, subA.id));
    try {
      const waiting = await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
      expect(waiting).toEqual({ fromMain: 1, fromSubs: 2, unreachable: [{ storeId: subA.id, name: 'Substore A' }] });
    } finally {
      await database.db.update(stores).set({ consumerSecretEncrypted: saved.consumerSecretEncrypted }).where(eq(stores.id, subA.id));
    }
  });

  it('asks a few stores at a time', async () => {
    const workspaceId = world.fixture.workspace.id;
    for (const store of world.sim.stores) store.faults.configure({ latencyMs: 250 });
    let started = Date.now();
    await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING, limits: { concurrency: 1 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 250);
    started = Date.now();
    await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    expect(Date.now() - started).toBeLessThan(4 * 250);
    for (const store of world.sim.stores) store.faults.clear();
  });

  it('shares one count per workspace between page loads, and asks again once a sync has finished', async () => {
    const workspaceId = world.fixture.workspace.id;
    for (const store of world.sim.stores) store.requests.reset();
    const loads = await Promise.all([1, 2, 3].map(() => consoleWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })));
    await consoleWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    expect(new Set(loads).size).toBe(1);
    for (const store of world.sim.stores) expect(store.requests.countFor('GET /orders')).toBe(1);

    await database.db.insert(syncRuns).values({ workspaceId, trigger: 'schedule', status: 'succeeded', finishedAt: new Date() });
    await consoleWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    for (const store of world.sim.stores) expect(store.requests.countFor('GET /orders')).toBe(2);

    // A pull moved a cursor: the database now knows some of what the stores said, so they are asked again.
    await database.db.update(stores).set({ pullCursorModifiedGmt: new Date() }).where(eq(stores.id, world.fixture.subs[0].id));
    await consoleWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING });
    for (const store of world.sim.stores) expect(store.requests.countFor('GET /orders')).toBe(3);

    // While a run holds the workspace it is reading the stores itself: they are not asked.
    await database.db.insert(syncLeases).values({ workspaceId, holder: 'test', expiresAt: new Date(Date.now() + 60_000) });
    await database.db
      .update(stores)
      .set({ pullCursorModifiedGmt: new Date(Date.now() + 1000) })
      .where(eq(stores.id, world.fixture.subs[0].id));
    expect(await consoleWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })).toBe('running');
    for (const store of world.sim.stores) expect(store.requests.countFor('GET /orders')).toBe(3);
  });
});

describe('with substore copies following their main-store order', () => {
  let database: TestDatabase;
  let world: SyncWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}], settings: { keepSubstoreCopiesUpdated: true } });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('counts a change to a synced main-store order as waiting too', async () => {
    const [main] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    const order = main.createOrderDirectly(shopper());
    await sleep(1_100);
    expect((await syncAll(database, workspaceId)).status).toBe('succeeded');
    expect(await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })).toEqual({
      fromMain: 0,
      fromSubs: 0,
      unreachable: [],
    });
    await sleep(1_100);
    main.updateOrderDirectly(order.id, { status: 'completed' });
    expect(await countWaitingOnStores(database.db, workspaceId, { tuning: FAST_TUNING })).toEqual({
      fromMain: 1,
      fromSubs: 0,
      unreachable: [],
    });
  });
});
