import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { syncRuns, type SyncCounts, type SyncRun, type SyncTrigger } from '../../db/schema';

export type SyncRunStatus = SyncRun['status'];

/** A run reserved beforehand already has its row: the engine keeps it (and its start time) rather than failing. */
export async function insertSyncRun(db: Db, workspaceId: string, run: { id: string; trigger: SyncTrigger }): Promise<void> {
  await db.insert(syncRuns).values({ id: run.id, workspaceId, trigger: run.trigger, status: 'running' }).onConflictDoNothing({ target: syncRuns.id });
}

export async function updateSyncRunProgress(db: Db, workspaceId: string, runId: string, progress: Record<string, unknown>): Promise<void> {
  await db.update(syncRuns).set({ progress }).where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)));
}

export async function finishSyncRun(
  db: Db,
  workspaceId: string,
  runId: string,
  outcome: { status: SyncRunStatus; counts: SyncCounts; errors: string[]; summary: string; progress: Record<string, unknown> },
): Promise<void> {
  await db
    .update(syncRuns)
    .set({ ...outcome, finishedAt: new Date() })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)));
}

export async function getSyncRun(db: Db, workspaceId: string, runId: string): Promise<SyncRun | null> {
  const [row] = await db.select().from(syncRuns).where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId))).limit(1);
  return row ?? null;
}

export async function latestSyncRun(db: Db, workspaceId: string): Promise<SyncRun | null> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.workspaceId, workspaceId)).orderBy(desc(syncRuns.startedAt)).limit(1);
  return row ?? null;
}

/** Closes a run that never recorded its end as failed with the reason; a run that did finish is left as it is. */
export async function failUnfinishedSyncRun(db: Db, workspaceId: string, runId: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ status: 'failed', finishedAt: new Date(), errors: [reason], summary: reason })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId), eq(syncRuns.status, 'running'), isNull(syncRuns.finishedAt)))
    .returning({ id: syncRuns.id });
  return rows.length === 1;
}
