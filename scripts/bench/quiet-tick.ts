import { queryCounter } from '@/db/query-counter';
import { syncWorkspace, type SyncTuning } from '@/lib/sync';
import { startSimulator, type CostModel } from '@/simulator';
import { SYNC_WORKSPACE_GLOBAL_CONCURRENCY } from '@/inngest/functions/sync-workspace';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { createBenchDatabase } from './bench-db';
import { forEachLimited, round } from './stats';

export type QuietTickReport = {
  workspaces: number;
  stores: number;
  requestsPerStore: number;
  queriesPerWorkspace: number;
  wallMs: number;
  fleetConcurrency: number;
  statuses: Record<string, number>;
};

const HISTORY_ORDERS = 500;

/**
 * Every workspace points at the same main store and substores (one simulator, three stores), which hold
 * only history: each workspace's pull of each store finds nothing new. Run at the app's fleet concurrency.
 */
export async function benchQuietTick(options: {
  workspaces: number;
  storesPerWorkspace: number;
  cost: Partial<CostModel>;
  tuning: Partial<SyncTuning>;
  pglite: boolean;
  log: (line: string) => void;
}): Promise<QuietTickReport> {
  options.log(`quiet tick: ${options.workspaces} workspaces × ${options.storesPerWorkspace} stores, nothing new`);
  const names = ['main', ...Array.from({ length: options.storesPerWorkspace - 1 }, (_, i) => `sub-${String.fromCharCode(97 + i)}`)];
  const sim = await startSimulator({ stores: names.map((name, index) => ({ name, seed: 300 + index, cost: options.cost })) });
  const database = await createBenchDatabase({ pglite: options.pglite });
  const handle = await database.open();
  try {
    const syncStartAt = new Date(Date.now() - 60_000);
    for (const store of sim.stores) store.seedOrders(HISTORY_ORDERS, { startAt: syncStartAt.getTime() - 86_400_000, spacingMs: 60_000 });
    const [main, ...subs] = sim.stores;
    const ids: string[] = [];
    for (let i = 0; i < options.workspaces; i += 1) {
      const fixture = await createSyncWorkspace(handle.db, {
        main: endpointOf(main),
        subs: subs.map((s) => endpointOf(s)),
        settings: { syncStartAt },
      });
      ids.push(fixture.workspace.id);
    }
    const tick = async () => {
      const statuses: Record<string, number> = {};
      await forEachLimited(ids, SYNC_WORKSPACE_GLOBAL_CONCURRENCY, async (id) => {
        const result = await syncWorkspace(handle.db, id, { trigger: 'schedule', tuning: options.tuning });
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      });
      return statuses;
    };
    await tick(); // warm-up: connections, prepared plans; the tick measured is the second
    for (const store of sim.stores) store.requests.reset();
    queryCounter.reset();
    const started = performance.now();
    const statuses = await tick();
    const wallMs = Math.round(performance.now() - started);
    const requests = sim.stores.reduce((sum, s) => sum + s.requestCount, 0);
    const storeCount = options.workspaces * options.storesPerWorkspace;
    const report: QuietTickReport = {
      workspaces: options.workspaces,
      stores: storeCount,
      requestsPerStore: round(requests / storeCount, 3),
      queriesPerWorkspace: round(queryCounter.count / options.workspaces, 2),
      wallMs,
      fleetConcurrency: SYNC_WORKSPACE_GLOBAL_CONCURRENCY,
      statuses,
    };
    options.log(`  ${requests} requests, ${queryCounter.count} queries, ${wallMs} ms`);
    return report;
  } finally {
    await handle.close();
    await sim.close();
    await database.drop();
  }
}
