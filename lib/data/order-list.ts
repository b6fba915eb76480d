import 'server-only';

import { and, asc, count, eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { orderLinks, orders, stores, type LinkState } from '@/db/schema';
import { openLinkCondition, refundHeldCondition } from './link-states';
import { listStoreSummaries, type StoreSummary } from './stores';

export const ORDER_PAGE_SIZE = 50;
/** Counting stops here so a count never costs more than reading this many index entries. */
const ORDER_COUNT_CAP = 10_000;

/** `changed`: the source changed after its copy was completed or refunded, and the copy was left as it was. */
export const SYNC_STATE_FILTERS = ['synced', 'pending', 'held', 'failed', 'changed'] as const;
export type SyncStateFilter = (typeof SYNC_STATE_FILTERS)[number];

/** What the list is narrowed to: a store, where orders came from (`main` or a store id), a status, a sync state, a search. */
export type OrderListFilter = { store?: string; origin?: string; status?: string; sync?: SyncStateFilter; q?: string; page: number };

export type TargetChip = {
  linkId: string;
  storeId: string;
  storeName: string;
  storeUrl: string;
  state: LinkState;
  needsUpdate: boolean;
  targetRemoteId: number | null;
  targetNumber: string | null;
  lastError: string | null;
  /** What changed on the source after this copy was completed or refunded (left to the merchant). */
  changedAfterCopy: string | null;
  /** A failed link with a retry scheduled is still on its way. */
  retryScheduled: boolean;
  /** The copy could not take a refund of its source: held, with the reason in `lastError`. */
  refundHeld: boolean;
};

export type OrderListRow = {
  id: string;
  storeId: string;
  storeName: string;
  number: string;
  status: string;
  currency: string;
  total: string;
  customerName: string | null;
  customerEmail: string | null;
  dateCreatedGmt: Date;
  isCopy: boolean;
  originStoreName: string | null;
  targets: TargetChip[];
};

export type OrderListPage = {
  rows: OrderListRow[];
  page: number;
  pageSize: number;
  total: number;
  totalIsCapped: boolean;
  hasNextPage: boolean;
  stores: StoreSummary[];
};

/** Copies carry `<storeId>:<orderId>` of their origin; the store id is what the origin filter needs. */
function originStoreIdOf(originRef: string | null): string | null {
  if (!originRef) return null;
  const [storeId] = originRef.split(':');
  return storeId || null;
}

function linkStateCondition(workspaceId: string, state: SyncStateFilter): SQL {
  const linksOf = (condition: SQL) =>
    sql`${orders.id} in (select ${orderLinks.sourceOrderId} from ${orderLinks} where ${orderLinks.workspaceId} = ${workspaceId} and ${condition})`;
  if (state === 'changed') return linksOf(sql`${orderLinks.changedAfterCopy} is not null`);
  if (state !== 'synced') return linksOf(openLinkCondition(state));
  return sql`${linksOf(sql`${orderLinks.state} = 'synced'`)} and not exists (select 1 from ${orderLinks} where ${orderLinks.sourceOrderId} = ${orders.id} and ${openLinkCondition()})`;
}

function searchCondition(q: string): SQL {
  if (q.includes('@')) return sql`lower(${orders.customerEmail}) = ${q.toLowerCase()}`;
  return eq(orders.number, q.replace(/^#/, ''));
}

function filterConditions(workspaceId: string, query: OrderListFilter, mainStoreId: string | null): SQL[] {
  const conditions: SQL[] = [eq(orders.workspaceId, workspaceId)];
  if (query.store) conditions.push(eq(orders.storeId, query.store));
  if (query.origin) {
    const originStoreId = query.origin === 'main' ? mainStoreId : query.origin;
    if (!originStoreId) conditions.push(sql`false`);
    else {
      conditions.push(
        or(and(eq(orders.storeId, originStoreId), isNull(orders.originRef)), sql`${orders.originRef} like ${`${originStoreId}:%`}`)!,
      );
    }
  }
  if (query.status) conditions.push(eq(orders.status, query.status));
  if (query.sync) conditions.push(linkStateCondition(workspaceId, query.sync));
  if (query.q) conditions.push(searchCondition(query.q));
  return conditions;
}

const CHIP_LINK = 'chip_link';
const CHIP_STORE = 'chip_store';
const chipLink = alias(orderLinks, CHIP_LINK);
const chipStore = alias(stores, CHIP_STORE);

/**
 * An order's targets, as a JSON array in the same statement that reads the order (one round trip fewer
 * per page), ordered by store name.
 */
export function targetChipsOf(workspaceId: string, orderId: SQL | AnyColumn): SQL<TargetChip[]> {
  return sql<TargetChip[]>`coalesce((
    select json_agg(json_build_object(
      'linkId', ${chipLink.id},
      'storeId', ${chipStore.id},
      'storeName', ${chipStore.name},
      'storeUrl', ${chipStore.url},
      'state', ${chipLink.state},
      'needsUpdate', ${chipLink.needsUpdate},
      'targetRemoteId', ${chipLink.targetRemoteId},
      'targetNumber', ${chipLink.targetNumber},
      'lastError', ${chipLink.lastError},
      'changedAfterCopy', ${chipLink.changedAfterCopy},
      'retryScheduled', ${chipLink.nextAttemptAt} is not null,
      'refundHeld', ${refundHeldCondition(chipLink)}
    ) order by ${chipStore.name}, ${chipLink.id})
    from ${orderLinks} ${sql.identifier(CHIP_LINK)} inner join ${stores} ${sql.identifier(CHIP_STORE)} on ${chipStore.id} = ${chipLink.targetStoreId}
    where ${chipLink.workspaceId} = ${workspaceId} and ${chipLink.sourceOrderId} = ${orderId}
  ), '[]'::json)`;
}

/**
 * How many orders match, counted up to ORDER_COUNT_CAP + 1. With a sync state as the only filter (what the
 * pending notice's "Show them" opens), the orders are counted on their links alone (every link belongs to an
 * order of its own workspace): pending and failed ones off `order_links_workspace_unsynced_idx`, held ones also
 * among the synced links, for copies holding a refund.
 */
async function cappedTotal(db: Db, workspaceId: string, query: OrderListFilter, where: SQL | undefined): Promise<number> {
  const onlySync =
    query.sync === 'synced' || query.sync === 'changed' || query.store || query.origin || query.status || query.q ? undefined : query.sync;
  const matching = onlySync
    ? db
        .selectDistinct({ one: orderLinks.sourceOrderId })
        .from(orderLinks)
        .where(and(eq(orderLinks.workspaceId, workspaceId), openLinkCondition(onlySync)))
    : db
        .select({ one: sql`1`.as('one') })
        .from(orders)
        .where(where);
  const [counted] = await db.select({ total: count() }).from(matching.limit(ORDER_COUNT_CAP + 1).as('capped'));
  return Number(counted?.total ?? 0);
}

/** One page of the workspace's orders, newest first, with a capped count and each order's targets. */
export async function listOrders(db: Db, workspaceId: string, query: OrderListFilter): Promise<OrderListPage> {
  const workspaceStores = await listStoreSummaries(db, workspaceId);
  const mainStoreId = workspaceStores.find((store) => store.role === 'main')?.id ?? null;
  const where = and(...filterConditions(workspaceId, query, mainStoreId));
  const offset = (query.page - 1) * ORDER_PAGE_SIZE;

  // Newest first in exactly the index's order (DESC NULLS LAST, then id), so the page is read off the index;
  // the page's ids are found first and only those rows are read, which keeps deep pages cheap.
  const newestFirst = [sql`${orders.dateCreatedGmt} desc nulls last`, asc(orders.id)];
  const pageIds = db
    .select({ pageId: sql<string>`${orders.id}`.as('page_id') })
    .from(orders)
    .where(where)
    .orderBy(...newestFirst)
    .limit(ORDER_PAGE_SIZE + 1)
    .offset(offset)
    .as('page_ids');

  const pageRows = await db
    .select({
      id: orders.id,
      storeId: orders.storeId,
      number: orders.number,
      status: orders.status,
      currency: orders.currency,
      total: orders.total,
      customerName: orders.customerName,
      customerEmail: orders.customerEmail,
      dateCreatedGmt: orders.dateCreatedGmt,
      originRef: orders.originRef,
      targets: targetChipsOf(workspaceId, orders.id),
    })
    .from(pageIds)
    .innerJoin(orders, eq(orders.id, pageIds.pageId))
    .orderBy(...newestFirst);

  const visible = pageRows.slice(0, ORDER_PAGE_SIZE);
  const hasNextPage = pageRows.length > ORDER_PAGE_SIZE;
  // A first page with room to spare holds every match: its rows are the count.
  const total = query.page === 1 && !hasNextPage ? visible.length : await cappedTotal(db, workspaceId, query, where);
  const storeById = new Map(workspaceStores.map((store) => [store.id, store]));

  return {
    rows: visible.map(({ originRef, ...row }) => ({
      ...row,
      storeName: storeById.get(row.storeId)?.name ?? 'Removed store',
      isCopy: originRef !== null,
      originStoreName: originRef ? (storeById.get(originStoreIdOf(originRef) ?? '')?.name ?? 'another store') : null,
    })),
    page: query.page,
    pageSize: ORDER_PAGE_SIZE,
    total: Math.min(total, ORDER_COUNT_CAP),
    totalIsCapped: total > ORDER_COUNT_CAP,
    hasNextPage,
    stores: workspaceStores,
  };
}
