import { InngestTestEngine } from '@inngest/test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns } from '@/db/schema';
import type { CrashPoint, SyncProgress, SyncTuning } from '@/lib/sync';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startSyncWorld, FAST_TUNING, type SyncWorld } from '@/tests/sync/sync-world';
import { startFakeInngestServer, useFakeInngestEnvironment } from './support/fake-inngest-server';

let database: TestDatabase;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let createSyncWorkspace: typeof import('@/inngest/functions/sync-workspace').createSyncWorkspace;

const TUNING: Partial<SyncTuning> = { ...FAST_TUNING, leaseWaitMs: 0 };
/** Small enough that a 2,000-order backfill needs dozens of slices. */
const TINY_SLICE_MS = 100;

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  ({ createSyncWorkspace } = await import('@/inngest/functions/sync-workspace'));
});
afterAll(async () => {
  await database?.drop();
  await fakeInngest?.close();
});

const requested = (workspaceId: string, tick: string) => ({
  name: 'orderbridge/workspace.sync.requested',
  id: `${workspaceId}:${tick}`,
  data: { workspaceId, tick },
  ts: Date.now(),
});

/** Every main order exactly once on every substore, and every substore order once on main. */
function copiesExactlyOnce(world: SyncWorld) {
  const [main, ...subs] = world.sim.stores;
  const problems: string[] = [];
  const check = (target: typeof main, origin: string) => {
    const n = target.orders.withMeta('_orderbridge_origin', origin).length;
    if (n !== 1) problems.push(`${origin} has ${n} copies on ${target.name}`);
  };
  for (const order of main.orders.all().filter((o) => !o.meta_data.some((m) => m.key === '_orderbridge_origin'))) {
    for (const sub of subs) check(sub, `${world.fixture.main.id}:${order.id}`);
  }
  subs.forEach((sub, i) => {
    for (const order of sub.orders.all().filter((o) => !o.meta_data.some((m) => m.key === '_orderbridge_origin')))
      check(main, `${world.fixture.subs[i].id}:${order.id}`);
  });
  return problems;
}

function movesOnlyForward(snapshots: SyncProgress[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, { pulled: number; done: number; total: number }>();
  for (const snapshot of snapshots) {
    for (const store of snapshot.stores) {
      const before = last.get(store.storeId);
      if (before && (store.pulled < before.pulled || store.done < before.done || store.total < before.total)) {
        problems.push(
          `${store.name} went back from ${JSON.stringify(before)} to ${JSON.stringify({ pulled: store.pulled, done: store.done, total: store.total })}`,
        );
      }
      if (store.done > store.total) problems.push(`${store.name} done ${store.done} > total ${store.total}`);
      last.set(store.storeId, { pulled: store.pulled, done: store.done, total: store.total });
    }
  }
  return problems.slice(0, 5);
}

describe('sync-workspace in slices', () => {
  it(
    'a 2,000-order backfill through the function, in many small slices: every copy once, one run, progress only forward',
    { timeout: 240_000 },
    async () => {
      // Without copy notes (3,800 more requests, one per copy) the backfill is all batches, pages and slices.
      const world = await startSyncWorld(database, { subs: [{}, {}], settings: { addCopyNote: false, customerEmailPolicy: 'allow' } });
      try {
        const [main, subA, subB] = world.sim.stores;
        main.seedOrders(1_900);
        subA.seedOrders(60);
        subB.seedOrders(40);
        const snapshots: SyncProgress[] = [];
        const fn = createSyncWorkspace({
          db: async () => database.db,
          engine: { tuning: TUNING, sliceBudgetMs: TINY_SLICE_MS, onProgress: (p) => snapshots.push(p) },
        });
        const { result, error } = await new InngestTestEngine({ function: fn }).execute({
          events: [requested(world.fixture.workspace.id, '2026-05-01T10:05Z')],
        });
        expect(error).toBeUndefined();
        const outcome = result as { status: string; slices: number; counts: { toSub: { created: number }; toMain: { created: number } } };
        console.log(`2,000-order backfill through the function: ${outcome.slices} slices`);
        expect(outcome.status).toBe('succeeded');
        expect(outcome.slices).toBeGreaterThanOrEqual(8);
        expect(outcome.counts.toSub.created).toBe(3_800);
        expect(outcome.counts.toMain.created).toBe(100);

        expect(copiesExactlyOnce(world)).toEqual([]);
        const runs = await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, world.fixture.workspace.id));
        expect(runs.map((r) => r.status)).toEqual(['succeeded']);
        expect(runs[0].carry).toBeNull();
        expect(movesOnlyForward(snapshots)).toEqual([]);
        const finalStores = snapshots[snapshots.length - 1].stores;
        expect(finalStores.reduce((n, s) => n + s.done, 0)).toBe(3_900);
      } finally {
        await world.close();
      }
    },
  );

  it(
    'a slice that dies mid-way (its step throws as a timeout would) is retried and the run still finishes exactly once',
    { timeout: 120_000 },
    async () => {
      const world = await startSyncWorld(database, { subs: [{}, {}] });
      try {
        const [main, subA] = world.sim.stores;
        main.seedOrders(600);
        subA.seedOrders(30);
        let checkpoints = 0;
        let crashed = false;
        // The first attempt dies with a batch in flight, deep in a later slice.
        const crashAt = (point: CrashPoint) => !crashed && point === 'create.in-flight' && ++checkpoints === 4 && (crashed = true);
        const fn = createSyncWorkspace({ db: async () => database.db, engine: { tuning: TUNING, sliceBudgetMs: TINY_SLICE_MS, crashAt } });
        const event = requested(world.fixture.workspace.id, '2026-05-01T10:10Z');
        const first = await new InngestTestEngine({ function: fn }).execute({ events: [event] });
        expect(crashed).toBe(true);
        expect(first.error).toBeDefined();

        // Inngest runs the function again: the same run id, its slices continue from what is in the database.
        const retry = await new InngestTestEngine({ function: fn }).execute({ events: [event] });
        expect(retry.error).toBeUndefined();
        expect((retry.result as { status: string }).status).toBe('succeeded');

        expect(copiesExactlyOnce(world)).toEqual([]);
        const runs = await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, world.fixture.workspace.id));
        expect(runs.map((r) => r.status)).toEqual(['succeeded']);
      } finally {
        await world.close();
      }
    },
  );
});
