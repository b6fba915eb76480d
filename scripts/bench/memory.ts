import { startSimulator } from '../../lib/woo-simulator';
import { createSyncWorkspace, endpointOf } from '../../tests/support/sync-fixtures';
import { createBenchDatabase } from './bench-db';
import { runSyncInChild } from './run-child';

export type MemoryReport = { orders: number; peakRssMb: number; startRssMb: number; pulled: number; wallMs: number; requests: number };

/**
 * A main store with `orders` new orders and nothing else: the run only pulls and indexes them. The engine
 * runs in a child process (the simulator's own 100,000 orders stay in this one), so its peak RSS is clean.
 */
export async function benchMemory(options: { orders: number; pglite: boolean; log: (line: string) => void }): Promise<MemoryReport> {
  options.log(`memory: a ${options.orders}-order pull in a child process`);
  const sim = await startSimulator({ stores: [{ name: 'main', seed: 9 }] });
  const database = await createBenchDatabase({ pglite: options.pglite });
  try {
    const main = sim.store('main');
    const startAt = Date.now() - 60_000 - options.orders * 250;
    main.seedOrders(options.orders, { startAt, spacingMs: 250 });
    const handle = await database.open();
    const fixture = await createSyncWorkspace(handle.db, { main: endpointOf(main), subs: [], settings: { syncStartAt: new Date(startAt - 60_000) } });
    await handle.close();
    const child = await runSyncInChild({ target: database.target, workspaceId: fixture.workspace.id });
    const pulled = (child.counts as { pulled?: number }).pulled ?? 0;
    if (pulled !== options.orders) throw new Error(`Memory run pulled ${pulled} of ${options.orders} orders (${child.status}: ${child.errors.join('; ')})`);
    options.log(`  peak RSS ${child.peakRssMb} MB (at start ${child.startRssMb} MB), ${child.wallMs} ms`);
    return { orders: options.orders, peakRssMb: child.peakRssMb, startRssMb: child.startRssMb, pulled, wallMs: child.wallMs, requests: main.requestCount };
  } finally {
    await sim.close();
    await database.drop();
  }
}
