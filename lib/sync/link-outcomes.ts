import type { Store } from '@/db/schema';
import type { LinkWithSource } from '@/lib/data/order-links';
import type { RunContext } from './run-context';
import type { SyncIssue } from './summary';

/** The run's counts for the direction a link copies in. */
export function directionCounts(ctx: RunContext, entry: { link: { direction: 'to_sub' | 'to_main' } }) {
  return entry.link.direction === 'to_sub' ? ctx.counts.toSub : ctx.counts.toMain;
}

/** A held or failed link as the run's summary names it: the order, where it comes from and goes to, why. */
export function issue(ctx: RunContext, entry: LinkWithSource, target: Store, reason: string): SyncIssue {
  return {
    orderId: entry.source.id,
    orderNumber: entry.source.number,
    sourceStoreName: ctx.storesById.get(entry.source.storeId)?.name ?? 'unknown store',
    targetStoreName: target.name,
    reason,
  };
}
