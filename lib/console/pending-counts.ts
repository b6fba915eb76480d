import type { Db } from '../../db/client';
import { lastSyncFinishedAt } from '../data/pending-counts';
import { pendingCounts, type PendingCounts } from '../sync/pending';
import { createVersionedCache, type VersionedCache } from '../cache/versioned-cache';

/** How long the console may show counts taken while a sync is still changing them. */
export const PENDING_COUNTS_MAX_AGE_MS = 5_000;
const MAX_WORKSPACES = 1_000;

const globalCache = globalThis as unknown as { orderbridgePendingCounts?: VersionedCache<PendingCounts> };
const cache = (globalCache.orderbridgePendingCounts ??= createVersionedCache<PendingCounts>({ ttlMs: PENDING_COUNTS_MAX_AGE_MS, maxEntries: MAX_WORKSPACES }));

/**
 * The pending notice's counts, shared by every page load of a workspace in this process. They are counted
 * again as soon as another sync has finished (the version is the last run's end, one index probe), and at
 * least every 5 s while nothing finishes, e.g. while a run is going or after a store was removed.
 */
export async function consolePendingCounts(db: Db, workspaceId: string): Promise<PendingCounts> {
  const finishedAt = await lastSyncFinishedAt(db, workspaceId);
  return cache.get(workspaceId, finishedAt?.getTime() ?? 0, () => pendingCounts(db, workspaceId));
}
