import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '@/lib/errors';
import { syncWorkspaceOrder } from '@/lib/console/sync-order';
import { getOrderDetail } from '@/lib/data/order-detail';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedEvent, seedLink, seedOrder, seedWorkspace } from './seed';

let database: TestDatabase;
let a: Awaited<ReturnType<typeof seedWorkspace>>;
let b: Awaited<ReturnType<typeof seedWorkspace>>;
let source: Awaited<ReturnType<typeof seedOrder>>;
let copy: Awaited<ReturnType<typeof seedOrder>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  a = await seedWorkspace(db, 'Alpha');
  b = await seedWorkspace(db, 'Bravo');
  source = await seedOrder(db, a.subA, {
    number: '77',
    remoteId: 77,
    body: { line_items: [{ name: 'Cap', sku: 'RW-CAP', quantity: 2, total: '30.00' }] },
  });
  const link = await seedLink(db, source, a.main, 'synced', { targetRemoteId: 5001, targetNumber: '5001' });
  copy = await seedOrder(db, a.main, { number: '5001', remoteId: 5001, originRef: `${a.subA.id}:77`, originLinkId: link.id });
  await seedEvent(db, source, 'created', 'Created copy #5001 on Alpha Main', { linkId: link.id, at: new Date('2025-03-01T10:00:00Z') });
  await seedEvent(db, source, 'updated', 'Updated #5001 on Alpha Main: status completed', {
    linkId: link.id,
    at: new Date('2025-03-01T11:00:00Z'),
  });
  await seedEvent(db, source, 'retried', 'Retried after a timeout', { at: new Date('2025-03-01T10:30:00Z') });
});
afterAll(async () => database?.drop());

describe('order page data', () => {
  it('gives the order, its targets and its timeline oldest first', async () => {
    const detail = await getOrderDetail(database.db, a.workspace.id, source.id);
    expect(detail?.store.name).toBe('Alpha Sub A');
    expect(detail?.origin).toBeNull();
    expect(detail?.targets.map((chip) => [chip.storeName, chip.state, chip.targetRemoteId])).toEqual([['Alpha Main', 'synced', 5001]]);
    expect(detail?.events.map((event) => event.kind)).toEqual(['created', 'retried', 'updated']);
  });

  it('names where a copy came from', async () => {
    const detail = await getOrderDetail(database.db, a.workspace.id, copy.id);
    expect(detail?.origin).toEqual({
      sourceOrderId: source.id,
      storeName: 'Alpha Sub A',
      storeUrl: a.subA.url,
      remoteId: 77,
      number: '77',
    });
    expect(detail?.targets).toEqual([]);
  });

  it('is not found for another workspace or a malformed id', async () => {
    expect(await getOrderDetail(database.db, b.workspace.id, source.id)).toBeNull();
    expect(await getOrderDetail(database.db, b.workspace.id, copy.id)).toBeNull();
    expect(await getOrderDetail(database.db, a.workspace.id, 'not-a-uuid')).toBeNull();
    expect(await getOrderDetail(database.db, a.workspace.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('Sync Order', () => {
  it("refuses another workspace's order as not found and never reaches the engine", async () => {
    const calls: string[] = [];
    const engine = async (orderId: string) => {
      calls.push(orderId);
      return { status: 'succeeded' as const, summary: 'Synced 1 order: 1 to the main store.' };
    };
    const attempt = syncWorkspaceOrder(database.db, b.workspace.id, source.id, { via: 'this_process', run: engine });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toThrow('That order was not found.');
    expect(calls).toEqual([]);
    const outcome = await syncWorkspaceOrder(database.db, a.workspace.id, source.id, { via: 'this_process', run: engine });
    expect(outcome).toEqual({ orderId: source.id, status: 'succeeded', message: 'Synced 1 order: 1 to the main store.' });
    const busy = await syncWorkspaceOrder(database.db, a.workspace.id, source.id, {
      via: 'this_process',
      run: async () => ({ status: 'already_running' as const, summary: 'A sync is already running.' }),
    });
    expect(busy.message).toMatch(/^Another sync is running for this workspace right now, so this order was not synced twice/);
    expect(calls).toEqual([source.id]);
  });
});
