import 'server-only';

import { and, count, desc, eq, gte, inArray, isNull, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { syncLeases, syncRuns, type SyncCounts, type SyncRun, type SyncRunCarry, type SyncTrigger } from '@/db/schema';
import { listRunProblems, type HeldOrderOfRun } from './order-events';
import { getSyncLease } from './sync-leases';

export type SyncRunStatus = SyncRun['status'];

/** A run reserved beforehand already has its row: the engine keeps it (and its start time) rather than failing. */
export async function insertSyncRun(db: Db, workspaceId: string, run: { id: string; trigger: SyncTrigger }): Promise<void> {
  await db
    .insert(syncRuns)
    .values({ id: run.id, workspaceId, trigger: run.trigger, status: 'running' })
    .onConflictDoNothing({ target: syncRuns.id });
}

/** Starts the run with this id, or finds it when it exists (a later slice): one statement for a new run. */
export async function startOrFindSyncRun(
  db: Db,
  workspaceId: string,
  run: { id: string; trigger: SyncTrigger },
): Promise<{ run: SyncRun; created: boolean }> {
  const [created] = await db
    .insert(syncRuns)
    .values({ id: run.id, workspaceId, trigger: run.trigger, status: 'running' })
    .onConflictDoNothing()
    .returning();
  if (created) return { run: created, created: true };
  const existing = await getSyncRun(db, workspaceId, run.id);
  if (!existing) throw new Error(`Run ${run.id} belongs to another workspace`);
  return { run: existing, created: false };
}

export async function updateSyncRunProgress(db: Db, workspaceId: string, runId: string, progress: Record<string, unknown>): Promise<void> {
  await db
    .update(syncRuns)
    .set({ progress })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)));
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

const INTERRUPTED_SUMMARY =
  'Interrupted: the sync stopped before it finished (its process ended or lost its lease). The next sync carries on with its orders.';

/** The run holding the workspace's live lease, if any. */
async function liveLeaseRunId(db: Db, workspaceId: string): Promise<string | null> {
  return (await getSyncLease(db, workspaceId))?.runId ?? null;
}

/**
 * A run still marked running whose lease has expired died without recording its end (the next run to take the
 * workspace closes it for good): until then it is shown as interrupted, not running for ever.
 */
function shownAs(run: SyncRun, liveRunId: string | null): SyncRun {
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
export async function closeAbandonedRun(
  db: Db,
  workspaceId: string,
  runId: string,
  outcome: { status: 'failed' | 'interrupted'; error: string; summary: string },
): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ status: outcome.status, finishedAt: new Date(), errors: [outcome.error], summary: outcome.summary, carry: null })
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId), eq(syncRuns.status, 'running')))
    .returning({ id: syncRuns.id });
  return rows.length === 1;
}

export async function getSyncRun(db: Db, workspaceId: string, runId: string): Promise<SyncRun | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)))
    .limit(1);
  return row ?? null;
}

/** The workspace's newest run (of one trigger, if given), shown as interrupted when it died without an end. */
export async function latestSyncRun(db: Db, workspaceId: string, trigger?: SyncTrigger): Promise<SyncRun | null> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), trigger ? eq(syncRuns.trigger, trigger) : undefined))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return row ? shownAs(row, await liveLeaseRunId(db, workspaceId)) : null;
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

/** Run start times come from the database's clock, delivery times from the app's: a run must start this much later to count. */
const CLOCK_MARGIN_MS = 2_000;

/**
 * True when a run that started after `since` (by more than the clock margin) is running or finished its pull:
 * that run read the stores after the webhook arrived, so the webhook needs no run of its own.
 */
export async function runStartedSince(db: Db, workspaceId: string, delivered: Date): Promise<boolean> {
  const since = new Date(delivered.getTime() + CLOCK_MARGIN_MS);
  const [row] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.workspaceId, workspaceId),
        gte(syncRuns.startedAt, since),
        inArray(syncRuns.status, ['running', 'succeeded', 'partial']),
      ),
    )
    .limit(1);
  return Boolean(row);
}

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

export type RunningSync = Pick<SyncRun, 'id' | 'trigger' | 'startedAt' | 'progress'>;
export type FinishedSync = Pick<SyncRun, 'id' | 'trigger' | 'status' | 'startedAt' | 'finishedAt' | 'summary' | 'errors' | 'counts'>;
export type SyncStatus = { running: RunningSync | null; lastFinished: FinishedSync | null; problems: HeldOrderOfRun[] };

/**
 * What the progress indicator shows: a run counts as running only while its workspace lease is live,
 * so a run left "running" by a crashed process does not spin forever.
 */
export async function currentSyncStatus(db: Db, workspaceId: string, now: Date = new Date()): Promise<SyncStatus> {
  const [lease, [running], lastFinished] = await Promise.all([
    getSyncLease(db, workspaceId, now),
    db
      .select({ id: syncRuns.id, trigger: syncRuns.trigger, startedAt: syncRuns.startedAt, progress: syncRuns.progress })
      .from(syncRuns)
      .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.status, 'running')))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1),
    lastFinishedRun(db, workspaceId),
  ]);
  const live = lease && running && (!lease.runId || lease.runId === running.id) ? running : null;
  const problems = lastFinished ? await listRunProblems(db, workspaceId, lastFinished.id) : [];
  return { running: live, lastFinished, problems };
}

async function lastFinishedRun(db: Db, workspaceId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.workspaceId, workspaceId),
        inArray(syncRuns.status, ['succeeded', 'partial', 'failed']),
        sql`${syncRuns.finishedAt} is not null`,
      ),
    )
    .orderBy(desc(syncRuns.finishedAt))
    .limit(1);
  return run ?? null;
}

/** When the last sync that did work finished, read off `sync_runs_workspace_finished_idx` from its newest end: a subquery. */
export function lastWorkingRunFinishedAt(workspaceId: string): SQL {
  return sql`(select max(finished_at) from sync_runs where workspace_id = ${workspaceId}::uuid and status <> 'skipped')`;
}

/** When the last sync that did work finished: the moment the pending counts last settled. */
export async function lastSyncFinishedAt(db: Db, workspaceId: string): Promise<Date | null> {
  const result = await db.execute(sql`select ${lastWorkingRunFinishedAt(workspaceId)} as finished_at`);
  const finishedAt = resultRows<{ finished_at: string | Date | null }>(result)[0]?.finished_at;
  return finishedAt ? new Date(finishedAt) : null;
}
