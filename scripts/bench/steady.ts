import { and, eq, inArray } from 'drizzle-orm';
import { orderEvents, orders } from '@/db/schema';
import { syncWorkspace, type SyncTuning } from '@/lib/sync';
import { startSimulator, type CostModel, type StoreHandle } from '@/simulator';
import { SYNC_WORKSPACE_GLOBAL_CONCURRENCY } from '@/inngest/functions/sync-workspace';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { createBenchDatabase } from './bench-db';
import { forEachLimited, percentile, round } from './stats';

export type SteadyReport = {
  workspaces: number;
  ordersPerTick: number;
  ticks: number;
  copies: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  tickWallMs: number[];
};

/**
 * Each workspace has its own main store and substore (copies must not cross workspaces). Per tick every
 * main store takes `ordersPerTick` checkouts, then the fleet tick runs at the app's concurrency. Latency is
 * from an order's checkout to the engine recording its copy (the `created` event, written right after the
 * store's batch answer), so it leaves out the wait for the next tick (up to the 5-minute schedule).
 */
export async function benchSteady(options: {
  workspaces: number;
  ordersPerTick: number;
  ticks: number;
  cost: Partial<CostModel>;
  tuning: Partial<SyncTuning>;
  pglite: boolean;
  log: (line: string) => void;
}): Promise<SteadyReport> {
  options.log(`steady: ${options.workspaces} workspaces × ${options.ordersPerTick} new orders per tick, ${options.ticks} ticks`);
  const stores = Array.from({ length: options.workspaces }, (_, i) => [
    { name: `main-${i}`, seed: 1000 + i, cost: options.cost },
    { name: `sub-${i}`, seed: 5000 + i, cost: options.cost },
  ]).flat();
  const sim = await startSimulator({ stores });
  const database = await createBenchDatabase({ pglite: options.pglite });
  const handle = await database.open();
  try {
    const syncStartAt = new Date(Date.now() - 60_000);
    const fleet: Array<{ main: StoreHandle; workspaceId: string; mainStoreId: string }> = [];
    for (let i = 0; i < options.workspaces; i += 1) {
      const main = sim.store(`main-${i}`);
      const fixture = await createSyncWorkspace(handle.db, {
        main: endpointOf(main),
        subs: [endpointOf(sim.store(`sub-${i}`))],
        settings: { syncStartAt },
      });
      fleet.push({ main, workspaceId: fixture.workspace.id, mainStoreId: fixture.main.id });
    }
    const runTick = async () => {
      const created = new Map<string, number>();
      for (const { main, mainStoreId } of fleet) {
        for (let n = 0; n < options.ordersPerTick; n += 1) created.set(`${mainStoreId}:${main.createOrderDirectly().id}`, Date.now());
      }
      const started = performance.now();
      await forEachLimited(fleet, SYNC_WORKSPACE_GLOBAL_CONCURRENCY, async ({ workspaceId }) => {
        await syncWorkspace(handle.db, workspaceId, { trigger: 'schedule', tuning: options.tuning });
      });
      return { created, wallMs: Math.round(performance.now() - started) };
    };
    await runTick(); // warm-up: each substore's batch size is learned on its first batch
    const latencies: number[] = [];
    const tickWallMs: number[] = [];
    for (let t = 0; t < options.ticks; t += 1) {
      const { created, wallMs } = await runTick();
      tickWallMs.push(wallMs);
      const recorded = await handle.db
        .select({ storeId: orders.storeId, remoteId: orders.remoteId, at: orderEvents.at })
        .from(orderEvents)
        .innerJoin(orders, eq(orders.id, orderEvents.orderId))
        .where(
          and(
            eq(orderEvents.kind, 'created'),
            inArray(
              orders.storeId,
              fleet.map((f) => f.mainStoreId),
            ),
          ),
        );
      for (const row of recorded) {
        const at = created.get(`${row.storeId}:${row.remoteId}`);
        if (at !== undefined) latencies.push(row.at.getTime() - at);
      }
      options.log(`  tick ${t + 1}: ${wallMs} ms`);
    }
    const expected = options.workspaces * options.ordersPerTick * options.ticks;
    if (latencies.length !== expected) throw new Error(`Steady state: ${latencies.length} of ${expected} orders were copied`);
    return {
      workspaces: options.workspaces,
      ordersPerTick: options.ordersPerTick,
      ticks: options.ticks,
      copies: latencies.length,
      p50Ms: round(percentile(latencies, 50), 0),
      p95Ms: round(percentile(latencies, 95), 0),
      maxMs: round(Math.max(...latencies), 0),
      tickWallMs,
    };
  } finally {
    await handle.close();
    await sim.close();
    await database.drop();
  }
}
