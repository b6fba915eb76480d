import 'server-only';

import { and, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orderEvents, orders, syncLeases, syncRuns, type SyncRun } from '../../db/schema';
import { liveLeaseRunId, shownAs } from './sync-runs';

export const RUN_PAGE_SIZE = 25;

export type RunListPage = { runs: SyncRun[]; page: number; pageSize: number; total: number; hasNextPage: boolean };

export async function listSyncRuns(db: Db, workspaceId: string, page: number): Promise<RunListPage> {
  const safePage = Number.isInteger(page) && page >= 1 ? page : 1;
  const [runs, [counted], liveRunId] = await Promise.all([
    db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.workspaceId, workspaceId))
      .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
      .limit(RUN_PAGE_SIZE + 1)
      .offset((safePage - 1) * RUN_PAGE_SIZE),
    db.select({ total: count() }).from(syncRuns).where(eq(syncRuns.workspaceId, workspaceId)),
    liveLeaseRunId(db, workspaceId),
  ]);
  return {
    runs: runs.slice(0, RUN_PAGE_SIZE).map((run) => shownAs(run, liveRunId)),
    page: safePage,
    pageSize: RUN_PAGE_SIZE,
    total: Number(counted?.total ?? 0),
    hasNextPage: runs.length > RUN_PAGE_SIZE,
  };
}

export type HeldOrderOfRun = { orderId: string; number: string; message: string };

/** Orders a run held or failed, so a result can link to them. */
export async function listRunProblems(db: Db, workspaceId: string, runId: string, limit = 5): Promise<HeldOrderOfRun[]> {
  return db
    .select({ orderId: orderEvents.orderId, number: orders.number, message: orderEvents.message })
    .from(orderEvents)
    .innerJoin(orders, eq(orders.id, orderEvents.orderId))
    .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.runId, runId), inArray(orderEvents.kind, ['held', 'failed'])))
    .orderBy(desc(orderEvents.at))
    .limit(limit);
}

export type RunningSync = Pick<SyncRun, 'id' | 'trigger' | 'startedAt' | 'progress'>;
export type FinishedSync = Pick<SyncRun, 'id' | 'trigger' | 'status' | 'startedAt' | 'finishedAt' | 'summary' | 'errors' | 'counts'>;
export type SyncStatus = { running: RunningSync | null; lastFinished: FinishedSync | null; problems: HeldOrderOfRun[] };

/**
 * What the progress indicator shows: a run counts as running only while its workspace lease is live,
 * so a run left "running" by a crashed process does not spin forever.
 */
export async function currentSyncStatus(db: Db, workspaceId: string, now: Date = new Date()): Promise<SyncStatus> {
  const [[lease], [running], [lastFinished]] = await Promise.all([
    db.select().from(syncLeases).where(and(eq(syncLeases.workspaceId, workspaceId), gt(syncLeases.expiresAt, now))).limit(1),
    db
      .select({ id: syncRuns.id, trigger: syncRuns.trigger, startedAt: syncRuns.startedAt, progress: syncRuns.progress })
      .from(syncRuns)
      .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.status, 'running')))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1),
    lastFinishedRun(db, workspaceId).then((run) => [run]),
  ]);
  const live = lease && running && (!lease.runId || lease.runId === running.id) ? running : null;
  const problems = lastFinished ? await listRunProblems(db, workspaceId, lastFinished.id) : [];
  return { running: live, lastFinished: lastFinished ?? null, problems };
}

export async function lastFinishedRun(db: Db, workspaceId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), inArray(syncRuns.status, ['succeeded', 'partial', 'failed']), sql`${syncRuns.finishedAt} is not null`))
    .orderBy(desc(syncRuns.finishedAt))
    .limit(1);
  return run ?? null;
}
