import 'server-only';

import { and, asc, count, desc, eq, gt, gte, min, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stores, syncLeases, syncRuns, workspaces, type SyncRun, type SyncTrigger } from '../../db/schema';
import { liveLeaseRunId, shownAs } from './sync-runs';

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

export async function listActiveWorkspaceIds(db: Db, page: { after: string | null; limit: number }): Promise<string[]> {
  return (await listScheduledWorkspaces(db, page)).map((w) => w.id);
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

export async function findLastRunByTrigger(db: Db, workspaceId: string, trigger: SyncTrigger): Promise<SyncRun | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, trigger)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return row ? shownAs(row, await liveLeaseRunId(db, workspaceId)) : null;
}

/**
 * Adds a run the engine did not record itself to the workspace's history: a scheduled sync Inngest gave up on,
 * or a tick skipped because another sync held the workspace.
 */
export async function recordFinishedRun(
  db: Db,
  workspaceId: string,
  run: { trigger: SyncTrigger; status: 'failed' | 'skipped'; startedAt: Date; errors: string[]; summary: string },
): Promise<SyncRun> {
  const [row] = await db
    .insert(syncRuns)
    .values({ workspaceId, ...run, finishedAt: new Date() })
    .returning();
  return row;
}

/**
 * Closes, as failed, the scheduled runs of this workspace that an abandoned job left "running" since `since`
 * (attempts that crashed before the engine could record their end). A run that still holds the workspace's
 * lease is alive and left alone. Returns the ids it closed.
 */
export async function failAbandonedRuns(
  db: Db,
  workspaceId: string,
  abandoned: { trigger: SyncTrigger; since: Date; error: string; summary: string },
): Promise<string[]> {
  const liveRunIds = db
    .select({ runId: sql<string>`${syncLeases.runId}` })
    .from(syncLeases)
    .where(and(eq(syncLeases.workspaceId, workspaceId), gte(syncLeases.expiresAt, sql`now()`), sql`${syncLeases.runId} is not null`));
  const rows = await db
    .update(syncRuns)
    .set({ status: 'failed', finishedAt: new Date(), errors: [abandoned.error], summary: abandoned.summary })
    .where(
      and(
        eq(syncRuns.workspaceId, workspaceId),
        eq(syncRuns.trigger, abandoned.trigger),
        eq(syncRuns.status, 'running'),
        gte(syncRuns.startedAt, abandoned.since),
        notInArray(syncRuns.id, liveRunIds),
      ),
    )
    .returning({ id: syncRuns.id });
  return rows.map((r) => r.id);
}
