import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrderListQuery } from '@/lib/console/order-list-query';
import { listOrders, ORDER_PAGE_SIZE } from '@/lib/data/order-list';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedLink, seedOrder, seedWorkspace } from './seed';

let database: TestDatabase;
let a: Awaited<ReturnType<typeof seedWorkspace>>;
let b: Awaited<ReturnType<typeof seedWorkspace>>;
const minute = 60_000;
const start = new Date('2025-03-01T10:00:00Z').getTime();
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  a = await seedWorkspace(db, 'Alpha');
  b = await seedWorkspace(db, 'Bravo');
  // 60 plain main orders, oldest first, so the newest is #1060.
  for (let index = 0; index < 60; index += 1) {
    await seedOrder(db, a.main, { number: String(1001 + index), remoteId: 1001 + index, createdAt: new Date(start + index * minute) });
  }
  const synced = await seedOrder(db, a.main, {
    number: '2001',
    remoteId: 2001,
    createdAt: new Date(start + 100 * minute),
    customerEmail: 'Jane.Doe@Example.test',
  });
  const linkA = await seedLink(db, synced, a.subA, 'synced', { targetRemoteId: 456, targetNumber: '456' });
  await seedLink(db, synced, a.subB, 'synced', {
    targetRemoteId: 789,
    targetNumber: '789',
    changedAfterCopy: 'RW-MUG quantity 2 → 3 (copy is completed)',
  });
  const copy = await seedOrder(db, a.subA, {
    number: '456',
    remoteId: 456,
    createdAt: new Date(start + 101 * minute),
    originRef: `${a.main.id}:2001`,
    originLinkId: linkA.id,
  });
  const held = await seedOrder(db, a.subB, {
    number: '3001',
    remoteId: 3001,
    status: 'on-hold',
    createdAt: new Date(start + 102 * minute),
  });
  await seedLink(db, held, a.main, 'held', { lastError: 'SKU RW-CAP is not on Alpha Main' });
  const failed = await seedOrder(db, a.subA, { number: '3002', remoteId: 3002, createdAt: new Date(start + 103 * minute) });
  await seedLink(db, failed, a.main, 'failed', { lastError: 'Invalid email address.' });
  const pending = await seedOrder(db, a.main, { number: '2002', remoteId: 2002, createdAt: new Date(start + 104 * minute) });
  await seedLink(db, pending, a.subA, 'synced', { targetRemoteId: 457 });
  await seedLink(db, pending, a.subB, 'pending');
  const stale = await seedOrder(db, a.subA, { number: '3003', remoteId: 3003, createdAt: new Date(start + 105 * minute) });
  await seedLink(db, stale, a.main, 'synced', { needsUpdate: true, targetRemoteId: 999 });
  const retrying = await seedOrder(db, a.subB, { number: '3004', remoteId: 3004, createdAt: new Date(start + 90 * minute) });
  await seedLink(db, retrying, a.main, 'failed', { lastError: 'Timed out', nextAttemptAt: new Date(start + 200 * minute) });
  Object.assign(ids, { synced: synced.id, copy: copy.id, held: held.id, failed: failed.id, pending: pending.id, stale: stale.id });
  await seedOrder(db, b.main, { number: '2001', remoteId: 2001, customerEmail: 'jane.doe@example.test' });
});
afterAll(async () => database?.drop());

const list = (workspaceId: string, params: Record<string, string> = {}) =>
  listOrders(database.db, workspaceId, parseOrderListQuery(params));

