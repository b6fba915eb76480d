import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '@/db/connection-config';
import { stores } from '@/db/schema';
import { latestSyncRun } from '@/lib/data/sync-runs';
import { checkStoreConnection } from '@/lib/stores/connection-check';
import { DEFAULT_SYNC_TUNING, syncWorkspace, type SyncResult, type SyncTuning } from '@/lib/sync';
import { metaValue, ORIGIN_META } from '@/lib/sync/copy-meta';
import { startSimulator, type StoreHandle } from '@/simulator';
import { createSyncWorkspace, endpointOf, type SyncWorkspaceSettings } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { FAST_TUNING, startSyncWorld, type SyncWorld } from '@/tests/sync/sync-world';
import { startHostileStore, type HostileStoreOptions } from './support/hostile-store';

/**
 * One tenant's store answers every sync request with something hostile. The sync runs in this process, as
 * it runs inside the app server: the attack may add little to its memory, which stays under 300 MB, the hostile run must end with a
 * message naming the store and the limit, and another workspace syncing at the same time must finish as
 * if it were alone.
 */
const MEMORY_CEILING = 300 * 1024 * 1024;
/** What one attack may add to the process: the 20 MB answer cap with room to spare (before the fix: +390 to +450 MB). */
const ATTACK_FOOTPRINT = 100 * 1024 * 1024;
/** Embedded PGlite keeps its whole PostgreSQL in this process (~500 MB): the ceiling is for a server database. */
const DATABASE_IN_PROCESS = resolveDatabaseTarget().driver === 'pglite';
const MAIN_ORDERS = 12;
const SUB_ORDERS = 3;

type Timed = { result: SyncResult; ms: number };

async function timed(run: Promise<SyncResult>): Promise<Timed> {
  const started = Date.now();
  const result = await run;
  return { result, ms: Date.now() - started };
}

