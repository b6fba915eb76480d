import { sql, type SQL } from 'drizzle-orm';
import { orderLinks } from '@/db/schema';

/**
 * A link not done with: its copy not made yet, or needing an update. Exactly the links
 * `order_links_workspace_unsynced_idx` holds, so a query that states it is read off that index.
 */
export function unsyncedLinkCondition(): SQL {
  return sql`(${orderLinks.state} <> 'synced' or ${orderLinks.needsUpdate})`;
}

/** The sync states an order is in while one of its links still has something to say. */
export type OpenLinkState = 'pending' | 'held' | 'failed';

/**
 * Which links put their order in a state other than "synced": the one definition the order list's filters,
 * its counts and the pending notice share.
 */
export function openLinkCondition(state: OpenLinkState): SQL {
  switch (state) {
    case 'held':
      return sql`${orderLinks.state} = 'held'`;
    case 'failed':
      return sql`${orderLinks.state} = 'failed' and ${orderLinks.nextAttemptAt} is null`;
    case 'pending':
      return sql`(${orderLinks.state} in ('pending', 'creating') or (${orderLinks.state} = 'synced' and ${orderLinks.needsUpdate}) or (${orderLinks.state} = 'failed' and ${orderLinks.nextAttemptAt} is not null))`;
  }
}
