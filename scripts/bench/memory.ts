import { startSimulator } from '@/simulator';
import { createSyncWorkspace, endpointOf, updateStoreForTest } from '@/tests/support/sync-fixtures';
import { createBenchDatabase } from './bench-db';
import { runSyncInChild } from './run-child';

export type MemoryReport = {
  orders: number;
  peakRssMb: number;
  peakRssMbAtTenth?: number;
  startRssMb: number;
  pulled: number;
  wallMs: number;
  requests: number;
};

/**
 * A main store with `orders` new orders and an empty substore that does not receive main-store orders:
 * the run only pulls and indexes. (The substore sends to main, so the main store is a push target and the
 * run waits for its pull: a run with no target does not wait for its pulls — reported to the lead.)
 * The engine runs in a child process (the simulator's own 100,000 orders stay in this one), so its peak
 * RSS is clean.
 */
export async function benchMemory(options: { orders: number; pglite: boolean; log: (line: string) => void }): Promise<MemoryReport> {
  options.log(`memory: a ${options.orders}-order pull in a child process`);
  const sim = await startSimulator({
    stores: [
      { name: 'main', seed: 9 },
      { name: 'sub', seed: 10 },
    ],
  });
  const database = await createBenchDatabase({ pglite: options.pglite });
  try {
    const main = sim.store('main');
    const startAt = Date.now() - 60_000 - options.orders * 250;
    main.seedOrders(options.orders, { startAt, spacingMs: 250 });
    const handle = await database.open();
    const fixture = await createSyncWorkspace(handle.db, {
      main: endpointOf(main),
      subs: [endpointOf(sim.store('sub'))],
      settings: { syncStartAt: new Date(startAt - 60_000) },
    });
    await updateStoreForTest(handle.db, fixture.subs[0].id, { receivesMainOrders: false, sendsOrdersToMain: true });
    await handle.close();
    const child = await runSyncInChild({ target: database.target, workspaceId: fixture.workspace.id });
    const pulled = (child.counts as { pulled?: number }).pulled ?? 0;
    if (pulled !== options.orders)
      throw new Error(`Memory run pulled ${pulled} of ${options.orders} orders (${child.status}: ${child.errors.join('; ')})`);
    options.log(`  peak RSS ${child.peakRssMb} MB (at start ${child.startRssMb} MB), ${child.wallMs} ms`);
    return {
      orders: options.orders,
      peakRssMb: child.peakRssMb,
      startRssMb: child.startRssMb,
      pulled,
      wallMs: child.wallMs,
      requests: main.requestCount + sim.store('sub').requestCount,
    };
  } finally {
    await sim.close();
    await database.drop();
  }
}