/** The highest resident set size seen while `work` runs, sampled every 10 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

describe('a hostile store (passes the connection check, then attacks the sync)', () => {
  let database: TestDatabase;
  let alone: Timed;
  const closers: Array<() => Promise<void>> = [];

  /** A normal workspace: a main store and two substores, orders new on each. */
  async function normalWorld(): Promise<SyncWorld> {
    const world = await startSyncWorld(database, { subs: [{}, {}] });
    closers.push(world.close);
    const [main, ...subs] = world.sim.stores;
    for (let i = 0; i < MAIN_ORDERS; i += 1) main.createOrderDirectly();
    for (const sub of subs) for (let i = 0; i < SUB_ORDERS; i += 1) sub.createOrderDirectly();
    return world;
  }

  function syncNormal(world: SyncWorld): Promise<SyncResult> {
    return syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
  }

  function expectCopiedOnce(world: SyncWorld, result: SyncResult): void {
    expect(result.status).toBe('succeeded');
    expect(result.counts.toSub).toEqual(alone.result.counts.toSub);
    expect(result.counts.toMain).toEqual(alone.result.counts.toMain);
    const [main, ...subs] = world.sim.stores;
    const origins = (store: StoreHandle) => store.orders.withMeta(ORIGIN_META).map((o) => metaValue(o.meta_data, ORIGIN_META));
    for (const sub of subs) {
      expect(origins(sub)).toHaveLength(MAIN_ORDERS);
      expect(new Set(origins(sub)).size).toBe(MAIN_ORDERS);
    }
    expect(new Set(origins(main)).size).toBe(origins(main).length);
    expect(origins(main)).toHaveLength(SUB_ORDERS * subs.length);
  }

  /** A workspace whose main store is hostile and whose substore is a normal store with `subOrders` new orders. */
  async function hostileWorkspace(options: HostileStoreOptions, settings: SyncWorkspaceSettings = {}, subOrders = 0) {
    const hostile = await startHostileStore(options);
    closers.push(hostile.close);
    const check = await checkStoreConnection({
      url: hostile.url,
      consumerKey: hostile.consumerKey,
      consumerSecret: hostile.consumerSecret,
    });
    expect(check.failure).toBeNull();
    expect(check.ok).toBe(true);
    const sim = await startSimulator({ stores: [{ name: 'Honest Substore' }] });
    closers.push(() => sim.close());
    for (let i = 0; i < subOrders; i += 1) sim.stores[0].createOrderDirectly();
    const fixture = await createSyncWorkspace(database.db, {
      main: { name: 'Hostile Store', url: hostile.url, consumerKey: hostile.consumerKey, consumerSecret: hostile.consumerSecret },
      subs: [endpointOf(sim.stores[0])],
      settings: { syncStartAt: new Date(Date.now() - 3600_000), ...settings },
    });
    return { hostile, fixture };
  }

  /**
   * Both workspaces sync at once; returns the hostile run, its history row, and the peak memory. The normal
   * one must come out as it did alone, and not take much longer.
   */
  async function attack(
    options: HostileStoreOptions,
    tuning: Partial<SyncTuning>,
    within: { hostileMs: number },
    extra: { settings?: SyncWorkspaceSettings; subOrders?: number } = {},
  ) {
    const { hostile, fixture } = await hostileWorkspace(options, extra.settings, extra.subOrders);
    const world = await normalWorld();
    const before = process.memoryUsage().rss;
    const { value, peak } = await peakRss(() =>
      Promise.all([
        timed(syncWorkspace(database.db, fixture.workspace.id, { trigger: 'cli', tuning: { ...FAST_TUNING, ...tuning } })),
        timed(syncNormal(world)),
      ]),
    );
    const [hostileRun, normalRun] = value;
    console.log(
      `${options.orders}/${options.products ?? '-'}/${options.customers ?? '-'}: rss ${mb(before)} → peak ${mb(peak)}; hostile run ${hostileRun.ms} ms; normal run ${normalRun.ms} ms (alone ${alone.ms} ms)`,
    );
    expect(peak - before).toBeLessThan(ATTACK_FOOTPRINT);
    if (!DATABASE_IN_PROCESS) expect(peak).toBeLessThan(MEMORY_CEILING);
    expect(hostileRun.ms).toBeLessThan(within.hostileMs);
    expectCopiedOnce(world, normalRun.result);
    expect(normalRun.ms).toBeLessThan(Math.max(3 * alone.ms, alone.ms + 5_000));
    const history = await latestSyncRun(database.db, fixture.workspace.id);
    expect(history?.id).toBe(hostileRun.result.runId);
    expect(history?.status).not.toBe('running');
    // The workspace is free again: a new run starts at once instead of finding the old one running.
    return { hostile, fixture, run: hostileRun.result, history: `${(history?.errors ?? []).join('\n')}\n${history?.summary ?? ''}` };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await normalWorld();
    alone = await timed(syncNormal(world));
    expectCopiedOnce(world, alone.result);
  }, 60_000);

  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
    await database?.drop();
  });

  it('sends a 150 MB answer to the order listing', async () => {
    const { history, hostile } = await attack({ orders: 'huge-body' }, {}, { hostileMs: 15_000 });
    expect(history).toMatch(
      /Could not read orders from Hostile Store: GET orders failed: 127\.0\.0\.1:\d+ sent an answer larger than 20 MB .*maxResponseBytes/,
    );
    expect(hostile.orderListings).toHaveLength(1);
  }, 60_000);

  it('sends a gzip bomb (300 KB that unpacks to 300 MB)', async () => {
    const { history, hostile } = await attack({ orders: 'gzip-bomb' }, {}, { hostileMs: 15_000 });
    expect(history).toMatch(/Could not read orders from Hostile Store: .*larger than 20 MB \(unpacked\).*maxResponseBytes/);
    expect(hostile.orderListings).toHaveLength(1);
  }, 60_000);

  it('sends endless full pages of ever-newer orders (X-WP-TotalPages: 999999999); the next run goes on from the saved cursor', async () => {
    const { history, hostile, fixture } = await attack({ orders: 'endless-pages' }, { maxStorePagesPerRun: 25 }, { hostileMs: 30_000 });
    expect(history).toMatch(
      /Stopped reading Hostile Store after 25 pages of orders, the most one run reads from a store \(maxStorePagesPerRun\); the next run continues/,
    );
    expect(hostile.orderListings).toHaveLength(25);
    const [saved] = await database.db.select().from(stores).where(eq(stores.id, fixture.main.id));
    expect(saved.pullCursorModifiedGmt).not.toBeNull();
    const next = await syncWorkspace(database.db, fixture.workspace.id, {
      trigger: 'cli',
      tuning: { ...FAST_TUNING, maxStorePagesPerRun: 2 },
    });
    expect(next.status).not.toBe('already_running');
    const resumedFrom = Date.parse(`${hostile.orderListings[25].get('modified_after')}Z`);
    expect(resumedFrom).toBe(saved.pullCursorModifiedGmt!.getTime() - 1_000);
  }, 60_000);

  it("sends endless pages to a run that goes in many slices: the page budget is the run's, not each slice's", async () => {
    const { history, hostile, run } = await attack(
      { orders: 'endless-pages' },
      { maxStorePagesPerRun: 25, sliceBudgetMs: 1 },
      { hostileMs: 30_000 },
    );
    expect(history).toMatch(/Stopped reading Hostile Store after 25 pages of orders/);
    expect(hostile.orderListings).toHaveLength(25);
    expect(run.status).toBe('partial');
  }, 60_000);

  it('ignores page and modified_after, sending the same full page forever with nonsense X-WP-TotalPages (abc, -1, 1e9)', async () => {
    const { history, hostile } = await attack({ orders: 'same-page-forever' }, {}, { hostileMs: 15_000 });
    expect(history).toMatch(
      /Stopped reading Hostile Store: asked for page \d+, it sent the same orders as page \d+ \(its paging does not advance\)/,
    );
    expect(hostile.orderListings.length).toBeLessThanOrEqual(3);
  }, 60_000);

  it('answers the SKU lookup with endless full pages of other SKUs and X-WP-TotalPages: abc / 1e9', async () => {
    const { history } = await attack({ orders: 'none', products: 'endless' }, {}, { hostileMs: 15_000 }, { subOrders: 2 });
    expect(history).toMatch(
      /Could not sync to Hostile Store: GET products on 127\.0\.0\.1:\d+ kept sending full pages past the \d+ SKU\(s\) asked for/,
    );
  }, 60_000);

  it('answers the customer directory with endless pages of new accounts and X-WP-TotalPages: abc / 1e9', async () => {
    const { history, hostile } = await attack(
      { orders: 'none', customers: 'endless' },
      { maxStorePagesPerRun: 40 },
      { hostileMs: 20_000 },
      { settings: { customerEmailPolicy: 'allow' }, subOrders: 2 },
    );
    expect(history).toMatch(
      /Could not read Hostile Store's customer accounts \(Stopped listing customer accounts on Hostile Store: it already sent 40 pages this run \(maxStorePagesPerRun\)/,
    );
    expect(hostile.requests).toBeLessThan(80);
  }, 60_000);

  it('sends orders that are not orders (null, a string id, a number)', async () => {
    const { history, run } = await attack({ orders: 'unreadable-orders' }, {}, { hostileMs: 15_000 }, { subOrders: 1 });
    expect(history).toMatch(/Could not read orders from Hostile Store: Hostile Store sent an order that cannot be read/);
    // Only that store failed: the substore was still read.
    expect(run.status).toBe('partial');
    expect(run.counts.pulled).toBe(1);
  }, 60_000);

  it('sends an order whose status, currency and total are not text', async () => {
    const { history, run } = await attack({ orders: 'odd-typed-orders' }, {}, { hostileMs: 15_000 }, { subOrders: 1 });
    expect(history).toMatch(
      /Could not read orders from Hostile Store: Hostile Store sent an order that cannot be read: .*status is not text/,
    );
    expect(run.status).toBe('partial');
    expect(run.counts.pulled).toBe(1);
  }, 60_000);

  it('trickles its order listing one byte a second', async () => {
    const tuning = { responseTimeoutMs: 2_000, requestDeadlineMs: 3_000 };
    const { history } = await attack({ orders: 'trickle' }, tuning, { hostileMs: 6_000 });
    expect(history).toMatch(/Could not read orders from Hostile Store: GET orders failed: the store did not answer within [\d.]+ s/);
    // The same holds with the defaults, only slower: one attempt ends at 60 s however the bytes come, a read with its retries at 120 s.
    expect(DEFAULT_SYNC_TUNING.responseTimeoutMs).toBe(60_000);
    expect(DEFAULT_SYNC_TUNING.requestDeadlineMs).toBe(120_000);
  }, 60_000);
});

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
