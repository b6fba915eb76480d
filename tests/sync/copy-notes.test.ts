import { describe, expect, it } from 'vitest';
import { syncWorkspace } from '@/lib/sync';
import { REAL_STORE_COST, type StoreHandle } from '@/simulator';
import { FAST_TUNING, freshSyncWorldPerTest } from './sync-world';
import { updateStoreForTest } from '@/tests/support/sync-fixtures';

const NOTES_ROUTE = 'POST /orders/{id}/notes';

/** How many requests the store's workers had at work, sampled every 2 ms while `work` runs (idle samples left out). */
async function sampleWorkers(store: StoreHandle, work: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const active = store.store.workers.active;
    if (active > 0) samples.push(active);
  }, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return samples;
}

/**
 * A backfill whose notes the substore refuses, so they stay due; then a second run that has only the notes to
 * send, sampled at the store. Every copy ends with its note, once.
 */
async function notesAlone(fresh: ReturnType<typeof freshSyncWorldPerTest>, copyCount: number): Promise<number[]> {
  const [main, sub] = fresh.world.sim.stores;
  const workspaceId = fresh.world.fixture.workspace.id;
  await updateStoreForTest(fresh.database.db, fresh.world.fixture.subs[0].id, { sendsOrdersToMain: false });
  for (let i = 0; i < copyCount; i += 1) main.createOrderDirectly();
  const tuning = { ...FAST_TUNING, storeConcurrency: 4, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };

  sub.faults.configure({ rates: { error500: 1 }, routes: [NOTES_ROUTE] });
  const first = await syncWorkspace(fresh.database.db, workspaceId, { trigger: 'cli', tuning });
  expect(first.counts.toSub.created).toBe(copyCount);
  sub.faults.clear();

  const notesBefore = sub.requests.countFor(NOTES_ROUTE);
  const samples = await sampleWorkers(sub, async () => {
    const second = await syncWorkspace(fresh.database.db, workspaceId, { trigger: 'cli', tuning });
    expect(second.errors).toEqual([]);
    expect(second.status).toBe('succeeded');
  });
  expect(sub.requests.countFor(NOTES_ROUTE) - notesBefore).toBe(copyCount);
  const copies = sub.orders.withMeta('_orderbridge_origin');
  expect(copies).toHaveLength(copyCount);
  expect(
    copies.every((copy) => sub.orders.notes(copy.id).filter((note) => note.note.startsWith('Copied from Main Store')).length === 1),
  ).toBe(true);
  return samples;
}

/**
 * A note costs a request's overhead (65 ms at a real store's speed); orders are made cheap to create, since
 * only the notes are measured. At a fifth of a real store's speed (13 ms a note), a test machine busy with
 * other tests (and PGlite, which works on the engine's own thread) delayed answers by as much as the store
 * took, and the gain or loss of one more request in flight drowned in that.
 */
const NOTES_MEASURED = { ...REAL_STORE_COST, perOrderWriteMs: 5 };

describe('copy notes, one request each (WooCommerce has no batch for notes)', () => {
  describe('against a store whose four workers share one core', () => {
    const fresh = freshSyncWorldPerTest({
      subs: [{ cost: { ...NOTES_MEASURED, scale: 1, sharedCores: 1 } }],
      settings: { addCopyNote: true },
    });

    it('try a third in flight, see no gain and go back to two', async () => {
      const samples = await notesAlone(fresh, 60);
      expect(Math.max(...samples)).toBe(3);
      expect(Math.max(...samples.slice(Math.floor(samples.length / 2)))).toBeLessThanOrEqual(2);
    }, 60_000);
  });

  describe('against a store with a core per worker', () => {
    const fresh = freshSyncWorldPerTest({ subs: [{ cost: { ...NOTES_MEASURED, scale: 3 } }], settings: { addCopyNote: true } });

    it('go up to the store concurrency, since each one more in flight adds throughput', async () => {
      const samples = await notesAlone(fresh, 60);
      expect(Math.max(...samples)).toBe(4);
    }, 60_000);
  });
});
