import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { runSlicesToEnd, syncOrder } from '@/lib/sync';
import { backgroundSyncOf, requestSyncNow } from '@/lib/console/sync-now';
import { syncWorkspaceOrder } from '@/lib/console/sync-order';
import { currentSyncStatus } from '@/lib/data/sync-runs';
import { getOrderDetail } from '@/lib/data/order-detail';
import { parseOrderListQuery } from '@/lib/console/order-list-query';
import { listOrders } from '@/lib/data/order-list';
import { NotFoundError } from '@/lib/errors';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from '@/tests/sync/sync-world';
import type { TestDatabase } from '@/tests/support/test-database';
import { seedWorkspace } from './seed';

/** The console over the real engine: simulator stores over HTTP, a real database. */
describe('Sync Now and Sync Order through the console', () => {
  let database: TestDatabase;
  let world: SyncWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}, { missingSkus: ['RW-CAP'] }] });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('Sync Now runs in the background, a second press starts nothing, and the result names the held order', async () => {
    const { db } = database;
    const [main, subA, subB] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    const mugs = [1, 2, 3].map(() =>
      main.createOrderDirectly({ line_items: [{ sku: 'RW-MUG', quantity: 1 }], billing: { first_name: 'Ada', email: 'ada@example.test' } }),
    );
    const cap = main.createOrderDirectly({
      line_items: [{ sku: 'RW-CAP', quantity: 2 }],
      billing: { first_name: 'Grace', email: 'grace@example.test' },
    });
    const fromSub = subA.createOrderDirectly({
      line_items: [{ sku: 'RW-HOODIE', quantity: 1 }],
      billing: { first_name: 'Alan', email: 'alan@example.test' },
    });
    const runSync = {
      via: 'this_process' as const,
      run: (runId: string) => runSlicesToEnd(db, workspaceId, { trigger: 'sync_now', runId, budgetMs: 60_000, tuning: FAST_TUNING }),
    };

    const first = await requestSyncNow(db, workspaceId, runSync);
    expect(first.kind).toBe('started');
    const second = await requestSyncNow(db, workspaceId, runSync);
    expect(second.kind).toBe('already_running');
    await backgroundSyncOf(workspaceId);

    const status = await currentSyncStatus(db, workspaceId);
    expect(status.running).toBeNull();
    expect(status.lastFinished?.summary).toBe(
      `Synced 8 orders: 7 to substores, 1 to the main store. 1 held — SKU RW-CAP is not on ${subB.name}.`,
    );
    expect(status.problems.map((problem) => problem.number)).toEqual([String(cap.number)]);

    for (const source of [...mugs, cap]) {
      expect(subA.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${source.id}`)).toHaveLength(1);
    }
    for (const source of mugs) expect(subB.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${source.id}`)).toHaveLength(1);
    expect(subB.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${cap.id}`)).toHaveLength(0);
    expect(main.orders.withMeta('_orderbridge_origin', `${world.fixture.subs[0].id}:${fromSub.id}`)).toHaveLength(1);

    const held = await listOrders(db, workspaceId, parseOrderListQuery({ sync: 'held' }));
    expect(held.rows.map((row) => row.number)).toEqual([String(cap.number)]);
    expect(held.rows[0].targets.find((chip) => chip.state === 'held')?.lastError).toContain('SKU RW-CAP is not on');
    const all = await listOrders(db, workspaceId, parseOrderListQuery({ origin: 'main' }));
    const mugRow = all.rows.find((row) => row.number === String(mugs[0].number) && !row.isCopy)!;
    expect(mugRow.targets.map((chip) => chip.state)).toEqual(['synced', 'synced']);
    expect(mugRow.targets.every((chip) => chip.targetRemoteId !== null)).toBe(true);
    expect((await countPendingOrders(db, workspaceId)).total).toBe(0);
  });

  it('Sync Order pushes a substore status change to the main copy and the timeline shows it; another workspace gets not found', async () => {
    const { db } = database;
    const [main, subA] = world.sim.stores;
    const workspaceId = world.fixture.workspace.id;
    const source = (await listOrders(db, workspaceId, parseOrderListQuery({ store: world.fixture.subs[0].id }))).rows.find(
      (row) => !row.isCopy,
    )!;
    const sourceRemote = subA.orders.all().find((order) => String(order.number) === source.number)!;
    subA.updateOrderDirectly(sourceRemote.id, { status: 'completed' });

    const stranger = await seedWorkspace(db, 'Stranger');
    await expect(
      syncWorkspaceOrder(db, stranger.workspace.id, source.id, {
        via: 'this_process',
        run: () => Promise.reject(new Error('must not run')),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await getOrderDetail(db, stranger.workspace.id, source.id)).toBeNull();

    const outcome = await syncWorkspaceOrder(db, workspaceId, source.id, {
      via: 'this_process',
      run: (id) => syncOrder(db, workspaceId, id, { trigger: 'sync_order', tuning: FAST_TUNING }),
    });
    expect(outcome.status).toBe('succeeded');
    const copy = main.orders.withMeta('_orderbridge_origin', `${world.fixture.subs[0].id}:${sourceRemote.id}`);
    expect(copy.map((order) => order.status)).toEqual(['completed']);
    const detail = await getOrderDetail(db, workspaceId, source.id);
    expect(detail?.order.status).toBe('completed');
    expect(detail?.events.map((event) => event.kind)).toContain('updated');
    expect(detail?.events.find((event) => event.kind === 'updated')?.message).toContain('status completed');
  });
});
