import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orderLinks, orders } from '@/db/schema';
import { chipView } from '@/lib/console/chip-view';
import { parseOrderListQuery } from '@/lib/console/order-list-query';
import { listOrders } from '@/lib/data/order-list';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { syncOrder, syncWorkspace, type CrashPoint } from '@/lib/sync';
import type { StoreHandle, WcOrder } from '@/simulator';
import { updateSyncSettings } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const MARKER = '_orderbridge_refund_origin';
const shopperOrder = {
  status: 'processing',
  billing: { first_name: 'Ada', email: 'shopper@example.com' },
  line_items: [
    { sku: 'RW-MUG', quantity: 2 },
    { sku: 'RW-TSHIRT', quantity: 1 },
  ],
};

async function sync(world: SyncWorld, crashAt?: (point: CrashPoint) => boolean) {
  // WooCommerce dates have whole seconds: a change made in the second of the last read is seen by the next one.
  for (const store of world.sim.stores) store.clock.advance(2_000);
  return syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING, crashAt });
}

async function crashedSync(world: SyncWorld, point: CrashPoint) {
  let seen = 0;
  await expect(sync(world, (at) => at === point && ++seen === 1)).rejects.toThrow(/simulated crash/);
  await database.db.execute(
    sql`update sync_leases set expires_at = now() - interval '1 second' where workspace_id = ${world.fixture.workspace.id}`,
  );
}

/** A substore order copied to the main store: returns both. */
async function copiedSubOrder(
  world: SyncWorld,
  body: Record<string, unknown> = shopperOrder,
): Promise<{ source: WcOrder; copy: WcOrder; main: StoreHandle; sub: StoreHandle }> {
  const [main, sub] = world.sim.stores;
  const source = sub.createOrderDirectly(body);
  const first = await sync(world);
  expect(first.counts.toMain.created).toBe(1);
  const [copy] = main.orders.withMeta('_orderbridge_origin', `${world.fixture.subs[0].id}:${source.id}`);
  return { source, copy, main, sub };
}

const lineOf = (order: WcOrder, sku: string) => order.line_items.find((l) => l.sku === sku)!;

async function linkOf(world: SyncWorld, sourceRemoteId: number) {
  const [row] = await database.db
    .select({ link: orderLinks })
    .from(orderLinks)
    .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
    .where(and(eq(orders.workspaceId, world.fixture.workspace.id), eq(orders.remoteId, sourceRemoteId)));
  return row.link;
}

async function eventsOf(world: SyncWorld, sourceRemoteId: number) {
  const link = await linkOf(world, sourceRemoteId);
  return database.db.select().from(orderEvents).where(eq(orderEvents.orderId, link.sourceOrderId));
}

