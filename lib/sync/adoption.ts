import type { Store } from '@/db/schema';
import { adoptFoundCopies, type FoundCopy } from '@/lib/data/order-links';
import { WOO_PAGE_SIZE } from '@/lib/woo/orders-api';
import { formatWooGmt, type WooOrder } from '@/lib/woo/types';
import { linkIdFromMeta } from './copy-meta';
import { recordAdoptions } from './pull';
import type { RunContext } from './run-context';

/**
 * Before sending again what may already have landed: list the target's orders created since the earliest
 * claim (there is no filter by meta) and adopt those carrying one of these links' UUIDs.
 * Returns the link ids adopted.
 */
export async function adoptCopiesCreatedSince(ctx: RunContext, target: Store, linkIds: string[], claimedSince: Date): Promise<Set<string>> {
  if (linkIds.length === 0) return new Set();
  const wanted = new Set(linkIds);
  const found: FoundCopy[] = [];
  const client = ctx.client(target);
  const after = new Date(claimedSince.getTime() - ctx.tuning.adoptionMarginMs);
  for (let page = 1; found.length < wanted.size; page += 1) {
    // Cut short, the copies not found would be sent again: fail instead, and the next run looks again.
    ctx.pageBudget.takeOrThrow(target, 'its recent orders for copies to adopt');
    const response = await client.requestWithRetry<Array<Pick<WooOrder, 'id' | 'number' | 'meta_data'>>>('get', 'orders', {
      query: {
        after: formatWooGmt(after),
        dates_are_gmt: true,
        orderby: 'date',
        order: 'asc',
        per_page: WOO_PAGE_SIZE,
        page,
        _fields: 'id,number,meta_data',
      },
      signal: ctx.signal,
    });
    const orders = Array.isArray(response.data) ? response.data : [];
    for (const order of orders) {
      const linkId = linkIdFromMeta(order.meta_data);
      if (linkId && wanted.has(linkId)) found.push({ linkId, remoteId: order.id, number: String(order.number ?? order.id) });
    }
    if (orders.length < WOO_PAGE_SIZE) break;
  }
  const { adopted, duplicates } = await adoptFoundCopies(ctx.db, ctx.workspace.id, target.id, found);
  for (const dup of duplicates) ctx.warnings.push(`A second copy #${dup.number} of the same order exists on ${target.name}`);
  await recordAdoptions(ctx, target, adopted);
  return new Set(adopted.map((l) => l.id));
}
