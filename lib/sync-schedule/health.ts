import type { Db } from '@/db/client';
import type { SyncRun } from '@/db/schema';
import { findScheduleEligibility } from '@/lib/data/scheduler';
import { latestSyncRun } from '@/lib/data/sync-runs';

/** With a run every 5 minutes, three missed ticks in a row means the scheduler is not running. */
export const SCHEDULER_DOWN_AFTER_MS = 15 * 60_000;
/** A scheduled run still marked running after this long has died without recording its end. */
const RUNNING_RUN_TRUSTED_FOR_MS = 60 * 60_000;

export type LastScheduledRun = Pick<SyncRun, 'id' | 'status' | 'startedAt' | 'finishedAt' | 'counts' | 'errors' | 'summary'>;

export type ScheduleHealth =
  | { state: 'not_scheduled'; reason: string; lastRun: LastScheduledRun | null }
  | { state: 'ok'; lastRun: LastScheduledRun | null; checkedAt: Date }
  | { state: 'looks_down'; lastRun: LastScheduledRun | null; silentSince: Date; notice: string };

/**
 * When the scheduled sync last ran for this workspace and what it did, and whether the scheduler looks down:
 * no scheduled run started in the last 15 minutes while the workspace was eligible and none is still running.
 */
export async function scheduleHealth(db: Db, workspaceId: string, now: Date): Promise<ScheduleHealth> {
  const [eligibility, run] = await Promise.all([findScheduleEligibility(db, workspaceId), latestSyncRun(db, workspaceId, 'schedule')]);
  const lastRun = run && pickRun(run);
  if (!eligibility.active || !eligibility.activeSince) {
    return { state: 'not_scheduled', reason: 'Scheduled sync starts once a main store and an active substore are connected.', lastRun };
  }
  const stillRunning = lastRun?.status === 'running' && now.getTime() - lastRun.startedAt.getTime() <= RUNNING_RUN_TRUSTED_FOR_MS;
  if (stillRunning) return { state: 'ok', lastRun, checkedAt: now };
  const silentSince = lastRun && lastRun.startedAt > eligibility.activeSince ? lastRun.startedAt : eligibility.activeSince;
  if (now.getTime() - silentSince.getTime() <= SCHEDULER_DOWN_AFTER_MS) return { state: 'ok', lastRun, checkedAt: now };
  const minutes = Math.floor((now.getTime() - silentSince.getTime()) / 60_000);
  const notice = lastRun
    ? `The scheduled sync has not run for ${minutes} minutes — the scheduler looks down. Sync Now still works.`
    : `No scheduled sync has run since the stores were connected ${minutes} minutes ago — the scheduler looks down. Sync Now still works.`;
  return { state: 'looks_down', lastRun, silentSince, notice };
}

function pickRun(run: SyncRun): LastScheduledRun {
  const { id, status, startedAt, finishedAt, counts, errors, summary } = run;
  return { id, status, startedAt, finishedAt, counts, errors, summary };
}
