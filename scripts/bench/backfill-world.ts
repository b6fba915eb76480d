import { startSimulator, type CostModel, type Simulator, type StoreHandle } from '@/simulator';
import type { BenchDatabase } from './bench-db';
import { createSyncWorkspace, endpointOf, type SyncWorkspaceFixture, type SyncWorkspaceSettings } from '@/tests/support/sync-fixtures';

export type BackfillShape = { mainOrders: number; subOrders: number; subs: number; cost: Partial<CostModel> };

export type BackfillWorld = {
  sim: Simulator;
  main: StoreHandle;
  subs: StoreHandle[];
  /** Orders seeded on each store (all created after the sync start, so all are to be copied). */
  seeded: Map<string, number>;
  syncStartAt: Date;
  close: () => Promise<void>;
};

const ORDER_SPACING_MS = 1_000;

/** A main store with `mainOrders` and substores sharing `subOrders`, all new since the sync start. */
export async function startBackfillWorld(shape: BackfillShape): Promise<BackfillWorld> {
  const names = ['main', ...Array.from({ length: shape.subs }, (_, i) => `sub-${String.fromCharCode(97 + i)}`)];
  const sim = await startSimulator({ stores: names.map((name, index) => ({ name, seed: 100 + index, cost: shape.cost })) });
  const [main, ...subs] = sim.stores;
  const newest = Date.now() - 60_000;
  const startAt = newest - shape.mainOrders * ORDER_SPACING_MS;
  const seeded = new Map<string, number>();
  main.seedOrders(shape.mainOrders, { startAt, spacingMs: ORDER_SPACING_MS, seed: 11 });
  seeded.set(main.name, shape.mainOrders);
  subs.forEach((sub, index) => {
    const count = Math.floor(shape.subOrders / shape.subs) + (index < shape.subOrders % shape.subs ? 1 : 0);
    sub.seedOrders(count, { startAt: newest - count * ORDER_SPACING_MS, spacingMs: ORDER_SPACING_MS, seed: 20 + index });
    seeded.set(sub.name, count);
  });
  return { sim, main, subs, seeded, syncStartAt: new Date(startAt - 60_000), close: () => sim.close() };
}

export async function connectWorkspace(
  database: BenchDatabase,
  world: BackfillWorld,
  settings: SyncWorkspaceSettings,
): Promise<SyncWorkspaceFixture> {
  const handle = await database.open();
  try {
    return await createSyncWorkspace(handle.db, {
      main: endpointOf(world.main),
      subs: world.subs.map((s) => endpointOf(s)),
      settings: { syncStartAt: world.syncStartAt, ...settings },
    });
  } finally {
    await handle.close();
  }
}

export function resetRequestCounters(world: BackfillWorld): void {
  for (const store of world.sim.stores) store.requests.reset();
}

export function requestsByStore(world: BackfillWorld): Record<string, Record<string, number>> {
  return Object.fromEntries(world.sim.stores.map((s) => [s.name, s.requests.byRoute()]));
}

export function totalRequests(world: BackfillWorld): number {
  return world.sim.stores.reduce((sum, s) => sum + s.requestCount, 0);
}

/** Distinct SKUs across the orders a target receives, as the engine asks for them (100 a request). */
export function skuLookupsFor(sources: StoreHandle[]): number {
  const skus = new Set<string>();
  for (const source of sources)
    for (const order of source.orders.all()) for (const line of order.line_items) if (line.sku) skus.add(line.sku);
  return Math.ceil(skus.size / 100);
}
