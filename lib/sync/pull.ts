import type { Db } from '../../db/client';
import type { Store } from '../../db/schema';
import { adoptFoundCopies, flagLinksForUpdate, planOrderLinks, remoteIdsOfCopies, type FoundCopy, type LinkPlan } from '../data/order-links';
import { upsertPulledOrders, type PulledOrderRow } from '../data/orders';
import { saveStorePullCursor } from '../data/store-sync-state';
import { listOrders, WOO_PAGE_SIZE } from '../woo/orders-api';
import { WooRequestError } from '../woo/errors';
import { formatWooGmt, type WooOrder } from '../woo/types';
import { absorbPage, createStallCheck, modifiedAfterFor, sameCursor, type KeysetState } from './keyset-cursor';
import { planLinksFor, syncStartFor, updatingDirections } from './link-planning';
import { toPulledOrderRow } from './order-snapshot';
import { pageLimitNote } from './page-budget';
import type { RunContext } from './run-context';
import type { OrderLink } from '../../db/schema';

/**
 * Pulls one store's changed orders into the index, page by page (nothing gathered in memory). Each page is
 * committed with the cursor. `complete` is false when a slice's time is spent (the next slice reads on from
 * there), when the run's page budget for the store ran out or when the store's paging did not advance (the
 * next run goes on from the saved cursor).
 */
export async function pullStore(ctx: RunContext, store: Store): Promise<{ pulled: number; complete: boolean }> {
  const client = ctx.client(store);
  let state: KeysetState = { cursor: { modifiedGmt: store.pullCursorModifiedGmt, seenIds: store.pullCursorSeenIds ?? [] }, page: 1 };
  const floor = syncStartFor(ctx.workspace, store);
  let pulled = 0;
  const stalled = createStallCheck();
  await ctx.progress.update(store.id, { phase: 'pulling' });
  for (;;) {
    if (!ctx.pageBudget.take(store.id)) {
      ctx.errors.push(pageLimitNote(store, ctx.pageBudget.pagesPerStore));
      return { pulled, complete: false };
    }
    const modifiedAfter = modifiedAfterFor(state.cursor, floor);
    const response = await listOrders(client, { orderby: 'modified', order: 'asc', modified_after: formatWooGmt(modifiedAfter), page: state.page }, ctx.signal);
    ctx.reached.add(store.id);
    const orders = Array.isArray(response.data) ? response.data : [];
    const rows = readableRows(store, orders);
    if (stalled(modifiedAfter, rows.map((row) => row.remoteId))) {
      ctx.errors.push(`Stopped reading ${store.name}: asked for page ${state.page}, it sent the same orders as page ${state.page - 1} (its paging does not advance); the next run tries again from the saved cursor`);
      return { pulled, complete: false };
    }
    const outcome = absorbPage(state, rows.map((row) => ({ id: row.remoteId, modifiedGmt: row.dateModifiedGmt, row })), WOO_PAGE_SIZE);
    ctx.checkpoint('pull.fetched');
    if (outcome.fresh.length > 0 || !sameCursor(state.cursor, outcome.state.cursor)) {
      const { adopted } = await ctx.db.transaction(async (tx) => {
        const indexed = await indexPage(tx as unknown as Db, ctx, store, outcome.fresh.map((f) => f.row));
        await saveStorePullCursor(tx as unknown as Db, ctx.workspace.id, store.id, outcome.state.cursor);
        return indexed;
      });
      ctx.checkpoint('pull.committed');
      ctx.pagesIndexed.emit();
      await recordAdoptions(ctx, store, adopted);
    }
    pulled += outcome.fresh.length;
    ctx.counts.pulled += outcome.fresh.length;
    await ctx.progress.add(store.id, 'pulled', outcome.fresh.length);
    state = outcome.state;
    if (outcome.done) return { pulled, complete: true };
    // Mid-way through a second shared by more than a page, the page number is the position and it is not kept.
    if (outcome.state.page === 1 && ctx.budgetSpent()) return { pulled, complete: false };
  }
}

/** An order the index cannot hold (no id, an unreadable date) fails this store's pull, not the whole run. */
function readableRows(store: Store, orders: WooOrder[]): PulledOrderRow[] {
  try {
    return orders.map(toPulledOrderRow);
  } catch (error) {
    throw new WooRequestError(`${store.name} sent an order that cannot be read: ${(error as Error).message}`, { kind: 'permanent', code: 'BAD_ORDER' });
  }
}

/** Upsert a page, plan the links of new source orders, adopt copies found carrying a link's UUID. */
export async function indexPage(db: Db, ctx: Pick<RunContext, 'workspace' | 'stores' | 'warnings'>, store: Store, rows: PulledOrderRow[], options: { ignoreSyncStart?: boolean } = {}) {
  const workspaceId = ctx.workspace.id;
  const upserted = await upsertPulledOrders(db, workspaceId, store.id, rows);
  const knownCopies = await remoteIdsOfCopies(db, { workspaceId, storeId: store.id, remoteIds: upserted.filter((o) => !o.originRef).map((o) => o.remoteId) });
  const plans: LinkPlan[] = [];
  const sources: string[] = [];
  for (const order of upserted) {
    if (order.originRef || knownCopies.has(order.remoteId)) continue;
    sources.push(order.id);
    plans.push(...planLinksFor(order, store, ctx.stores, ctx.workspace, options));
  }
  await planOrderLinks(db, workspaceId, plans);
  await flagLinksForUpdate(db, workspaceId, sources, updatingDirections(store, ctx.workspace));
  const found: FoundCopy[] = rows.filter((r) => r.originLinkId).map((r) => ({ linkId: r.originLinkId!, remoteId: r.remoteId, number: r.number }));
  const { adopted, duplicates } = await adoptFoundCopies(db, workspaceId, store.id, found);
  for (const dup of duplicates) ctx.warnings.push(`A second copy #${dup.number} of the same order exists on ${store.name}`);
  return { upserted, adopted };
}

export async function recordAdoptions(ctx: RunContext, store: Store, adopted: OrderLink[]): Promise<void> {
  if (adopted.length === 0) return;
  for (const link of adopted) ctx.counts[link.direction === 'to_sub' ? 'toSub' : 'toMain'].created += 1;
  await ctx.events(
    adopted.map((link) => ({
      orderId: link.sourceOrderId,
      linkId: link.id,
      kind: 'adopted' as const,
      message: `Found copy #${link.targetNumber} on ${store.name} from an unfinished attempt and adopted it`,
    })),
  );
}
