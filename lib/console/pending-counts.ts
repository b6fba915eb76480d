import type { Db } from '@/db/client';
import { countPendingOrders, storeCountsState, type PendingCounts } from '@/lib/data/pending-counts';
import { lastSyncFinishedAt } from '@/lib/data/sync-runs';
import { createVersionedCache } from '@/lib/cache/versioned-cache';
import { countWaitingOnStores, type WaitingOnStores } from '@/lib/sync/waiting-on-stores';
import { processSingleton } from '@/lib/utils/process-singleton';

/** How long the console may show counts taken while a sync is still changing them. */
export const PENDING_COUNTS_MAX_AGE_MS = 5_000;
const MAX_WORKSPACES = 1_000;

const cache = processSingleton('orderbridgePendingCounts', () =>
  createVersionedCache<PendingCounts>({ ttlMs: PENDING_COUNTS_MAX_AGE_MS, maxEntries: MAX_WORKSPACES }),
);

/**
 * The pending notice's counts, shared by every page load of a workspace in this process. They are counted
 * again as soon as another sync has finished (the version is the last run's end, one index probe), and at
 * least every 5 s while nothing finishes, e.g. while a run is going or after a store was removed.
 */
export async function consolePendingCounts(db: Db, workspaceId: string): Promise<PendingCounts> {
  const finishedAt = await lastSyncFinishedAt(db, workspaceId);
  return cache.get(workspaceId, finishedAt?.getTime() ?? 0, () => countPendingOrders(db, workspaceId));
}

/** How long a count of what waits on the stores is shown before the stores are asked again. */
export const WAITING_ON_STORES_MAX_AGE_MS = 30_000;

const waitingCache = processSingleton('orderbridgeWaitingOnStores', () =>
  createVersionedCache<WaitingOnStores>({ ttlMs: WAITING_ON_STORES_MAX_AGE_MS, maxEntries: MAX_WORKSPACES }),
);

/**
 * What waits on the stores that no sync has read yet, asked of the stores at most once per workspace every
 * 30 s in this process, and again as soon as a sync finished or a cursor moved (the database then knows
 * some of those orders). Page loads in between share the answer, or the request already in flight. While a
 * run holds the workspace the stores are not asked ('running'): it is reading them, and the database's
 * counts grow as it does.
 */
export async function consoleWaitingOnStores(
  db: Db,
  workspaceId: string,
  options: Parameters<typeof countWaitingOnStores>[2] = {},
): Promise<WaitingOnStores | 'running'> {
  const state = await storeCountsState(db, workspaceId);
  if (state.running) return 'running';
  return waitingCache.get(workspaceId, state.version, () => countWaitingOnStores(db, workspaceId, options));
}
