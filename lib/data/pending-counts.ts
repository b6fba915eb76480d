import 'server-only';

import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { heldLinkCondition, openLinkCondition, refundHeldCondition, unsyncedLinkCondition } from './link-states';
import { lastWorkingRunFinishedAt } from './sync-runs';

/** Orders waiting to sync per direction (and in all), held and failed ones, and when the last sync that did work finished. */
export type PendingCounts = { toSubstores: number; toMain: number; total: number; held: number; failed: number; checkedAt: Date | null };

type CountsRow = {
  to_sub: string | number | null;
  to_main: string | number | null;
  held: string | number | null;
  failed: string | number | null;
  checked_at: string | Date | null;
};

/**
 * Distinct source orders with work left per direction, plus held and failed ones. Besides copies holding a
 * refund, only links that are not synced or need an update can count, which is exactly
 * `order_links_workspace_unsynced_idx`: those links are read off that index and folded per order, with no
 * visit to the table. Copies holding a refund are found among the workspace's synced links.
 */
export async function countPendingOrders(db: Db, workspaceId: string): Promise<PendingCounts> {
  const result = await db.execute(sql`
    select
      count(*) filter (where to_sub) as to_sub,
      count(*) filter (where to_main) as to_main,
      count(*) filter (where held) as held,
      count(*) filter (where failed) as failed,
      ${lastWorkingRunFinishedAt(workspaceId)} as checked_at
    from (
      select
        bool_or(direction = 'to_sub' and pending) as to_sub,
        bool_or(direction = 'to_main' and pending) as to_main,
        bool_or(held) as held,
        bool_or(failed) as failed
      from (
        select source_order_id, direction,
          ${openLinkCondition('pending')} as pending, ${heldLinkCondition()} as held, ${openLinkCondition('failed')} as failed
        from order_links
        where workspace_id = ${workspaceId}::uuid and ${unsyncedLinkCondition()}
        union all
        select source_order_id, direction, false, true, false
        from order_links
        where workspace_id = ${workspaceId}::uuid and ${refundHeldCondition()}
      ) as open_links
      group by source_order_id
    ) as per_order`);
  const row = resultRows<CountsRow>(result)[0];
  const toSubstores = Number(row?.to_sub ?? 0);
  const toMain = Number(row?.to_main ?? 0);
  return {
    toSubstores,
    toMain,
    total: toSubstores + toMain,
    held: Number(row?.held ?? 0),
    failed: Number(row?.failed ?? 0),
    checkedAt: row?.checked_at ? new Date(row.checked_at) : null,
  };
}

/**
 * What the stores' waiting counts depend on, in one cheap read: the last run's end, every store's cursor and
 * settings (a page of a pull moves a cursor; a store added, paused or redirected changes what is asked), and
 * whether a run holds the workspace right now.
 */
export async function storeCountsState(db: Db, workspaceId: string): Promise<{ version: string; running: boolean }> {
  const result = await db.execute(sql`
    select
      ${lastWorkingRunFinishedAt(workspaceId)} as finished_at,
      (select md5(coalesce(string_agg(concat_ws(':', id, pull_cursor_modified_gmt, paused, receives_main_orders, sends_orders_to_main, url), ',' order by id), ''))
         from stores where workspace_id = ${workspaceId}::uuid) as stores_key,
      exists (select 1 from sync_leases where workspace_id = ${workspaceId}::uuid and expires_at >= now()) as running`);
  const row = resultRows<{ finished_at: string | Date | null; stores_key: string; running: boolean }>(result)[0];
  const finishedAt = row?.finished_at ? new Date(row.finished_at).getTime() : 0;
  return { version: `${finishedAt}:${row?.stores_key ?? ''}`, running: Boolean(row?.running) };
}
