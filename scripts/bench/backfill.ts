import { REAL_STORE_COST, type CostModel } from '@/simulator';
import type { SyncTuning } from '@/lib/sync';
import { stores } from '@/db/schema';
import { createBenchDatabase, type BenchDatabase } from './bench-db';
import type { StoreHandle } from '@/simulator';
import {
  connectWorkspace,
  requestsByStore,
  resetRequestCounters,
  skuLookupsFor,
  startBackfillWorld,
  totalRequests,
  type BackfillShape,
  type BackfillWorld,
} from './backfill-world';
import { largestBatch, lowerBoundRequests, lowerBoundWallMs, type StoreWork } from './lower-bound';
import { naiveBackfill } from './naive-sync';
import { runSyncInChild } from './run-child';
import type { SyncWorkspaceSettings } from '@/tests/support/sync-fixtures';

export type BackfillOptions = BackfillShape & {
  /** Share of the copies the naive run makes; its time and requests are extrapolated from it when < 1. */
  naiveSample: number;
  pglite: boolean;
  tuning?: Partial<SyncTuning>;
  log: (line: string) => void;
};

export type EngineBackfill = {
  requests: number;
  byStore: Record<string, Record<string, number>>;
  wallMs: number;
  queries: number;
  peakRssMb: number;
  status: string;
  copiesOnStores: number;
  errors: string[];
  batchSizes: Record<string, number | null>;
  firstCopyMs: number | null;
  inFlight: InFlightSample;
  slices: number;
};

/** Requests at work on the substores while the engine ran: the mean over samples where any was, and the peak. */
export type InFlightSample = { mean: number; peak: number };

/** The same backfill against stores whose 4 workers share 2 cores, as the measured store's host did. */
export type SharedCoresReport = {
  cores: number;
  requests: number;
  lowerBoundRequests: number;
  requestRatio: number;
  wallMs: number;
  lowerBoundWallMs: number;
  wallRatio: number;
  batchSizesLearned: Record<string, number | null>;
  substoreInFlight: InFlightSample;
};

const SHARED_CORES = 2;

export type BackfillReport = {
  orders: number;
  copies: number;
  requests: number;
  lowerBoundRequests: number;
  requestRatio: number;
  requestsPerOrder: number;
  wallMs: number;
  lowerBoundWallMs: number;
  wallRatio: number;
  ordersPerSecond: number;
  naiveRequests: number;
  naiveWallMs: number;
  naiveRequestRatio: number;
  naiveWallRatio: number;
  naiveSample: number;
  naiveMeasuredCopies: number;
  dbQueriesPerOrder: number;
  peakRssMb: number;
  /** The same backfill with the opt-in private note on every copy (`addCopyNote`): one more request per copy. */
  requestsWithNotes: number;
  wallMsWithNotes: number;
  largestBatch: number;
  batchSizesLearned: Record<string, number | null>;
  firstCopyMs: number | null;
  /** Slices the engine's run took, each with Inngest's 240 s budget scaled like the stores. */
  slices: number;
  costScale: number;
  requestsByStore: Record<string, Record<string, number>>;
  lowerBoundByStore: StoreWork[];
  substoreInFlight: InFlightSample;
  sharedCores: SharedCoresReport;
};

/** The headline runs use the workspace defaults: provenance rides in each copy's meta, no note per copy. */
const DEFAULTS: SyncWorkspaceSettings = {};
/** The opt-in note on every copy, reported beside the headline: WooCommerce cannot add notes in a batch. */
const WITH_NOTES: SyncWorkspaceSettings = { addCopyNote: true };

