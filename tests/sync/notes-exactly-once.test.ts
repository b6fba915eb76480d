import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWorkspace, type CrashPoint } from '@/lib/sync';
import type { StoreHandle } from '@/simulator';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { FAST_TUNING, startSyncWorld } from './sync-world';
import { sleep } from '@/lib/utils/sleep';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

/** Crashes once, at the n-th time the engine passes `point`. */
function crashOnce(point: CrashPoint, nth = 1) {
  let seen = 0;
  return (at: CrashPoint) => at === point && ++seen === nth;
}

async function crashedRun(workspaceId: string, crashAt: (point: CrashPoint) => boolean) {
  await expect(syncWorkspace(database.db, workspaceId, { trigger: 'schedule', tuning: FAST_TUNING, crashAt })).rejects.toThrow(
    /simulated crash/,
  );
  // The crashed process is gone: its lease expires.
  await database.db.execute(sql`update sync_leases set expires_at = now() - interval '1 second' where workspace_id = ${workspaceId}`);
}

const copyNotesOn = (store: StoreHandle, orderId: number) =>
  store.orders.notes(orderId).filter((n) => /^(Copied from |Customer email: )/.test(n.note));

describe('notes are added exactly once under crashes and ambiguous answers', () => {
  it('a crash after copy notes were sent but before they were recorded adds no note twice', async () => {
    const world = await startSyncWorld(database, { subs: [{}], settings: { addCopyNote: true } });
    try {
      const [main, sub] = world.sim.stores;
      for (let i = 0; i < 6; i += 1) main.createOrderDirectly();
      await crashedRun(world.fixture.workspace.id, crashOnce('note.sent', 4));
      const again = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
      expect(again.status).toBe('succeeded');
      const copies = sub.orders.all();
      expect(copies).toHaveLength(6);
      expect(copies.map((c) => copyNotesOn(sub, c.id).length)).toEqual([1, 1, 1, 1, 1, 1]);
    } finally {
      await world.close();
    }
  });

  it('a copy note whose answer was lost (committed, then the connection dropped) is found on the copy, not sent again', async () => {
    const world = await startSyncWorld(database, { subs: [{}], settings: { addCopyNote: true } });
    try {
      const [main, sub] = world.sim.stores;
      for (let i = 0; i < 3; i += 1) main.createOrderDirectly();
      sub.faults.inject({ kind: 'commitThenDrop', route: 'POST /orders/{id}/notes', times: 1 });
      const first = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
      expect(first.errors.join(' ')).toMatch(/note on copy/);
      await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'schedule', tuning: FAST_TUNING });
      expect(sub.orders.all().map((c) => copyNotesOn(sub, c.id).length)).toEqual([1, 1, 1]);
    } finally {
      await world.close();
    }
  });

  it('a crash while carrying private notes to a copy carries each note once', async () => {
    const world = await startSyncWorld(database, { subs: [{}] });
    try {
      const [main, sub] = world.sim.stores;
      const order = sub.createOrderDirectly();
      const ws = world.fixture.workspace.id;
      expect((await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING })).status).toBe('succeeded');
      const [copy] = main.orders.withMeta('_orderbridge_origin', `${world.fixture.subs[0].id}:${order.id}`);
      await sleep(1100);
      sub.updateOrderDirectly(order.id, { status: 'completed' });
      const { addNoteToOrder } = await import('@/simulator/orders-service');
      for (const note of ['Parcel handed to DHL', 'Customer called', 'Customer called'])
        addNoteToOrder(sub.store.state, sub.store.state.book.get(order.id)!, note, false);
      sub.touchOrder(order.id);

      await crashedRun(ws, crashOnce('note.sent', 2));
      expect((await syncWorkspace(database.db, ws, { trigger: 'schedule', tuning: FAST_TUNING })).status).toBe('succeeded');
      const carried = main.orders.notes(copy.id).filter((n) => n.note.startsWith('Note from '));
      expect(carried.map((n) => n.note.replace(/ \(note \d+\)/, ''))).toEqual([
        `Note from Substore A order #${order.number}: Parcel handed to DHL`,
        `Note from Substore A order #${order.number}: Customer called`,
        `Note from Substore A order #${order.number}: Customer called`,
      ]);
    } finally {
      await world.close();
    }
  });
});
