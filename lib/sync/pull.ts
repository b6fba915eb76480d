import type { Db } from '@/db/client';
import type { OrderLink, Store } from '@/db/schema';
import {
  adoptFoundCopies,
  flagLinksForUpdate,
  planOrderLinks,
  remoteIdsOfCopies,
  type FoundCopy,
  type LinkPlan,
} from '@/lib/data/order-links';
import { upsertPulledOrders, type PulledOrderRow } from '@/lib/data/orders';
import { saveStorePullCursor } from '@/lib/data/store-sync-state';
import { planLinksFor, syncStartFor, updatingDirections } from './link-planning';
import { pageLimitNote } from './page-budget';
import { readChangedOrders } from './read-changed-orders';
import type { RunContext } from './run-context';

/**
 * Pulls one store's changed orders into the index, page by page (nothing gathered in memory). Each page is
 * committed with the cursor. `complete` is false when a slice's time is spent (the next slice reads on from
 * there), when the run's page budget for the store ran out or when the store's paging did not advance (the
 * next run goes on from the saved cursor).
 */
export async function pullStore(ctx: RunContext, store: Store): Promise<{ pulled: number; complete: boolean }> {
  let pulled = 0;
  await ctx.progress.update(store.id, { phase: 'pulling' });
  const end = await readChangedOrders(
    { db: ctx.db, store, client: ctx.client(store), floor: syncStartFor(ctx.workspace, store), pages: ctx.pageBudget, signal: ctx.signal },
    {
      onAnswer: () => ctx.reached.add(store.id),
      onPage: async (page) => {
        ctx.checkpoint('pull.fetched');
        if (page.fresh.length > 0) {
          const { adopted } = await ctx.db.transaction(async (tx) => {
            const indexed = await indexPage(tx as unknown as Db, ctx, store, page.fresh);
            await saveStorePullCursor(tx as unknown as Db, ctx.workspace.id, store.id, page.cursor);
            return indexed;
          });
          ctx.checkpoint('pull.committed');
          ctx.pagesIndexed.emit();
          await recordAdoptions(ctx, store, adopted);
        } else if (page.cursorMoved) {
          await saveStorePullCursor(ctx.db, ctx.workspace.id, store.id, page.cursor);
          ctx.checkpoint('pull.committed');
        }
        pulled += page.fresh.length;
        ctx.counts.pulled += page.fresh.length;
        await ctx.progress.add(store.id, 'pulled', page.fresh.length);
      },
      // Mid-way through a second shared by more than a page, the page number is the position and it is not kept.
      stopAfter: (page) => !page.midSecond && ctx.budgetSpent(),
    },
  );
  if (end.kind === 'page-limit') ctx.errors.push(pageLimitNote(store, ctx.pageBudget.pagesPerStore));
  if (end.kind === 'stalled') {
    ctx.errors.push(
      `Stopped reading ${store.name}: asked for page ${end.page}, it sent the same orders as page ${end.page - 1} (its paging does not advance); the next run tries again from the saved cursor`,
    );
  }
  return { pulled, complete: end.kind === 'done' };
}

/** Upsert a page, plan the links of new source orders, flag the copies of changed ones, adopt copies found carrying a link's UUID. */
export async function indexPage(
  db: Db,
  ctx: Pick<RunContext, 'workspace' | 'stores' | 'warnings'>,
  store: Store,
  rows: PulledOrderRow[],
  options: { ignoreSyncStart?: boolean } = {},
) {
  const workspaceId = ctx.workspace.id;
  const upserted = await upsertPulledOrders(db, workspaceId, store.id, rows);
  const knownCopies = await remoteIdsOfCopies(db, {
    workspaceId,
    storeId: store.id,
    remoteIds: upserted.filter((o) => !o.originRef).map((o) => o.remoteId),
  });
  const plans: LinkPlan[] = [];
  const changedSources: string[] = [];
  for (const order of upserted) {
    if (order.originRef || knownCopies.has(order.remoteId)) continue;
    if (order.changed) changedSources.push(order.id);
    plans.push(...planLinksFor(order, store, ctx.stores, ctx.workspace, options));
  }
  await planOrderLinks(db, workspaceId, plans);
  await flagLinksForUpdate(db, workspaceId, changedSources, updatingDirections(store, ctx.workspace));
  const found: FoundCopy[] = rows
    .filter((r) => r.originLinkId)
    .map((r) => ({ linkId: r.originLinkId!, remoteId: r.remoteId, number: r.number }));
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
