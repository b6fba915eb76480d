import { describe, expect, it } from 'vitest';
import { stores } from '@/db/schema';
import { newRunId, runSlicesToEnd, syncWorkspace, syncWorkspaceSlice } from '@/lib/sync';
import { metaValue, ORIGIN_META } from '@/lib/sync/copy-meta';
import type { StoreHandle } from '@/simulator';
import { FAST_TUNING, freshSyncWorldPerTest } from './sync-world';
import { updateStoreForTest } from '@/tests/support/sync-fixtures';
import { sleep } from '@/lib/utils/sleep';

describe('long and cancelled runs', () => {
  const fresh = freshSyncWorldPerTest({ subs: [{}] });

  /** `count` new main-store orders, and a substore that receives them and sends none back. */
  async function mainOrdersForTheSubstoreOnly(count: number): Promise<StoreHandle[]> {
    const [main, sub] = fresh.world.sim.stores;
    await updateStoreForTest(fresh.database.db, fresh.world.fixture.subs[0].id, { sendsOrdersToMain: false });
    for (let i = 0; i < count; i += 1) main.createOrderDirectly();
    return [main, sub];
  }

  const originsOfCopies = (store: StoreHandle) =>
    store.orders.withMeta(ORIGIN_META).map((order) => metaValue(order.meta_data, ORIGIN_META));

  it('finishes a slow pull that no push depends on before reporting and releasing the workspace', async () => {
    const [main, sub] = fresh.world.sim.stores;
    await updateStoreForTest(fresh.database.db, fresh.world.fixture.subs[0].id, { receivesMainOrders: false, sendsOrdersToMain: false });
    for (let i = 0; i < 250; i += 1) main.createOrderDirectly();
    sub.createOrderDirectly();
    main.faults.configure({ latencyMs: 2_200 });

    const result = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(result.status).toBe('succeeded');
    expect(result.counts.pulled).toBe(251);
  }, 60_000);

  it('creates copies on a substore while the main store is still being read, each exactly once', async () => {
    const [main, sub] = await mainOrdersForTheSubstoreOnly(250);
    main.faults.configure({ latencyMs: 800 });

    let firstCopyAt: number | null = null;
    let mainReadAt: number | null = null;
    const result = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      tuning: FAST_TUNING,
      onProgress: (progress) => {
        const now = Date.now();
        const mainProgress = progress.stores.find((s) => s.storeId === fresh.world.fixture.main.id);
        const subProgress = progress.stores.find((s) => s.storeId === fresh.world.fixture.subs[0].id);
        if (firstCopyAt === null && (subProgress?.done ?? 0) > 0) firstCopyAt = now;
        if (mainReadAt === null && mainProgress?.pulled === 250) mainReadAt = now;
      },
    });
    expect(result.status).toBe('succeeded');
    expect(result.counts.toSub.created).toBe(250);
    expect(firstCopyAt).not.toBeNull();
    expect(mainReadAt).not.toBeNull();
    expect(firstCopyAt!).toBeLessThan(mainReadAt!);
    const origins = originsOfCopies(sub);
    expect(origins).toHaveLength(250);
    expect(new Set(origins).size).toBe(250);
  }, 60_000);

  it('a slice that resumes a long pull sends the copies already planned at once, without waiting to see if the pull ends', async () => {
    const [main, sub] = await mainOrdersForTheSubstoreOnly(250);
    const ws = fresh.world.fixture.workspace.id;
    const runId = newRunId();
    // A budget spent at once: the first slice reads one page of 100 and sends one batch.
    const first = await syncWorkspaceSlice(fresh.database.db, ws, {
      trigger: 'cli',
      runId,
      budgetMs: 1,
      tuning: { ...FAST_TUNING, storeConcurrency: 1 },
    });
    expect(first.state).toBe('more');
    const copiesBefore = originsOfCopies(sub).length;
    expect(copiesBefore).toBeLessThan(100);

    // Batches of 20, so the copies already planned fill batches without waiting for more; the main store's next page is slow.
    await updateStoreForTest(fresh.database.db, fresh.world.fixture.subs[0].id, { batchSize: 20 });
    main.faults.configure({ latencyMs: 1_500 });
    let firstCopyAt: number | null = null;
    const started = Date.now();
    const result = await runSlicesToEnd(fresh.database.db, ws, {
      trigger: 'cli',
      runId,
      budgetMs: 60_000,
      tuning: FAST_TUNING,
      onProgress: (progress) => {
        const subProgress = progress.stores.find((s) => s.storeId === fresh.world.fixture.subs[0].id);
        if (firstCopyAt === null && (subProgress?.done ?? 0) > copiesBefore) firstCopyAt = Date.now();
      },
    });
    expect(result.status).toBe('succeeded');
    // A first slice waits up to a second for quick pulls to end, to list every target's work at once.
    expect(firstCopyAt! - started).toBeLessThan(1_000);
    const origins = originsOfCopies(sub);
    expect(origins).toHaveLength(250);
    expect(new Set(origins).size).toBe(250);
  }, 60_000);

  it('a run cancelled mid-push stops promptly and says why; the next run finishes the copies exactly once', async () => {
    const [, sub] = await mainOrdersForTheSubstoreOnly(600);
    sub.faults.configure({ latencyMs: 300 });

    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('The sync was cancelled')), 1_500);
    const started = Date.now();
    const cancelled = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      tuning: FAST_TUNING,
      signal: cancel.signal,
    });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(cancelled.status).toBe('failed');
    expect(cancelled.errors.join(' ')).toMatch(/cancelled/);
    expect(originsOfCopies(sub).length).toBeLessThan(600);
    // The run was cancelled; neither store failed.
    const storeRows = await fresh.database.db.select({ lastError: stores.lastError }).from(stores);
    expect(storeRows.map((s) => s.lastError)).toEqual([null, null]);

    // A batch we hung up on still runs to its end on the store (PHP does not notice). With the test's
    // zero grace for unfinished claims, the next run must come after the store has finished them, as the
    // default grace (longer than any PHP time limit) guarantees in production.
    while (sub.requests.entries().length < sub.requests.total) await sleep(20);
    sub.faults.configure({ latencyMs: 0 });
    const next = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(next.status).toBe('succeeded');
    const origins = originsOfCopies(sub);
    expect(origins).toHaveLength(600);
    expect(new Set(origins).size).toBe(600);
  }, 60_000);

  it('a run cancelled while reading a store fails as cancelled, without blaming the store', async () => {
    const [main] = fresh.world.sim.stores;
    main.createOrderDirectly();
    main.faults.configure({ latencyMs: 1_000 });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('The sync was cancelled')), 300);
    const result = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, {
      trigger: 'cli',
      tuning: FAST_TUNING,
      signal: cancel.signal,
    });
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual(['The sync was cancelled']);
    const storeRows = await fresh.database.db.select({ lastError: stores.lastError }).from(stores);
    expect(storeRows.map((s) => s.lastError)).toEqual([null, null]);
  });
});