export async function benchBackfill(options: BackfillOptions): Promise<BackfillReport> {
  const cost: CostModel = { ...REAL_STORE_COST, ...options.cost };
  options.log(
    `backfill: engine with default settings, ${options.mainOrders} main orders → ${options.subs} substores, ${options.subOrders} substore orders → main, cost × ${cost.scale}`,
  );
  const engine = await engineBackfill(options, DEFAULTS);
  options.log(`backfill: engine with a private note on every copy (opt-in)`);
  const withNotes = await engineBackfill(options, WITH_NOTES);
  options.log(`backfill: engine against stores whose ${cost.workers} workers share ${SHARED_CORES} cores`);
  const sharedCost: CostModel = { ...cost, sharedCores: SHARED_CORES };
  const shared = await engineBackfill({ ...options, cost: { ...options.cost, sharedCores: SHARED_CORES } }, DEFAULTS);
  // Their throughput is that of as many workers as cores: the bound divides the work by that.
  const sharedBoundCost: CostModel = { ...sharedCost, workers: Math.min(cost.workers, SHARED_CORES) };
  options.log(`backfill: naive, one POST /orders per copy, one at a time`);
  const orders = options.mainOrders + options.subOrders;
  const copies = options.mainOrders * options.subs + options.subOrders;
  const naive = await naiveRun(options, copies);

  const work = engine.work;
  const lowerRequests = lowerBoundRequests(work, cost);
  const lowerWall = lowerBoundWallMs(work, cost);
  const sharedLowerRequests = lowerBoundRequests(shared.work, sharedBoundCost);
  const sharedLowerWall = lowerBoundWallMs(shared.work, sharedBoundCost);
  return {
    orders,
    copies,
    requests: engine.result.requests,
    lowerBoundRequests: lowerRequests,
    requestRatio: engine.result.requests / lowerRequests,
    requestsPerOrder: engine.result.requests / orders,
    wallMs: engine.result.wallMs,
    lowerBoundWallMs: Math.round(lowerWall),
    wallRatio: engine.result.wallMs / lowerWall,
    ordersPerSecond: copies / (engine.result.wallMs / 1000),
    naiveRequests: naive.requests,
    naiveWallMs: naive.wallMs,
    naiveRequestRatio: naive.requests / engine.result.requests,
    naiveWallRatio: naive.wallMs / engine.result.wallMs,
    naiveSample: options.naiveSample,
    naiveMeasuredCopies: naive.measuredCopies,
    dbQueriesPerOrder: engine.result.queries / copies,
    peakRssMb: engine.result.peakRssMb,
    requestsWithNotes: withNotes.result.requests,
    wallMsWithNotes: withNotes.result.wallMs,
    largestBatch: largestBatch(cost),
    batchSizesLearned: engine.result.batchSizes,
    firstCopyMs: engine.result.firstCopyMs,
    slices: engine.result.slices,
    costScale: cost.scale,
    requestsByStore: engine.result.byStore,
    lowerBoundByStore: work,
    substoreInFlight: engine.result.inFlight,
    sharedCores: {
      cores: SHARED_CORES,
      requests: shared.result.requests,
      lowerBoundRequests: sharedLowerRequests,
      requestRatio: shared.result.requests / sharedLowerRequests,
      wallMs: shared.result.wallMs,
      lowerBoundWallMs: Math.round(sharedLowerWall),
      wallRatio: shared.result.wallMs / sharedLowerWall,
      batchSizesLearned: shared.result.batchSizes,
      substoreInFlight: shared.result.inFlight,
    },
  };
}