describe('refunds are mirrored onto copies', () => {
  it('partial then full: the same amounts and lines on the copy’s own line ids, never through a gateway, restocked, no customer email', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      const mugStock = main.stockOf('RW-MUG')!;
      sub.refundOrderDirectly(source.id, {
        amount: '12.50',
        reason: 'one mug broken',
        api_refund: false,
        line_items: [{ id: lineOf(source, 'RW-MUG').id, quantity: 1, refund_total: '12.50' }],
      });
      main.outbox.clear();
      const second = await sync(world);
      expect(second.status).toBe('succeeded');
      const [mirrored] = main.orders.refunds(copy.id);
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      expect(mirrored.amount).toBe('12.50');
      expect(mirrored.reason).toContain('one mug broken');
      expect(mirrored.line_items.map((l) => ({ sku: l.sku, quantity: l.quantity, total: l.total }))).toEqual([
        { sku: 'RW-MUG', quantity: -1, total: '-12.50' },
      ]);
      expect(mirrored.line_items[0].meta_data[0].value).toBe(String(lineOf(copy, 'RW-MUG').id));
      expect(mirrored.meta_data.find((m) => m.key === MARKER)?.value).toBe(
        `${world.fixture.subs[0].id}:${source.id}:${sub.orders.refunds(source.id)[0].id}`,
      );
      expect(mirrored.refunded_payment).toBe(false);
      expect(main.stockOf('RW-MUG')).toBe(mugStock + 1);
      expect(main.orders.get(copy.id)!.status).toBe('processing');
      expect(main.outbox.customerEmails()).toHaveLength(0);
      // The substore's own restock note is not carried as if someone had written it.
      expect(sub.orders.notes(source.id).some((n) => /^Item #\d+ stock increased/.test(n.note))).toBe(true);
      expect(main.orders.notes(copy.id).filter((n) => n.note.startsWith('Note from '))).toEqual([]);

      sub.refundOrderDirectly(source.id, { amount: String((Number(source.total) - 12.5).toFixed(2)), api_refund: false });
      expect(sub.orders.get(source.id)!.status).toBe('refunded');
      await sync(world);
      expect(main.orders.refunds(copy.id)).toHaveLength(2);
      expect(main.orders.get(copy.id)!.status).toBe('refunded');
      expect(main.outbox.customerEmails()).toHaveLength(0);
      const kinds = (await eventsOf(world, source.id)).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'refunded')).toHaveLength(2);

      // Nothing new: no request for refunds at all.
      main.requests.reset();
      await sync(world);
      expect(main.orders.refunds(copy.id)).toHaveLength(2);
    } finally {
      await world.close();
    }
  });

  it('an order refunded before it was copied gets a whole copy and its refunds in the same run', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const [main, sub] = world.sim.stores;
      const source = sub.createOrderDirectly(shopperOrder);
      sub.refundOrderDirectly(source.id, { amount: '10.00', api_refund: false });
      sub.refundOrderDirectly(source.id, { amount: String((Number(source.total) - 10).toFixed(2)), api_refund: false });
      expect(sub.orders.get(source.id)!.status).toBe('refunded');
      const result = await sync(world);
      expect(result.status).toBe('succeeded');
      const [copy] = main.orders.withMeta('_orderbridge_origin', `${world.fixture.subs[0].id}:${source.id}`);
      expect(copy.total).toBe(source.total);
      expect(main.orders.refunds(copy.id)).toHaveLength(2);
      expect(main.orders.get(copy.id)!.status).toBe('refunded');
    } finally {
      await world.close();
    }
  });

  it('a crash after a refund landed but before it was recorded mirrors it once', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      sub.refundOrderDirectly(source.id, { amount: '5.00', api_refund: false });
      sub.refundOrderDirectly(source.id, { amount: '6.00', api_refund: false });
      await crashedSync(world, 'refund.sent');
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      const again = await sync(world);
      expect(again.status).toBe('succeeded');
      expect(
        main.orders
          .refunds(copy.id)
          .map((r) => r.amount)
          .sort(),
      ).toEqual(['5.00', '6.00']);
      expect((await linkOf(world, source.id)).refundsClaimedAt).toBeNull();
    } finally {
      await world.close();
    }
  });

  it('a refund whose answer was lost (committed, then the connection dropped) is found on the copy, not sent again', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      sub.refundOrderDirectly(source.id, { amount: '5.00', api_refund: false });
      main.faults.inject({ kind: 'commitThenDrop', route: 'POST /orders/{id}/refunds', times: 1 });
      const first = await sync(world);
      expect(first.status).not.toBe('succeeded');
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      await sync(world);
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      expect((await linkOf(world, source.id)).syncedRefundIds).toHaveLength(1);
    } finally {
      await world.close();
    }
  });

  it('a refund the copy cannot take is held with the reason: more than it has left, a line it lacks', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      // The main store's staff refunded most of the copy themselves.
      main.refundOrderDirectly(copy.id, { amount: String((Number(copy.total) - 1).toFixed(2)), api_refund: false });
      sub.refundOrderDirectly(source.id, { amount: '5.00', api_refund: false });
      const result = await sync(world);
      expect(result.held.map((h) => h.reason).join(' ')).toMatch(
        /Refund held: Refund of 5\.00 is more than the 1\.00 left to refund on copy/,
      );
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      expect((await linkOf(world, source.id)).lastError).toMatch(/more than the 1\.00 left/);

      const other = await copiedSubOrder(world);
      main.updateOrderDirectly(other.copy.id, { line_items: [{ id: lineOf(other.copy, 'RW-TSHIRT').id, quantity: 0 }] });
      sub.refundOrderDirectly(other.source.id, {
        amount: '20.00',
        api_refund: false,
        line_items: [{ id: lineOf(other.source, 'RW-TSHIRT').id, quantity: 1, refund_total: '20.00' }],
      });
      const held = await sync(world);
      expect(held.held.map((h) => h.reason).join(' ')).toMatch(/line SKU RW-TSHIRT is not a line of copy/);
      expect(main.orders.refunds(other.copy.id)).toHaveLength(0);
      expect((await eventsOf(world, other.source.id)).some((e) => e.kind === 'held')).toBe(true);
    } finally {
      await world.close();
    }
  });

  it('a held refund puts its order under the held filter and in the held count, with its reason, until Sync Now mirrors it', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    const workspaceId = world.fixture.workspace.id;
    const heldOrders = async () => (await listOrders(database.db, workspaceId, parseOrderListQuery({ sync: 'held' }))).rows;
    const syncedOrders = async () =>
      (await listOrders(database.db, workspaceId, parseOrderListQuery({ sync: 'synced' }))).rows.map((row) => row.number);
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      // The main store's staff took the T-shirt off the copy; then the substore refunds it.
      main.updateOrderDirectly(copy.id, { line_items: [{ id: lineOf(copy, 'RW-TSHIRT').id, quantity: 0 }] });
      sub.refundOrderDirectly(source.id, {
        amount: '20.00',
        api_refund: false,
        line_items: [{ id: lineOf(source, 'RW-TSHIRT').id, quantity: 1, refund_total: '20.00' }],
      });
      await sync(world);
      expect(main.orders.refunds(copy.id)).toHaveLength(0);

      const [held] = await heldOrders();
      expect(held?.number).toBe(String(source.number));
      expect(held.targets[0]).toMatchObject({
        state: 'synced',
        refundHeld: true,
        lastError: expect.stringMatching(/line SKU RW-TSHIRT is not a line of copy/),
      });
      expect(chipView(held.targets[0])).toMatchObject({
        state: 'held',
        text: `#${copy.number} on ${world.fixture.main.name} · refund held`,
        tip: expect.stringMatching(/^The refund's line SKU RW-TSHIRT/),
      });
      expect(await syncedOrders()).not.toContain(String(source.number));
      expect(await countPendingOrders(database.db, workspaceId)).toMatchObject({ held: 1, total: 0 });
      // A scheduled sync leaves it held: nothing changed.
      await sync(world);
      expect(await heldOrders()).toHaveLength(1);

      // The staff put the T-shirt back; Sync Now tries the refund again, and it goes through.
      main.updateOrderDirectly(copy.id, { line_items: [{ sku: 'RW-TSHIRT', quantity: 1 }] });
      await syncWorkspace(database.db, workspaceId, { trigger: 'sync_now', tuning: FAST_TUNING });
      expect(main.orders.refunds(copy.id)).toHaveLength(1);
      expect(await heldOrders()).toEqual([]);
      expect(await syncedOrders()).toContain(String(source.number));
      expect(await countPendingOrders(database.db, workspaceId)).toMatchObject({ held: 0, total: 0 });
    } finally {
      await world.close();
    }
  });

  it('with copies keeping the customer’s address, a mirrored refund emails the customer, as the setting says', async () => {
    const world = await startSyncWorld(database, { subs: [{}], settings: { customerEmailPolicy: 'allow' } });
    try {
      const { source, main, sub } = await copiedSubOrder(world);
      sub.refundOrderDirectly(source.id, { amount: '5.00', api_refund: false });
      main.outbox.clear();
      await sync(world);
      expect(main.outbox.customerEmails().map((e) => e.template)).toEqual(['customer_partially_refunded_order']);
    } finally {
      await world.close();
    }
  });
});

