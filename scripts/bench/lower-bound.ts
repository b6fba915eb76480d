import { REAL_STORE_COST, type CostModel } from '@/simulator';

export const PAGE_SIZE = 100;
export const MAX_BATCH_ITEMS = 100;

/** What one store has to do in a run: changed orders to list, copies to create on it, SKU look-ups on it. */
export type StoreWork = { name: string; changedOrders: number; copiesToCreate: number; skuLookups: number };

/**
 * The largest batch the store's time limit lets through: the request's overhead plus one order's work
 * per item must fit. Without a limit, WooCommerce's cap of 100 items.
 */
export function largestBatch(cost: CostModel = REAL_STORE_COST): number {
  if (cost.timeLimitMs === null) return MAX_BATCH_ITEMS;
  return Math.max(1, Math.min(MAX_BATCH_ITEMS, Math.floor((cost.timeLimitMs - cost.overheadMs) / cost.perOrderWriteMs)));
}

/**
 * List pages: one per 100 changed orders, and one for a store with none (to learn that). No empty
 * confirming page: every answer carries X-WP-TotalPages, so a full last page is known to be the last.
 */
export function listPages(changedOrders: number): number {
  return Math.max(1, Math.ceil(changedOrders / PAGE_SIZE));
}

export function batchRequests(copies: number, cost: CostModel = REAL_STORE_COST): number {
  return Math.ceil(copies / largestBatch(cost));
}

export function lowerBoundRequests(stores: StoreWork[], cost: CostModel = REAL_STORE_COST): number {
  return stores.reduce(
    (sum, s) => sum + listPages(s.changedOrders) + batchRequests(s.copiesToCreate, cost) + (s.copiesToCreate > 0 ? s.skuLookups : 0),
    0,
  );
}

/** One store's listing work in store-milliseconds (trimmed pages, as `_fields` makes them). */
function pullWorkMs(s: StoreWork, cost: CostModel): number {
  const pages = listPages(s.changedOrders);
  return pages * cost.overheadMs + s.changedOrders * cost.perOrderReadMs * cost.trimmedReadFactor;
}

function createWorkMs(s: StoreWork, cost: CostModel): number {
  if (s.copiesToCreate === 0) return 0;
  return s.copiesToCreate * cost.perOrderWriteMs + (batchRequests(s.copiesToCreate, cost) + s.skuLookups) * cost.overheadMs;
}

/**
 * The bound: for each target, (orders created × per-order cost + requests × overhead) / workers,
 * plus the pulls (every store's listing, spread over its workers, the slowest one); the slowest target
 * bounds the run. In wall milliseconds at the cost model's scale.
 */
export function lowerBoundWallMs(stores: StoreWork[], cost: CostModel): number {
  const slowestPull = Math.max(0, ...stores.map((s) => pullWorkMs(s, cost) / cost.workers));
  const slowestTarget = Math.max(0, ...stores.map((s) => createWorkMs(s, cost) / cost.workers));
  return (slowestPull + slowestTarget) * cost.scale;
}