async function engineBackfill(
  options: BackfillOptions,
  settings: SyncWorkspaceSettings,
): Promise<{ result: EngineBackfill; work: StoreWork[] }> {
  const world = await startBackfillWorld(options);
  const database = await createBenchDatabase({ pglite: options.pglite });
  try {
    const fixture = await connectWorkspace(database, world, settings);
    const work = storeWork(world, options);
    const before = countOrders(world);
    resetRequestCounters(world);
    const sampler = sampleInFlight(world.subs);
    const child = await runSyncInChild({ target: database.target, workspaceId: fixture.workspace.id, tuning: options.tuning });
    const inFlight = sampler.stop();
    const result: EngineBackfill = {
      requests: totalRequests(world),
      byStore: requestsByStore(world),
      wallMs: child.wallMs,
      queries: child.queries,
      peakRssMb: child.peakRssMb,
      status: child.status,
      copiesOnStores: countOrders(world) - before,
      errors: child.errors,
      batchSizes: await learnedBatchSizes(database),
      firstCopyMs: child.firstCopyMs,
      inFlight,
      slices: child.slices,
    };
    const expected = options.mainOrders * options.subs + options.subOrders;
    if (result.copiesOnStores !== expected || child.status !== 'succeeded') {
      throw new Error(
        `The engine's backfill did not finish cleanly: ${result.copiesOnStores} of ${expected} copies, status ${child.status}, ${child.errors.join('; ')}`,
      );
    }
    if (child.requests !== result.requests)
      options.log(`  note: the engine counted ${child.requests} requests, the stores ${result.requests}`);
    options.log(`  batch sizes learned: ${JSON.stringify(result.batchSizes)}`);
    options.log(
      `  ${result.requests} requests in ${result.wallMs} ms over ${result.slices} slice(s) (first copy at ${result.firstCopyMs} ms), ${result.queries} queries, peak RSS ${result.peakRssMb} MB, substore requests in flight: mean ${result.inFlight.mean}, peak ${result.inFlight.peak}`,
    );
    return { result, work };
  } finally {
    await world.close();
    await database.drop();
  }
}

/**
 * One listing request per page plus one POST per copy, by definition of the naive way; the time of the
 * copies not made (sample < 1) is extrapolated from the measured time per copy.
 */
async function naiveRun(
  options: BackfillOptions,
  copiesWanted: number,
): Promise<{ requests: number; wallMs: number; measuredCopies: number; measuredRequests: number }> {
  const world = await startBackfillWorld(options);
  try {
    resetRequestCounters(world);
    const outcome = await naiveBackfill(world.main, world.subs, world.syncStartAt, options.naiveSample);
    const measuredRequests = totalRequests(world);
    const requests = outcome.listRequests + copiesWanted;
    const wallMs = Math.round(outcome.listMs + (outcome.copyMs / outcome.copies) * copiesWanted);
    options.log(
      `  ${outcome.copies} copies made, ${measuredRequests} requests, ${Math.round(outcome.listMs + outcome.copyMs)} ms` +
        (outcome.copies < copiesWanted ? ` → extrapolated to ${copiesWanted} copies: ${requests} requests, ${wallMs} ms` : ''),
    );
    return { requests, wallMs, measuredCopies: outcome.copies, measuredRequests };
  } finally {
    await world.close();
  }
}

/** Samples each substore's requests at work every 10 ms (the simulator runs in this process). */
function sampleInFlight(stores: StoreHandle[]): { stop: () => InFlightSample } {
  let sum = 0;
  let samples = 0;
  let peak = 0;
  const timer = setInterval(() => {
    for (const store of stores) {
      const active = store.store.workers.active;
      peak = Math.max(peak, active);
      if (active === 0) continue;
      sum += active;
      samples += 1;
    }
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return { mean: samples === 0 ? 0 : Math.round((sum / samples) * 100) / 100, peak };
    },
  };
}

/** What each store has to do in this backfill: the input to the lower bound. */
function storeWork(world: BackfillWorld, options: BackfillShape): StoreWork[] {
  const main: StoreWork = {
    name: world.main.name,
    changedOrders: world.seeded.get(world.main.name) ?? 0,
    copiesToCreate: options.subOrders,
    skuLookups: skuLookupsFor(world.subs),
  };
  const mainSkuLookups = skuLookupsFor([world.main]);
  const subs = world.subs.map((sub) => ({
    name: sub.name,
    changedOrders: world.seeded.get(sub.name) ?? 0,
    copiesToCreate: options.mainOrders,
    skuLookups: mainSkuLookups,
  }));
  return [main, ...subs];
}

function countOrders(world: BackfillWorld): number {
  return world.sim.stores.reduce((sum, s) => sum + s.orders.count, 0);
}

async function learnedBatchSizes(database: BenchDatabase): Promise<Record<string, number | null>> {
  const handle = await database.open();
  try {
    const rows = await handle.db.select({ name: stores.name, batchSize: stores.batchSize }).from(stores);
    return Object.fromEntries(rows.map((r) => [r.name, r.batchSize]));
  } finally {
    await handle.close();
  }
}