describe('cancellations', () => {
  it('a cancelled substore order cancels its main-store copy: stock back, no customer email', async () => {
    const world = await startSyncWorld(database, { subs: [{}], settings: { customerEmailPolicy: 'allow' } });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      const stock = main.stockOf('RW-MUG')!;
      sub.updateOrderDirectly(source.id, { status: 'cancelled' });
      main.outbox.clear();
      await sync(world);
      expect(main.orders.get(copy.id)!.status).toBe('cancelled');
      expect(main.stockOf('RW-MUG')).toBe(stock + 2);
      expect(main.outbox.customerEmails()).toHaveLength(0);
      expect((await eventsOf(world, source.id)).some((e) => e.kind === 'cancelled')).toBe(true);
    } finally {
      await world.close();
    }
  });

  it('a cancelled main-store order cancels substore copies when they are kept updated, and on "Sync Order" always', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const [main, sub] = world.sim.stores;
      const source = main.createOrderDirectly(shopperOrder);
      await sync(world);
      const [copy] = sub.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${source.id}`);
      main.updateOrderDirectly(source.id, { status: 'cancelled' });
      await sync(world);
      expect(sub.orders.get(copy.id)!.status).toBe('processing');
      const link = await linkOf(world, source.id);
      await syncOrder(database.db, world.fixture.workspace.id, link.sourceOrderId, { tuning: FAST_TUNING });
      expect(sub.orders.get(copy.id)!.status).toBe('cancelled');

      const next = main.createOrderDirectly(shopperOrder);
      await sync(world);
      const [nextCopy] = sub.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${next.id}`);
      await updateSyncSettings(database.db, world.fixture.workspace.id, { keepSubstoreCopiesUpdated: true });
      main.updateOrderDirectly(next.id, { status: 'cancelled' });
      await sync(world);
      expect(sub.orders.get(nextCopy.id)!.status).toBe('cancelled');
    } finally {
      await world.close();
    }
  });
});

