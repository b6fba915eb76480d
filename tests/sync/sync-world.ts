import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startSimulator, type Simulator, type StoreOptions } from '@/simulator';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { createSyncWorkspace, endpointOf, type SyncWorkspaceFixture, type SyncWorkspaceSettings } from '@/tests/support/sync-fixtures';
import type { SyncTuning } from '@/lib/sync';

/** Timings for tests: quick retries, no grace for unfinished claims (the simulator answers at once). */
export const FAST_TUNING: Partial<SyncTuning> = {
  retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 40 },
  connectTimeoutMs: 2_000,
  responseTimeoutMs: 5_000,
  batchTimeoutMs: 5_000,
  staleClaimGraceMs: 0,
  leaseWaitMs: 300,
  leasePollMs: 25,
};

export type SyncWorld = { sim: Simulator; fixture: SyncWorkspaceFixture; close: () => Promise<void> };

/** A simulator with a main store and substores, and a workspace connected to them. */
export async function startSyncWorld(
  database: TestDatabase,
  options: { subs?: Array<Partial<StoreOptions>>; main?: Partial<StoreOptions>; settings?: SyncWorkspaceSettings; connectedAt?: Date } = {},
): Promise<SyncWorld> {
  const subs = options.subs ?? [{}, {}];
  const sim = await startSimulator({
    stores: [{ name: 'Main Store', ...options.main }, ...subs.map((s, i) => ({ name: `Substore ${String.fromCharCode(65 + i)}`, ...s }))],
  });
  const [main, ...subStores] = sim.stores;
  const fixture = await createSyncWorkspace(database.db, {
    main: endpointOf(main, options.main?.currency ?? 'USD'),
    subs: subStores.map((s, i) => endpointOf(s, subs[i]?.currency ?? 'USD')),
    settings: { syncStartAt: new Date(Date.now() - 3600_000), ...options.settings },
    connectedAt: options.connectedAt,
  });
  return { sim, fixture, close: () => sim.close() };
}

export { createTestDatabase };

type SyncWorldHandle = { readonly database: TestDatabase; readonly world: SyncWorld };
type Hook = (fn: () => Promise<void>) => void;

function syncWorldWith(setUp: Hook, tearDown: Hook, options: Parameters<typeof startSyncWorld>[1]): SyncWorldHandle {
  const current = {} as { database: TestDatabase; world: SyncWorld };
  setUp(async () => {
    current.database = await createTestDatabase();
    current.world = await startSyncWorld(current.database, options);
  });
  tearDown(async () => {
    await current.world?.close();
    await current.database?.drop();
  });
  return current;
}

/** A fresh database and simulator world for every test of the calling describe block. */
export function freshSyncWorldPerTest(options: Parameters<typeof startSyncWorld>[1] = {}): SyncWorldHandle {
  return syncWorldWith(beforeEach, afterEach, options);
}

/** One database and simulator world that the tests of the calling describe block share, in order. */
export function sharedSyncWorld(options: Parameters<typeof startSyncWorld>[1] = {}): SyncWorldHandle {
  return syncWorldWith(beforeAll, afterAll, options);
}
