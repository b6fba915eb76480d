import type { Db } from '@/db/client';
import type { Store, Workspace } from '@/db/schema';
import { listStoresForSync } from '@/lib/data/store-sync-state';
import { pendingSourcesByStore, recentCopiesOnStore } from '@/lib/data/waiting-exclusions';
import { getWorkspace } from '@/lib/data/workspaces';
import type { WooClient, WooQuery } from '@/lib/woo/client';
import { isWooRequestError, WooRequestError } from '@/lib/woo/errors';
import { ConcurrencyLimiter } from '@/lib/woo/limiter';
import { formatWooGmt } from '@/lib/woo/types';
import { log, logError } from '@/lib/log';
import { truncateToSecond } from './keyset-cursor';
import { syncStartFor, targetsOf, updatingDirections } from './link-planning';
import { clientForStore } from './store-client';
import { resolveTuning, type SyncTuning } from './tuning';
import { WorkspaceNotFoundError } from './sync-workspace';

export type WaitingOnStores = {
  /** New main-store orders not read yet: they wait to be copied to the substores. */
  fromMain: number;
  /** New or changed substore orders not read yet: they wait to go to the main store. */
  fromSubs: number;
  /** Stores that did not answer in time; their orders are in neither count. */
  unreachable: Array<{ storeId: string; name: string }>;
};

export const WAITING_LIMITS = {
  /** Stores asked at once for one workspace. */
  concurrency: 4,
  /** Everything asked of the stores for one count ends within this. */
  deadlineMs: 4_000,
  /** A count is a single short answer: `per_page=1&_fields=id`. */
  maxResponseBytes: 64_000,
  /** Ids sent in `exclude` (about 8 bytes each): the URL stays far below the 8 KB servers accept. */
  maxExcludedIds: 500,
  /** Copies written this long before the cursor are still left out, against clock differences with the store. */
  clockMarginMs: 10 * 60_000,
};

export type WaitingLimits = typeof WAITING_LIMITS;

/**
 * How many orders wait on the stores that the last sync has not read: one request per store for the
 * `X-WP-Total` of the orders after its sync cursor, the same filter the pull uses. What the database
 * already counts as pending and the copies Orderbridge wrote are left out, so added to the database's own
 * counts nothing is counted twice. A store that fails or is slow is named, never counted as 0.
 */
export async function countWaitingOnStores(
  db: Db,
  workspaceId: string,
  options: { tuning?: Partial<SyncTuning>; limits?: Partial<WaitingLimits> } = {},
): Promise<WaitingOnStores> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new WorkspaceNotFoundError(workspaceId);
  const limits = { ...WAITING_LIMITS, ...options.limits };
  const stores = (await listStoresForSync(db, workspaceId)).filter((s) => !s.paused);
  // Whether a store's new orders have somewhere to go now, as the run decides it.
  const asked = stores.filter((s) => targetsOf(s, stores).length > 0);
  const signal = AbortSignal.timeout(limits.deadlineMs);
  // One attempt, bounded by the whole count's deadline: a notice is not worth retrying a store for.
  const tuning = resolveTuning({
    ...options.tuning,
    storeConcurrency: 1,
    connectTimeoutMs: Math.min(options.tuning?.connectTimeoutMs ?? limits.deadlineMs, limits.deadlineMs),
    responseTimeoutMs: limits.deadlineMs,
    requestDeadlineMs: limits.deadlineMs,
    maxResponseBytes: limits.maxResponseBytes,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const limiter = new ConcurrencyLimiter(limits.concurrency);
  const pending = asked.length ? await pendingSourcesByStore(db, workspaceId, limits.maxExcludedIds) : new Map<string, number[]>();
  const result: WaitingOnStores = { fromMain: 0, fromSubs: 0, unreachable: [] };
  await Promise.all(
    asked.map((store) =>
      limiter.run(async () => {
        const request = await countRequest(db, workspace, store, pending.get(store.id) ?? [], limits);
        try {
          const count = await askStore(store, clientForStore(store, tuning, signal), request, signal);
          if (store.role === 'main') result.fromMain += count;
          else result.fromSubs += count;
        } catch (error) {
          // Whatever kept the store from answering (its credentials cannot be read, the SSRF guard refused it,
          // it timed out), the notice names it; only the database's own errors fail the whole count.
          if (isWooRequestError(error) || signal.aborted)
            log.info({ workspaceId, storeId: store.id, err: (error as Error).message }, 'pending notice: store did not answer its count');
          else logError('pending notice: could not ask a store for its count', error, { workspaceId, storeId: store.id }, 'warn');
          result.unreachable.push({ storeId: store.id, name: store.name });
        }
      }),
    ),
  );
  result.unreachable.sort((a, b) => asked.findIndex((s) => s.id === a.storeId) - asked.findIndex((s) => s.id === b.storeId));
  return result;
}

type CountRequest = { query: WooQuery; copiesNotListed: number };

/** The pull's filter from the store's cursor, minus what the database already counts and Orderbridge's own copies. */
async function countRequest(
  db: Db,
  workspace: Workspace,
  store: Store,
  pendingIds: number[],
  limits: WaitingLimits,
): Promise<CountRequest> {
  const cursor = store.pullCursorModifiedGmt ? truncateToSecond(store.pullCursorModifiedGmt) : null;
  // Orders created before the sync start are history: `after` is strictly after, in whole seconds.
  const notHistory = new Date(syncStartFor(workspace, store).getTime() - 1000);
  const copies = await recentCopiesOnStore(db, workspace.id, store.id, {
    cursor,
    since: cursor ? new Date(cursor.getTime() - limits.clockMarginMs) : null,
    limit: limits.maxExcludedIds - pendingIds.length,
  });
  const exclude = [...pendingIds, ...copies.remoteIds];
  // A changed main-store order waits only when substore copies follow their source; else only new ones do.
  const onlyNew = updatingDirections(store, workspace).length === 0;
  const query: WooQuery = {
    per_page: 1,
    _fields: 'id',
    dates_are_gmt: true,
    after: formatWooGmt(onlyNew && cursor && cursor > notHistory ? cursor : notHistory),
    modified_after: cursor && !onlyNew ? formatWooGmt(cursor) : undefined,
    exclude: exclude.length ? exclude.join(',') : undefined,
  };
  return { query, copiesNotListed: copies.notListed };
}

async function askStore(store: Store, client: WooClient, request: CountRequest, signal: AbortSignal): Promise<number> {
  const response = await client.request<unknown>('get', 'orders', { query: request.query, signal });
  const total = Number(response.headers['x-wp-total']);
  if (!Number.isInteger(total) || total < 0) {
    throw new WooRequestError(`${store.name} answered its order count without an X-WP-Total header`, {
      kind: 'permanent',
      code: 'NO_TOTAL',
    });
  }
  return Math.max(0, total - request.copiesNotListed);
}
