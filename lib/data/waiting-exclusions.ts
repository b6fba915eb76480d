import 'server-only';

import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { openLinkCondition, unsyncedLinkCondition } from './link-states';

type OpenRow = { store_id: string; remote_id: string | number };
type CopyRow = { ids: Array<string | number> | null; rest: string | number | null };

/**
 * The remote ids, per store, of the orders the database already counts as pending (newest first, at most
 * `limit` a store): a store's count of its changed orders leaves them out, so nothing is counted twice. One
 * statement for every store of the workspace, off `order_links_workspace_unsynced_idx`.
 */
export async function pendingSourcesByStore(db: Db, workspaceId: string, limit: number): Promise<Map<string, number[]>> {
  const result = await db.execute(sql`
    select store_id, remote_id from (
      select o.store_id, o.remote_id, row_number() over (partition by o.store_id order by o.remote_id desc) as n
      from (
        select distinct source_order_id from order_links
        where workspace_id = ${workspaceId}::uuid and ${unsyncedLinkCondition()} and ${openLinkCondition('pending')}
      ) as pending
      join orders o on o.id = pending.source_order_id
    ) as ranked
    where n <= ${limit}`);
  const byStore = new Map<string, number[]>();
  for (const row of resultRows<OpenRow>(result)) byStore.set(row.store_id, [...(byStore.get(row.store_id) ?? []), Number(row.remote_id)]);
  return byStore;
}

/**
 * The copies Orderbridge wrote on a store since `since`, newest first: they change the store's orders but
 * wait on nothing. Listing an id the store would not count anyway is harmless, so callers take `since` a
 * margin before the cursor. At most `limit` ids; the copies written after `cursor` that did not fit are
 * counted instead, to be taken off the store's total.
 */
export async function recentCopiesOnStore(
  db: Db,
  workspaceId: string,
  storeId: string,
  options: { cursor: Date | null; since: Date | null; limit: number },
): Promise<{ remoteIds: number[]; notListed: number }> {
  const since = options.since ?? new Date(0);
  const cursor = options.cursor ?? new Date(0);
  const result = await db.execute(sql`
    with written as (
      select target_remote_id, updated_at > ${cursor.toISOString()}::timestamptz as after_cursor, row_number() over (order by updated_at desc) as n
      from order_links
      where workspace_id = ${workspaceId}::uuid and target_store_id = ${storeId}::uuid and target_remote_id is not null
        and updated_at > ${since.toISOString()}::timestamptz
    )
    select array_agg(target_remote_id) filter (where n <= ${options.limit}) as ids, count(*) filter (where n > ${options.limit} and after_cursor) as rest
    from written`);
  const row = resultRows<CopyRow>(result)[0];
  return { remoteIds: (row?.ids ?? []).map(Number), notListed: Number(row?.rest ?? 0) };
}
