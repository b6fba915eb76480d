import 'server-only';

import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { orderLinks } from '@/db/schema';

/**
 * A link not done with: its copy not made yet, or needing an update. Exactly the links
 * `order_links_workspace_unsynced_idx` holds, so a query that states it is read off that index.
 */
export function unsyncedLinkCondition(): SQL {
  return sql`(${orderLinks.state} <> 'synced' or ${orderLinks.needsUpdate})`;
}

/** Held before its copy was made (a sync rule, a SKU the target lacks). */
export function heldLinkCondition(): SQL {
  return sql`${orderLinks.state} = 'held'`;
}

/**
 * A copy that could not take a refund of its source (more than it has left, a line it lacks, refused by its
 * store): the link stays synced with nothing due, and keeps the reason until an update mirrors the refund.
 * `links` are the columns of the table or of an alias of it.
 */
export function refundHeldCondition(links: Record<'state' | 'needsUpdate' | 'lastError', AnyColumn> = orderLinks): SQL {
  return sql`(${links.state} = 'synced' and not ${links.needsUpdate} and ${links.lastError} is not null)`;
}

/** The sync states an order is in while one of its links still has something to say. */
export type OpenLinkState = 'pending' | 'held' | 'failed';

/**
 * Which links put their order in a state other than "synced" (in the given one, or in any): the one
 * definition the order list's filters, its counts and the pending notice share.
 */
export function openLinkCondition(state?: OpenLinkState): SQL {
  switch (state) {
    case undefined:
      return sql`(${unsyncedLinkCondition()} or ${refundHeldCondition()})`;
    case 'held':
      return sql`(${heldLinkCondition()} or ${refundHeldCondition()})`;
    case 'failed':
      return sql`${orderLinks.state} = 'failed' and ${orderLinks.nextAttemptAt} is null`;
    case 'pending':
      return sql`(${orderLinks.state} in ('pending', 'creating') or (${orderLinks.state} = 'synced' and ${orderLinks.needsUpdate}) or (${orderLinks.state} = 'failed' and ${orderLinks.nextAttemptAt} is not null))`;
  }
}
