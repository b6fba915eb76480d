import 'server-only';

import { and, asc, count, eq, gt, min, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { stores, workspaces } from '@/db/schema';

/** A workspace is scheduled when it has a main store (joined) and at least one substore that is not paused. */
const hasActiveSubstore = sql`exists (select 1 from ${stores} s where s.workspace_id = ${workspaces.id} and s.role = 'sub' and s.paused = false)`;

export type ScheduledWorkspace = { id: string; storeHost: string | null };

/**
 * One keyset page of the workspaces the scheduler syncs, ordered by id, with their main store's host (runs
 * against one host are limited together): the scheduler's own cross-tenant listing (the only query here
 * without a workspace id, since it is what finds the workspace ids).
 */
export async function listScheduledWorkspaces(db: Db, page: { after: string | null; limit: number }): Promise<ScheduledWorkspace[]> {
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new Error(`page limit must be a positive integer, got ${page.limit}`);
  const rows = await db
    .select({ id: workspaces.id, mainStoreUrl: stores.url })
    .from(workspaces)
    .innerJoin(stores, and(eq(stores.workspaceId, workspaces.id), eq(stores.role, 'main')))
    .where(and(page.after ? gt(workspaces.id, page.after) : undefined, hasActiveSubstore))
    .orderBy(asc(workspaces.id))
    .limit(page.limit);
  return rows.map((r) => ({ id: r.id, storeHost: hostOf(r.mainStoreUrl) }));
}

/** How many workspaces a tick syncs (the spread of their starts depends on it). */
export async function countScheduledWorkspaces(db: Db): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(workspaces)
    .innerJoin(stores, and(eq(stores.workspaceId, workspaces.id), eq(stores.role, 'main')))
    .where(hasActiveSubstore);
  return Number(row?.total ?? 0);
}

/** The host of the workspace's main store, for the concurrency key of a run it asks for (Sync Now). */
export async function findMainStoreHost(db: Db, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ url: stores.url })
    .from(stores)
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.role, 'main')))
    .limit(1);
  return row ? hostOf(row.url) : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase() || null;
  } catch {
    return null;
  }
}

export type ScheduleEligibility = { active: boolean; activeSince: Date | null };

/** Whether the scheduler picks this workspace up, and since when it could have (the later of main and first substore). */
export async function findScheduleEligibility(db: Db, workspaceId: string): Promise<ScheduleEligibility> {
  const rows = await db
    .select({ role: stores.role, since: min(stores.connectedAt) })
    .from(stores)
    .where(and(eq(stores.workspaceId, workspaceId), sql`(${stores.role} = 'main' or ${stores.paused} = false)`))
    .groupBy(stores.role);
  const main = rows.find((r) => r.role === 'main')?.since;
  const sub = rows.find((r) => r.role === 'sub')?.since;
  if (!main || !sub) return { active: false, activeSince: null };
  const since = new Date(Math.max(new Date(main).getTime(), new Date(sub).getTime()));
  return { active: true, activeSince: since };
}