describe('main-store refunds', () => {
  it('reach substore copies on "Sync Order" even when copies are not kept updated', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const [main, sub] = world.sim.stores;
      const source = main.createOrderDirectly(shopperOrder);
      await sync(world);
      const [copy] = sub.orders.withMeta('_orderbridge_origin', `${world.fixture.main.id}:${source.id}`);
      main.refundOrderDirectly(source.id, { amount: '3.00', api_refund: false });
      await sync(world);
      expect(sub.orders.refunds(copy.id)).toHaveLength(0);
      await syncOrder(database.db, world.fixture.workspace.id, (await linkOf(world, source.id)).sourceOrderId, { tuning: FAST_TUNING });
      expect(sub.orders.refunds(copy.id).map((r) => r.amount)).toEqual(['3.00']);
      await syncOrder(database.db, world.fixture.workspace.id, (await linkOf(world, source.id)).sourceOrderId, { tuning: FAST_TUNING });
      expect(sub.orders.refunds(copy.id)).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});

describe('line edits after copying', () => {
  it('are carried to a copy that has not moved on, with the line amounts', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      await sync(world);
      main.requests.reset();
      sub.updateOrderDirectly(source.id, {
        line_items: [
          { id: lineOf(source, 'RW-MUG').id, quantity: 3, subtotal: '37.50', total: '37.50' },
          { id: lineOf(source, 'RW-TSHIRT').id, quantity: 0 },
          { sku: 'RW-CAP', quantity: 1 },
        ],
      });
      const edited = await sync(world);
      expect(edited.status).toBe('succeeded');
      const after = main.orders.get(copy.id)!;
      expect(
        after.line_items.map((l) => ({ sku: l.sku, quantity: l.quantity, total: l.total })).sort((a, b) => a.sku!.localeCompare(b.sku!)),
      ).toEqual(
        sub.orders
          .get(source.id)!
          .line_items.map((l) => ({ sku: l.sku, quantity: l.quantity, total: l.total }))
          .sort((a, b) => a.sku!.localeCompare(b.sku!)),
      );
      expect(after.total).toBe(sub.orders.get(source.id)!.total);
      expect((await eventsOf(world, source.id)).some((e) => e.kind === 'edited')).toBe(true);
      expect((await linkOf(world, source.id)).changedAfterCopy).toBeNull();
    } finally {
      await world.close();
    }
  });

  it('are not carried to a completed copy: the order is flagged "changed after copying" with what differs', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const { source, copy, main, sub } = await copiedSubOrder(world);
      main.updateOrderDirectly(copy.id, { status: 'completed' });
      await sync(world);
      sub.updateOrderDirectly(source.id, {
        line_items: [{ id: lineOf(source, 'RW-MUG').id, quantity: 3, subtotal: '37.50', total: '37.50' }],
      });
      await sync(world);
      const after = main.orders.get(copy.id)!;
      expect(after.status).toBe('completed');
      expect(lineOf(after, 'RW-MUG').quantity).toBe(2);
      const link = await linkOf(world, source.id);
      expect(link.changedAfterCopy).toMatch(/RW-MUG quantity 2 → 3 \(copy is completed\)/);
      const events = await eventsOf(world, source.id);
      expect(events.some((e) => e.kind === 'changed')).toBe(true);
      expect(events.filter((e) => e.kind === 'updated').at(-1)?.message).toMatch(/status left completed/);

      // The merchant makes the completed copy match and syncs the order: the flag goes.
      main.updateOrderDirectly(copy.id, {
        line_items: [{ id: lineOf(copy, 'RW-MUG').id, quantity: 3, subtotal: '37.50', total: '37.50' }],
      });
      await syncOrder(database.db, world.fixture.workspace.id, link.sourceOrderId, { tuning: FAST_TUNING });
      expect((await linkOf(world, source.id)).changedAfterCopy).toBeNull();
    } finally {
      await world.close();
    }
  });
});