describe('order list', () => {
  it('pages 50 at a time, newest first, with a count', async () => {
    const first = await list(a.workspace.id);
    expect(first.rows).toHaveLength(ORDER_PAGE_SIZE);
    expect(first.rows.slice(0, 3).map((row) => row.number)).toEqual(['3003', '2002', '3002']);
    expect(first.total).toBe(67);
    expect(first.hasNextPage).toBe(true);
    const second = await list(a.workspace.id, { page: '2' });
    expect(second.rows).toHaveLength(17);
    expect(second.hasNextPage).toBe(false);
    expect(second.rows.at(-1)?.number).toBe('1001');
    const seen = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(seen.size).toBe(67);
  });

  it('shows one chip per target with its state, remote number and reason', async () => {
    const { rows } = await list(a.workspace.id, { q: '2001' });
    expect(rows).toHaveLength(1);
    expect(rows[0].targets.map((chip) => [chip.storeName, chip.state, chip.targetNumber])).toEqual([
      ['Alpha Sub A', 'synced', '456'],
      ['Alpha Sub B', 'synced', '789'],
    ]);
    const held = await list(a.workspace.id, { q: '3001' });
    expect(held.rows[0].targets[0]).toMatchObject({
      state: 'held',
      lastError: 'SKU RW-CAP is not on Alpha Main',
      storeUrl: 'http://127.0.0.1:8081',
      retryScheduled: false,
    });
    const retrying = await list(a.workspace.id, { q: '3004' });
    expect(retrying.rows[0].targets[0]).toMatchObject({ state: 'failed', retryScheduled: true, lastError: 'Timed out' });
  });

  it('marks copies with the store they came from', async () => {
    const { rows } = await list(a.workspace.id, { q: '456' });
    expect(rows).toEqual([
      expect.objectContaining({ id: ids.copy, isCopy: true, originStoreName: 'Alpha Main', storeName: 'Alpha Sub A' }),
    ]);
  });

  it('filters by store, origin, status and sync state', async () => {
    const numbers = async (params: Record<string, string>) => (await list(a.workspace.id, params)).rows.map((row) => row.number).sort();
    expect(await numbers({ store: a.subA.id })).toEqual(['3002', '3003', '456']);
    expect(await numbers({ origin: a.subB.id })).toEqual(['3001', '3004']);
    expect(await numbers({ origin: a.subA.id })).toEqual(['3002', '3003']);
    expect((await list(a.workspace.id, { origin: 'main' })).total).toBe(63);
    expect(await numbers({ status: 'on-hold' })).toEqual(['3001']);
    expect(await numbers({ sync: 'held' })).toEqual(['3001']);
    expect(await numbers({ sync: 'failed' })).toEqual(['3002']);
    expect(await numbers({ sync: 'pending' })).toEqual(['2002', '3003', '3004']);
    expect(await numbers({ sync: 'synced' })).toEqual(['2001']);
    expect(await numbers({ sync: 'held', store: a.subA.id })).toEqual([]);
    expect(await numbers({ sync: 'changed' })).toEqual(['2001']);
    expect(await numbers({ sync: 'changed', store: a.subA.id })).toEqual([]);
    const [changed] = (await list(a.workspace.id, { sync: 'changed' })).rows;
    expect(changed.targets.map((t) => t.changedAfterCopy)).toEqual([null, 'RW-MUG quantity 2 → 3 (copy is completed)']);
    expect((await list(b.workspace.id, { sync: 'changed' })).rows).toEqual([]);
  });

  it('counts what matches the same way whether the rows fit on the first page or not', async () => {
    // A first page with room to spare is its own count; past it, the total is counted (for a sync state alone, on the links).
    const total = async (params: Record<string, string>) => (await list(a.workspace.id, params)).total;
    expect(await total({ sync: 'pending' })).toBe(3);
    expect(await total({ sync: 'pending', page: '2' })).toBe(3);
    expect(await total({ sync: 'held', page: '2' })).toBe(1);
    expect(await total({ sync: 'failed', page: '2' })).toBe(1);
    expect(await total({ sync: 'synced', page: '2' })).toBe(1);
    expect(await total({ sync: 'held', store: a.subB.id, page: '2' })).toBe(1);
    expect(await total({ status: 'on-hold' })).toBe(1);
    expect((await list(b.workspace.id, { sync: 'pending', page: '2' })).total).toBe(0);
  });

  it('searches by order number (with or without #) and by customer email, ignoring case', async () => {
    expect((await list(a.workspace.id, { q: '#3002' })).rows.map((row) => row.id)).toEqual([ids.failed]);
    expect((await list(a.workspace.id, { q: 'JANE.DOE@example.TEST' })).rows.map((row) => row.id)).toEqual([ids.synced]);
  });

  it('drops filter values it does not understand instead of failing', async () => {
    const query = parseOrderListQuery({ store: 'not-a-uuid', sync: 'sideways', page: '-3', status: "x'; drop table" });
    expect(query).toMatchObject({ store: undefined, sync: undefined, page: 1, status: undefined });
  });

  it('keeps workspaces apart', async () => {
    const bravo = await list(b.workspace.id);
    expect(bravo.rows.map((row) => row.number)).toEqual(['2001']);
    expect(bravo.rows[0].targets).toEqual([]);
    expect((await list(b.workspace.id, { store: a.main.id })).rows).toEqual([]);
    expect((await list(b.workspace.id, { origin: a.subA.id })).rows).toEqual([]);
    expect((await list(b.workspace.id, { sync: 'held' })).rows).toEqual([]);
    expect(bravo.stores.map((store) => store.name)).toEqual(['Bravo Main', 'Bravo Sub A', 'Bravo Sub B']);
  });
});
