import type { Db } from '@/db/client';
import type { Store } from '@/db/schema';
import { unchangedRemoteIds, type PulledOrderRow } from '@/lib/data/orders';
import type { WooClient } from '@/lib/woo/client';
import { WooRequestError } from '@/lib/woo/errors';
import { listOrders, WOO_PAGE_SIZE } from '@/lib/woo/orders-api';
import { formatWooGmt, type WooOrder } from '@/lib/woo/types';
import {
  absorbPage,
  createStallCheck,
  mayHaveBeenRead,
  modifiedAfterFor,
  sameCursor,
  settledCursor,
  storeTimeOfRead,
  type KeysetCursor,
  type KeysetState,
} from './keyset-cursor';
import { toPulledOrderRow } from './order-snapshot';
import type { PageBudget } from './page-budget';

export type ChangedOrdersPage = {
  /** Orders of this page in a version not read before: new, changed, or changed again within the second last read. */
  fresh: PulledOrderRow[];
  /** Where the next read starts: saved with the page, a later run goes on from here. */
  cursor: KeysetCursor;
  cursorMoved: boolean;
  /** The next request goes by page number: more than a page shares the cursor's second. */
  midSecond: boolean;
};

/** Why reading stopped: the end, the store's page budget, a store whose paging does not advance, or the reader. */
export type ReadEnd = { kind: 'done' } | { kind: 'page-limit' } | { kind: 'stalled'; page: number } | { kind: 'stopped' };

export type ChangedOrdersReader = {
  onPage: (page: ChangedOrdersPage) => Promise<void>;
  /** Asked after a page when more remain: true stops reading there. */
  stopAfter: (page: ChangedOrdersPage) => boolean;
  /** The store answered a request. */
  onAnswer?: () => void;
};

export type ChangedOrdersSource = { db: Db; store: Store; client: WooClient; floor: Date; pages: PageBudget; signal?: AbortSignal };

/** Reads a store's orders changed after its saved cursor with keyset paging (`keyset-cursor.ts`), one page at a time. */
export async function readChangedOrders(source: ChangedOrdersSource, reader: ChangedOrdersReader): Promise<ReadEnd> {
  const { store, client, pages, signal } = source;
  let state: KeysetState = { cursor: { modifiedGmt: store.pullCursorModifiedGmt, seenIds: store.pullCursorSeenIds ?? [] }, page: 1 };
  const stalled = createStallCheck();
  for (;;) {
    if (!pages.take(store.id)) return { kind: 'page-limit' };
    const modifiedAfter = modifiedAfterFor(state.cursor, source.floor);
    const askedAt = Date.now();
    const response = await listOrders(
      client,
      { orderby: 'modified', order: 'asc', modified_after: formatWooGmt(modifiedAfter), page: state.page },
      signal,
    );
    const readAt = storeTimeOfRead(response.headers.date, Date.now() - askedAt);
    reader.onAnswer?.();
    const rows = readableRows(store, Array.isArray(response.data) ? response.data : []);
    if (
      stalled(
        modifiedAfter,
        rows.map((row) => row.remoteId),
      )
    )
      return { kind: 'stalled', page: state.page };
    const outcome = absorbPage(
      state,
      rows.map((row) => ({ id: row.remoteId, modifiedGmt: row.dateModifiedGmt, row })),
      WOO_PAGE_SIZE,
    );
    // Orders at the cursor's second may have been read before it settled: only a version the index does not hold is news.
    const unchanged = await unchangedRemoteIds(
      source.db,
      store.workspaceId,
      store.id,
      outcome.fresh.filter((o) => mayHaveBeenRead(state.cursor, o)).map((o) => o.row),
    );
    const next: KeysetState = { cursor: settledCursor(outcome.state.cursor, readAt), page: outcome.state.page };
    const page: ChangedOrdersPage = {
      fresh: outcome.fresh.filter((o) => !unchanged.has(o.id)).map((o) => o.row),
      cursor: next.cursor,
      cursorMoved: !sameCursor(state.cursor, next.cursor),
      midSecond: next.page > 1,
    };
    await reader.onPage(page);
    state = next;
    if (outcome.done) return { kind: 'done' };
    if (reader.stopAfter(page)) return { kind: 'stopped' };
  }
}

/** An order the index cannot hold (no id, an unreadable date) fails this store's read, not the whole run. */
function readableRows(store: Store, orders: WooOrder[]): PulledOrderRow[] {
  try {
    return orders.map(toPulledOrderRow);
  } catch (error) {
    throw new WooRequestError(`${store.name} sent an order that cannot be read: ${(error as Error).message}`, {
      kind: 'permanent',
      code: 'BAD_ORDER',
    });
  }
}
