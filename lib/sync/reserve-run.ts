import type { Db } from '@/db/client';
import type { SyncTrigger } from '@/db/schema';
import { getWorkspace } from '@/lib/data/workspaces';
import { releaseSyncLease, tryAcquireSyncLease } from '@/lib/data/sync-leases';
import { failUnfinishedSyncRun, insertSyncRun, updateSyncRunProgress } from '@/lib/data/sync-runs';
import { runningSyncId } from './lease';
import { WorkspaceNotFoundError } from './sync-workspace';

/**
 * How long a reserved run keeps the workspace before the engine starts it: time for Inngest to pick the event up
 * (or for this process to start it). If nothing starts it by then, the lease expires and the workspace is free again.
 */
export const RESERVATION_TTL_MS = 120_000;

/** The engine's lease holder for a run (lib/sync/sync-workspace.ts): the reservation holds the lease under it. */
export function runLeaseHolder(runId: string): string {
  return `run:${runId}`;
}

export const QUEUED_PROGRESS_MESSAGE = 'Starting in a moment…';

export type Reservation = { reserved: true; runId: string } | { reserved: false; runningRunId: string | null };

/**
 * Reserves the workspace for a run that is about to be started (by Inngest or this process): one atomic write of
 * the workspace's lease under the run's holder, then the run's row, marked running with "starting" progress so the
 * progress indicator follows it from the first poll. Two presses — in one process or in two app instances — race
 * on the lease's primary key, and only one of them gets the reservation.
 */
export async function reserveSyncRun(
  db: Db,
  workspaceId: string,
  run: { runId: string; trigger: SyncTrigger; ttlMs?: number },
): Promise<Reservation> {
  if (!(await getWorkspace(db, workspaceId))) throw new WorkspaceNotFoundError(workspaceId);
  const holder = runLeaseHolder(run.runId);
  if (!(await tryAcquireSyncLease(db, { workspaceId, holder, runId: run.runId, ttlMs: run.ttlMs ?? RESERVATION_TTL_MS }))) {
    return { reserved: false, runningRunId: await runningSyncId(db, workspaceId) };
  }
  try {
    await insertSyncRun(db, workspaceId, { id: run.runId, trigger: run.trigger });
    await updateSyncRunProgress(db, workspaceId, run.runId, { message: QUEUED_PROGRESS_MESSAGE });
  } catch (error) {
    await releaseSyncLease(db, workspaceId, holder).catch(() => undefined);
    throw error;
  }
  return { reserved: true, runId: run.runId };
}

/**
 * Gives a reservation back when its run never started or stopped without recording its end (the event could not
 * be sent, the process's run threw): the run is closed as failed with the reason, and the workspace freed.
 */
export async function abandonReservedRun(db: Db, workspaceId: string, runId: string, reason: string): Promise<void> {
  await failUnfinishedSyncRun(db, workspaceId, runId, reason);
  await releaseSyncLease(db, workspaceId, runLeaseHolder(runId));
}
