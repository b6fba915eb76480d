import 'server-only';

import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { syncLeases, syncRuns, type SyncCounts, type SyncRun, type SyncRunCarry, type SyncTrigger } from '../../db/schema';

export type SyncRunStatus = SyncRun['status'];

/** A run reserved beforehand already has its row: the engine keeps it (and its start time) rather than failing. */
export async function insertSyncRun(db: Db, workspaceId: string, run: { id: string; trigger: SyncTrigger }): Promise<void> {
  await db.insert(syncRuns).values({ id: run.id, workspaceId, trigger: run.trigger, status: 'running' }).onConflictDoNothing({ target: syncRuns.id });
}

/** Starts the run with this id, or finds it when it exists (a later slice): one statement for a new run. */
export async function startOrFindSyncRun(db: Db, workspaceId: string, run: { id: string; trigger: SyncTrigger }): Promise<{ run: SyncRun; created: boolean }> {
  const [created] = await db.insert(syncRuns).values({ id: run.id, workspaceId, trigger: run.trigger, status: 'running' }).onConflictDoNothing().returning();
  if (created) return { run: created, created: true };
  const existing = await getSyncRun(db, workspaceId, run.id);
  if (!existing) throw new Error(`Run ${run.id} belongs to another workspace`);
  return { run: existing, created: false };
}

export async function updateSyncRunProgress(db: Db, workspaceId: string, runId: string, progress: Record<string, unknown>): Promise<void> {
  await db.update(syncRuns).set({ progress }).where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)));
}

/** Keeps what a run has done so far when a slice ends with work left, so the next slice carries on from it. */
export async function saveSyncRunSlice(
  db: Db,
  workspaceId: string,
  runId: string,
  slice: { counts: SyncCounts; errors: string[]; carry: SyncRunCarry; progress: Record<string, unknown> },
): Promise<void> {
  await db
    .update(syncRuns)
    .set(slice)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId), eq(syncRuns.status, 'running')));
}

/** Records a run's end; a run another has already closed (interrupted, given up) stays as it was closed. */
export async function finishSyncRun(
  db: Db,
  workspaceId: string,
  runId: string,
  outcome: { status: SyncRunStatus; counts: SyncCounts; errors: string[]; summary: string; progress: Record<string, unknown> },
): Promise<void> {
  await db
    .update(syncRuns)
    .set({ ...outcome, carry: null, finishedAt: new Date() })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId), eq(syncRuns.status, 'running')));
}

export const INTERRUPTED_SUMMARY = 'Interrupted: the sync stopped before it finished (its process ended or lost its lease). The next sync carries on with its orders.';

/** The run holding the workspace's live lease, if any. */
export async function liveLeaseRunId(db: Db, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ runId: syncLeases.runId })
    .from(syncLeases)
    .where(and(eq(syncLeases.workspaceId, workspaceId), gt(syncLeases.expiresAt, sql`now()`)))
    .limit(1);
  return row?.runId ?? null;
}

/**
 * A run still marked running whose lease has expired died without recording its end (the next run to take the
 * workspace closes it for good): until then it is shown as interrupted, not running for ever.
 */
export function shownAs(run: SyncRun, liveRunId: string | null): SyncRun {
  if (run.status !== 'running' || run.id === liveRunId) return run;
  return { ...run, status: 'interrupted', summary: INTERRUPTED_SUMMARY };
}

/**
 * Closes as interrupted every run of the workspace still marked running but the caller's: called by a run
 * that has just taken the workspace's lease, so none of them can still be working. Returns their ids.
 */
export async function closeInterruptedRuns(db: Db, workspaceId: string, takenOverBy: string): Promise<string[]> {
  const rows = await db
    .update(syncRuns)
    .set({
      status: 'interrupted',
      finishedAt: new Date(),
      carry: null,
      summary: INTERRUPTED_SUMMARY,
    })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.status, 'running'), ne(syncRuns.id, takenOverBy)))
    .returning({ id: syncRuns.id });
  return rows.map((r) => r.id);
}

/** Closes one run its job gave up on, unless it already ended. Returns whether it was still open. */
export async function closeAbandonedRun(db: Db, workspaceId: string, runId: string, outcome: { status: 'failed' | 'interrupted'; error: string; summary: string }): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ status: outcome.status, finishedAt: new Date(), errors: [outcome.error], summary: outcome.summary, carry: null })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId), eq(syncRuns.status, 'running')))
    .returning({ id: syncRuns.id });
  return rows.length === 1;
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
