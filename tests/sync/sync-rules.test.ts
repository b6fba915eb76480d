import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { previewWorkspace, syncOrder, syncWorkspace } from '@/lib/sync';
import { queryCounter } from '@/db/query-counter';
import { listOrderEvents } from '@/lib/data/order-events';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';
import type { TestDatabase } from '@/tests/support/test-database';
import { updateSyncSettings } from '@/tests/support/sync-fixtures';
import { sleep } from '@/lib/utils/sleep';

describe('sync rules (simulator over HTTP, real database)', () => {
  let database: TestDatabase;
  const worlds: SyncWorld[] = [];
  const world = async (options: Parameters<typeof startSyncWorld>[1] = {}) => {
    const w = await startSyncWorld(database, options);
    worlds.push(w);
    return w;
  };
  const orderIdOf = async (storeId: string, remoteId: number) => {
    const result = await database.db.execute(sql`select id from orders where store_id = ${storeId} and remote_id = ${remoteId}`);
    return ((result as unknown as { rows: Array<{ id: string }> }).rows[0] ?? { id: '' }).id;
  };
  const copiesOf = (w: SyncWorld, storeIndex: number, sourceStoreId: string, sourceId: number) =>
    w.sim.stores[storeIndex].orders.withMeta('_orderbridge_origin', `${sourceStoreId}:${sourceId}`);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const w of worlds) await w.close();
    await database?.drop();
  });

  it('holds an order whose SKU a substore lacks, with the reason, and copies it elsewhere', async () => {
    const w = await world({ subs: [{}, { missingSkus: ['RW-CAP'] }] });
    const [main, , subB] = w.sim.stores;
    const order = main.createOrderDirectly({
      status: 'processing',
      line_items: [{ sku: 'RW-CAP', quantity: 1 }],
      billing: { email: 'a@example.com' },
    });
    const result = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(result.held).toHaveLength(1);
    expect(result.held[0]).toMatchObject({
      targetStoreName: 'Substore B',
      reason: 'SKU RW-CAP is not on Substore B',
      orderNumber: order.number,
    });
    expect(result.summary).toBe('Synced 1 order: 1 to substores. 1 held — SKU RW-CAP is not on Substore B.');
    expect(copiesOf(w, 1, w.fixture.main.id, order.id)).toHaveLength(1);
    expect(subB.orders.count).toBe(0);
    expect(await countPendingOrders(database.db, w.fixture.workspace.id)).toMatchObject({ held: 1, total: 0 });
    const events = await listOrderEvents(database.db, w.fixture.workspace.id, await orderIdOf(w.fixture.main.id, order.id));
    expect(events.map((e) => e.message)).toContain('Held for Substore B: SKU RW-CAP is not on Substore B');
  });

  it('holds a currency mismatch unless allowed, and leaves stock alone when asked', async () => {
    const w = await world({ subs: [{ currency: 'EUR' }, {}], settings: { stockPolicy: 'leave' } });
    const [main, , subB] = w.sim.stores;
    const before = subB.stockOf('RW-MUG');
    main.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 2 }] });
    const result = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(result.held.map((h) => h.reason)).toEqual(["Currency USD differs from Substore A's EUR"]);
    expect(subB.orders.count).toBe(1);
    expect(subB.stockOf('RW-MUG')).toBe(before);
    await updateSyncSettings(database.db, w.fixture.workspace.id, { currencyMismatchPolicy: 'allow', stockPolicy: 'reduce' });
    const retry = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(retry.counts.toSub.created).toBe(1);
    expect(w.sim.stores[1].orders.count).toBe(1);
  });

  it('carries substore status, customer note and new private notes to the main copy; main changes stay put unless asked', async () => {
    const w = await world({ subs: [{}] });
    const [main, subA] = w.sim.stores;
    const subOrder = subA.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 1 }] });
    const mainOrder = main.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-TSHIRT', quantity: 1 }] });
    const ws = w.fixture.workspace.id;
    await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    const [copy] = copiesOf(w, 0, w.fixture.subs[0].id, subOrder.id);
    await sleep(1100);
    subA.updateOrderDirectly(subOrder.id, { status: 'completed', customer_note: 'Ring twice' });
    subA.store.state.book.get(subOrder.id);
    const { addNoteToOrder } = await import('@/simulator/orders-service');
    addNoteToOrder(subA.store.state, subA.store.state.book.get(subOrder.id)!, 'Parcel handed to DHL', false);
    subA.touchOrder(subOrder.id);
    main.updateOrderDirectly(mainOrder.id, { status: 'completed' });

    const result = await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(result.counts.toMain.updated).toBe(1);
    expect(result.counts.toSub.updated).toBe(0);
    const updated = main.orders.get(copy.id)!;
    expect(updated.status).toBe('completed');
    expect(updated.customer_note).toBe('Ring twice');
    expect(main.orders.notes(copy.id).map((n) => n.note)).toContainEqual(
      expect.stringMatching(new RegExp(`^Note from Substore A order #${subOrder.number} \\(note \\d+\\): Parcel handed to DHL$`)),
    );
    expect(copiesOf(w, 1, w.fixture.main.id, mainOrder.id)[0].status).toBe('processing');

    // "Keep substore copies updated" makes main changes flow too.
    await updateSyncSettings(database.db, ws, { keepSubstoreCopiesUpdated: true });
    await sleep(1100);
    main.updateOrderDirectly(mainOrder.id, { status: 'on-hold' });
    const again = await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(again.counts.toSub.updated).toBe(1);
    expect(copiesOf(w, 1, w.fixture.main.id, mainOrder.id)[0].status).toBe('on-hold');
    // Notes are carried once.
    await syncOrder(database.db, ws, await orderIdOf(w.fixture.subs[0].id, subOrder.id), { tuning: FAST_TUNING });
    expect(main.orders.notes(copy.id).filter((n) => n.note.includes('Parcel handed to DHL'))).toHaveLength(1);
  });

  it('Sync Order pushes a main order’s current state to every target, creating where missing', async () => {
    const w = await world({ subs: [{}, {}] });
    const [main, subA, subB] = w.sim.stores;
    const order = main.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-HOODIE', quantity: 1 }] });
    const ws = w.fixture.workspace.id;
    await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    const row = { id: await orderIdOf(w.fixture.main.id, order.id) };
    // As after a crash between sending the batch and recording its answer: B's link is still "creating".
    await database.db.execute(
      sql`update order_links set state = 'creating', target_remote_id = null, claimed_at = now() - interval '1 minute' where source_order_id = ${row.id} and target_store_id = ${w.fixture.subs[1].id}`,
    );
    main.updateOrderDirectly(order.id, { status: 'completed' });
    const result = await syncOrder(database.db, ws, row.id, { tuning: FAST_TUNING });
    expect(result.status).toBe('succeeded');
    expect(copiesOf(w, 1, w.fixture.main.id, order.id).map((o) => o.status)).toEqual(['completed']);
    // The earlier copy on B exists, and the link's UUID lets Sync Order adopt it instead of creating a second.
    const onB = copiesOf(w, 2, w.fixture.main.id, order.id);
    expect(onB.map((o) => o.status)).toEqual(['completed']);
    expect(subB.orders.count).toBe(1);
    expect(subA.orders.count).toBe(1);
  });

  it('a permanent refusal is shown, not retried, and a manual run can retry it', async () => {
    const w = await world({ subs: [{}] });
    const [main, subA] = w.sim.stores;
    const order = main.createOrderDirectly({ status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 1 }] });
    // Old orders can carry addresses today's checkout would refuse; the target's validation refuses the copy.
    main.store.state.book.get(order.id)!.billing.email = 'not-an-email';
    main.touchOrder(order.id);
    await updateSyncSettings(database.db, w.fixture.workspace.id, { customerEmailPolicy: 'allow' });
    const result = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].reason).toContain('Substore A refused the copy');
    expect(result.status).toBe('partial');
    const requestsBefore = subA.requestCount;
    const scheduled = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
    expect(scheduled.failed).toHaveLength(0);
    expect(subA.requestCount - requestsBefore).toBe(1);
    expect(await countPendingOrders(database.db, w.fixture.workspace.id)).toMatchObject({ failed: 1 });
    const manual = await syncWorkspace(database.db, w.fixture.workspace.id, { trigger: 'sync_now', tuning: FAST_TUNING });
    expect(manual.failed).toHaveLength(1);
  });

  it('a quiet tick costs one list request per store and at most 10 queries; preview writes nothing', async () => {
    const w = await world({ subs: [{}, {}] });
    w.sim.stores[0].createOrderDirectly();
    const ws = w.fixture.workspace.id;
    await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    // The next tick reads back the copies the first one made; after that the stores are quiet. It comes seconds
    // later, as scheduled ticks do: orders read in a second the stores' clock had not left are checked once more then.
    for (const store of w.sim.stores) store.clock.advance(5_000);
    await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    const before = w.sim.stores.map((s) => s.requestCount);
    queryCounter.reset();
    const quiet = await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING });
    const queries = queryCounter.count;
    expect(w.sim.stores.map((s, i) => s.requestCount - before[i])).toEqual([1, 1, 1]);
    expect(quiet.requests).toBe(3);
    expect(queries).toBeLessThanOrEqual(10);

    w.sim.stores[1].createOrderDirectly();
    queryCounter.reset();
    const preview = await previewWorkspace(database.db, ws, FAST_TUNING);
    expect(preview).toMatchObject({ toSubstores: 0, toMain: 1 });
    const counted = await database.db.execute(sql`select count(*)::int as n from orders where workspace_id = ${ws}`);
    const [{ n }] = (counted as unknown as { rows: Array<{ n: number }> }).rows;
    expect(n).toBe(3);
  });

  it('two triggers at once never duplicate: the second reports the running sync', async () => {
    const w = await world({ subs: [{ cost: { scale: 0.05 } }, {}] });
    for (let i = 0; i < 30; i += 1) w.sim.stores[0].createOrderDirectly();
    const ws = w.fixture.workspace.id;
    const [a, b] = await Promise.all([
      syncWorkspace(database.db, ws, { trigger: 'sync_now', tuning: { ...FAST_TUNING, leaseWaitMs: 50 } }),
      syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: { ...FAST_TUNING, leaseWaitMs: 50 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['already_running', 'succeeded']);
    const running = a.status === 'already_running' ? a : b;
    expect(running.summary).toContain('already running');
    expect(w.sim.stores[1].orders.count).toBe(30);
    expect(w.sim.stores[2].orders.count).toBe(30);
  });
});
