import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../../db/client';
import { openLinkCondition } from './link-states';

/** Remote ids a store's "waiting" count leaves out, and Orderbridge's own writes it could not list. */
export type WaitingExclusions = { remoteIds: number[]; copiesNotListed: number };

type IdRow = { remote_id: string | number };
type CopyRow = { ids: Array<string | number> | null; rest: string | number | null };

/**
 * What a store's count of changed orders must not include: its orders the database already counts as
 * pending (so nothing is counted twice), and the copies Orderbridge wrote on it since `copiesSince`
 * (they change the store's orders but wait on nothing). Listing an id the store would not count anyway is
 * harmless, so the copies are taken from a margin before the cursor. At most `limit` ids in all; copies
 * written after `cursor` that did not fit are counted instead, to be taken off the store's total.
 */
export async function waitingExclusions(
  db: Db,
  workspaceId: string,
  storeId: string,
  options: { cursor: Date | null; copiesSince: Date | null; limit: number },
): Promise<WaitingExclusions> {
  const open = await db.execute(sql`
    select distinct o.remote_id from order_links
    join orders o on o.id = order_links.source_order_id
    where order_links.workspace_id = ${workspaceId}::uuid and o.store_id = ${storeId}::uuid
      and (order_links.state <> 'synced' or order_links.needs_update) and ${openLinkCondition('pending')}
    order by o.remote_id desc
    limit ${options.limit}`);
  const openIds = resultRows<IdRow>(open).map((r) => Number(r.remote_id));
  const room = options.limit - openIds.length;
  const since = options.copiesSince ?? new Date(0);
  const cursor = options.cursor ?? new Date(0);
  const copies = await db.execute(sql`
    with written as (
      select target_remote_id, updated_at > ${cursor.toISOString()}::timestamptz as after_cursor, row_number() over (order by updated_at desc) as n
      from order_links
      where workspace_id = ${workspaceId}::uuid and target_store_id = ${storeId}::uuid and target_remote_id is not null
        and updated_at > ${since.toISOString()}::timestamptz
    )
    select array_agg(target_remote_id) filter (where n <= ${room}) as ids, count(*) filter (where n > ${room} and after_cursor) as rest
    from written`);
  const row = resultRows<CopyRow>(copies)[0];
  const copyIds = (row?.ids ?? []).map(Number);
  return { remoteIds: [...openIds, ...copyIds], copiesNotListed: Number(row?.rest ?? 0) };
}
