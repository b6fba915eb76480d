import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { syncRuns, type CarriedPacing } from '@/db/schema';
import { saveSyncRunSlice, startOrFindSyncRun } from '@/lib/data/sync-runs';
import { newRunId, runSlicesToEnd, syncWorkspaceSlice } from '@/lib/sync';
import { metaValue, ORIGIN_META } from '@/lib/sync/copy-meta';
import { emptyCounts } from '@/lib/sync/summary';
import type { StoreHandle } from '@/simulator';
import { FAST_TUNING, freshSyncWorldPerTest } from './sync-world';
import { updateStoreForTest } from '@/tests/support/sync-fixtures';

const ORDERS = 400;
const BATCH = 20;

describe('a run carries each target’s pace from slice to slice', () => {
  // A store whose batches take real time (600 ms per 20 orders), so requests in flight overlap measurably.
  const fresh = freshSyncWorldPerTest({ subs: [{ cost: { scale: 0.2 } }] });

  async function ordersForTheSubstore(): Promise<StoreHandle> {
    const [main, sub] = fresh.world.sim.stores;
    const subId = fresh.world.fixture.subs[0].id;
    await updateStoreForTest(fresh.database.db, subId, { sendsOrdersToMain: false, batchSize: BATCH });
    for (let i = 0; i < ORDERS; i += 1) main.createOrderDirectly();
    return sub;
  }

  /** A run whose earlier slice left this pace for the substore (and read no store yet). */
  async function runCarrying(pacing: Record<string, unknown>): Promise<string> {
    const runId = newRunId();
    const ws = fresh.world.fixture.workspace.id;
    await startOrFindSyncRun(fresh.database.db, ws, { id: runId, trigger: 'cli' });
    await saveSyncRunSlice(fresh.database.db, ws, runId, {
      counts: emptyCounts(),
      errors: [],
      progress: {},
      carry: { held: [], failed: [], warnings: [], requests: 0, slices: 1, pacing: pacing as Record<string, CarriedPacing> },
    });
    return runId;
  }

  const pace = (level: number, settled: boolean, extra: Partial<CarriedPacing> = {}): CarriedPacing => ({
    level,
    settled,
    previous: null,
    msPerOrder: 5,
    savedAt: Date.now(),
    ...extra,
  });

  /** The store's batch requests since `since`, as [start, end] in ms, by start. */
  function batchesSince(store: StoreHandle, since: number): Array<[number, number]> {
    return store.requests
      .entries()
      .filter((e) => e.route === 'POST /orders/batch' && e.at - e.durationMs >= since)
      .map((e): [number, number] => [e.at - e.durationMs, e.at])
      .sort((a, b) => a[0] - b[0]);
  }

  /** Most batches in flight at once, and when that many were first in flight. */
  function inFlight(batches: Array<[number, number]>): { most: number; firstAt: number } {
    const edges = batches
      .flatMap(
        ([start, end]) =>
          [
            [start, 1],
            [end, -1],
          ] as const,
      )
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let most = 0;
    let firstAt = 0;
    for (const [at, step] of edges) {
      now += step;
      if (now > most) [most, firstAt] = [now, at];
    }
    return { most, firstAt };
  }

  const mostInFlight = (batches: Array<[number, number]>) => inFlight(batches).most;

  function expectEachCopyOnce(sub: StoreHandle) {
    const origins = sub.orders.withMeta(ORIGIN_META).map((order) => metaValue(order.meta_data, ORIGIN_META));
    expect(origins).toHaveLength(ORDERS);
    expect(new Set(origins).size).toBe(ORDERS);
  }

  it('saves the pace a slice reached, and the next slices finish every copy exactly once', async () => {
    const sub = await ordersForTheSubstore();
    const ws = fresh.world.fixture.workspace.id;
    const runId = newRunId();
    // A budget spent at once: the slice reads a page, sends one round of batches, and stops.
    const first = await syncWorkspaceSlice(fresh.database.db, ws, { trigger: 'cli', runId, budgetMs: 1, tuning: FAST_TUNING });
    expect(first.state).toBe('more');
    const [run] = await fresh.database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    const carried = run.carry?.pacing?.[fresh.world.fixture.subs[0].id];
    expect(carried).toMatchObject({ level: 2, settled: false });
    expect(carried!.msPerOrder).toBeGreaterThan(0);
    expect(Math.abs(Date.now() - carried!.savedAt)).toBeLessThan(60_000);

    const result = await runSlicesToEnd(fresh.database.db, ws, { trigger: 'cli', runId, budgetMs: 60_000, tuning: FAST_TUNING });
    expect(result.status).toBe('succeeded');
    expectEachCopyOnce(sub);
  }, 60_000);

  it('a resumed slice starts at the carried number of batches in flight and does not ramp again', async () => {
    const sub = await ordersForTheSubstore();
    const runId = await runCarrying({ [fresh.world.fixture.subs[0].id]: pace(3, true) });
    const started = Date.now();
    const outcome = await syncWorkspaceSlice(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      runId,
      budgetMs: 60_000,
      tuning: FAST_TUNING,
    });
    expect(outcome.state).toBe('done');
    const batches = batchesSince(sub, started);
    // A fresh ramp keeps 2 in flight until 3 batches are answered; the carried level has 3 out before that.
    const { most, firstAt } = inFlight(batches);
    expect(most).toBe(3);
    const thirdAnswer = batches.map(([, end]) => end).sort((a, b) => a - b)[2];
    expect(firstAt).toBeLessThan(thirdAnswer);
    expectEachCopyOnce(sub);
  }, 60_000);

  it.each([
    ['saved 10 minutes ago', pace(1, true, { savedAt: Date.now() - 10 * 60_000 })],
    ['with a level that is not a number', { ...pace(1, true), level: 'one' }],
    ['with a judged level below one', pace(1, true, { previous: { inFlight: 0, msPerOrder: 5 } })],
    ['that is not a record', 'fast'],
  ])(
    'ignores a carried pace %s: the target ramps from the start',
    async (_, carried) => {
      const sub = await ordersForTheSubstore();
      const runId = await runCarrying({ [fresh.world.fixture.subs[0].id]: carried });
      const started = Date.now();
      const outcome = await syncWorkspaceSlice(fresh.database.db, fresh.world.fixture.workspace.id, {
        trigger: 'cli',
        runId,
        budgetMs: 60_000,
        tuning: FAST_TUNING,
      });
      expect(outcome.state).toBe('done');
      // Trusted, the carried level of 1 would have kept one batch in flight.
      expect(mostInFlight(batchesSince(sub, started).slice(0, 2))).toBe(2);
      expectEachCopyOnce(sub);
    },
    60_000,
  );

  it('a slice sends no batch it expects to outlast its budget, but always one', async () => {
    const sub = await ordersForTheSubstore();
    // The carried speed says a batch of 20 takes 20 s: the slice's 5 s cannot hold a second one.
    const runId = await runCarrying({ [fresh.world.fixture.subs[0].id]: pace(1, true, { msPerOrder: 1_000 }) });
    const started = Date.now();
    const outcome = await syncWorkspaceSlice(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      runId,
      budgetMs: 5_000,
      tuning: FAST_TUNING,
    });
    expect(outcome.state).toBe('more');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sub.orders.withMeta(ORIGIN_META)).toHaveLength(BATCH);

    const result = await runSlicesToEnd(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      runId,
      budgetMs: 60_000,
      tuning: FAST_TUNING,
    });
    expect(result.status).toBe('succeeded');
    expectEachCopyOnce(sub);
  }, 60_000);
});
