import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import type { SyncTrigger } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';
import { currentSyncStatus, getSyncRun } from '@/lib/data/sync-runs';
import { abandonReservedRun, reserveSyncRun } from '@/lib/sync/reserve-run';
import { logError } from '@/lib/log';
import { processSingleton } from '@/lib/utils/process-singleton';
import { describeTrigger } from './labels';

export type SyncNowOutcome = { kind: 'started' | 'already_running'; message: string };

/** How Sync Now starts the run it reserved: an event Inngest runs in bounded steps, or a run in this process. */
export type SyncNowStarter =
  { via: 'inngest'; queue: (runId: string) => Promise<void> } | { via: 'this_process'; run: (runId: string) => Promise<unknown> };

/** Runs Sync Now started in this process, by workspace: they outlive the request (`after()`, tests). */
const backgroundRuns = processSingleton('orderbridgeSyncNowRuns', () => new Map<string, Promise<void>>());

/** A run in this process has no platform limit; slices still end at checkpoints so a restart loses little. */
export const IN_PROCESS_SLICE_BUDGET_MS = 60_000;

const STARTED_MESSAGE = 'Sync started. It keeps going if you leave this page; progress is shown at the top, then the result.';

function runningElsewhereMessage(trigger: SyncTrigger): string {
  return `${describeTrigger(trigger, 'sentence')} is already running, so nothing was started twice. It will sync the waiting orders; its progress is shown at the top of the page.`;
}

/**
 * Reserves a run in the database and starts it, answering at once. The reservation (the workspace's lease, taken
 * under the new run's id, and its run row) is what makes a double press, or presses on two app instances, start
 * one run: only one of them gets it; the others are told what is running. The run row exists before this answers,
 * so the progress indicator follows the run even when Inngest starts it a moment later.
 */
export async function requestSyncNow(
  db: Db,
  workspaceId: string,
  starter: SyncNowStarter,
  now: Date = new Date(),
): Promise<SyncNowOutcome> {
  const status = await currentSyncStatus(db, workspaceId, now);
  if (status.running) return { kind: 'already_running', message: runningElsewhereMessage(status.running.trigger) };
  const reservation = await reserveSyncRun(db, workspaceId, { runId: randomUUID(), trigger: 'sync_now' });
  if (!reservation.reserved) {
    const running = reservation.runningRunId ? await getSyncRun(db, workspaceId, reservation.runningRunId) : null;
    return { kind: 'already_running', message: runningElsewhereMessage(running?.trigger ?? 'sync_now') };
  }
  const { runId } = reservation;
  if (starter.via === 'inngest') {
    try {
      await starter.queue(runId);
    } catch (error) {
      logError('Sync Now: the run could not be sent to Inngest', error, { workspaceId, runId });
      await abandonReservedRun(
        db,
        workspaceId,
        runId,
        'Sync Now could not be handed to Inngest, so it did not run. Press Sync Now to try again.',
      );
      throw new UserFacingError(
        'Sync Now could not reach the job queue (Inngest), so nothing was started. Try again in a moment.',
        'queue_unavailable',
      );
    }
    return { kind: 'started', message: STARTED_MESSAGE };
  }
  const done = starter
    .run(runId)
    .then(
      () => undefined,
      (error: unknown) => logError('Sync Now: the background run failed', error, { workspaceId, runId }),
    )
    // A run that stopped before recording its end must not keep the workspace reserved until the lease expires.
    .then(() =>
      abandonReservedRun(db, workspaceId, runId, 'The sync stopped before it could record its result. Press Sync Now to try again.'),
    )
    .catch(() => undefined)
    .finally(() => {
      if (backgroundRuns.get(workspaceId) === done) backgroundRuns.delete(workspaceId);
    });
  backgroundRuns.set(workspaceId, done);
  return { kind: 'started', message: STARTED_MESSAGE };
}

/** The background run of this workspace in this process, if any (for `after()`, shutdown and tests). */
export function backgroundSyncOf(workspaceId: string): Promise<void> | null {
  return backgroundRuns.get(workspaceId) ?? null;
}
