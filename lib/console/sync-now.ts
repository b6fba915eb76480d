import type { Db } from '../../db/client';
import type { SyncTrigger } from '../../db/schema';
import { currentSyncStatus } from '../data/activity';
import { logError } from '../log';
import { describeTrigger } from './labels';

export type SyncNowOutcome = { kind: 'started' | 'already_running'; message: string };

type BackgroundRun = { startedAt: Date; done: Promise<void> | null };

const globalRegistry = globalThis as unknown as { orderbridgeSyncNowRuns?: Map<string, BackgroundRun> };
/** Runs started by Sync Now in this server process, by workspace; they outlive the request that started them. */
const backgroundRuns = (globalRegistry.orderbridgeSyncNowRuns ??= new Map<string, BackgroundRun>());

function runningElsewhereMessage(trigger: SyncTrigger): string {
  return `${describeTrigger(trigger, 'sentence')} is already running, so nothing was started twice. It will sync the waiting orders; its progress is shown at the top of the page.`;
}

/**
 * Starts a workspace sync in the background of this process and returns at once. A second press while
 * one runs — here or anywhere (schedule, webhook) — starts nothing and says so; the engine's lease is the
 * real guarantee, this only keeps the answer honest and immediate.
 */
export async function requestSyncNow(
  db: Db,
  workspaceId: string,
  runSync: () => Promise<unknown>,
  now: Date = new Date(),
): Promise<SyncNowOutcome> {
  if (backgroundRuns.has(workspaceId)) {
    return {
      kind: 'already_running',
      message: 'Your Sync Now is already running, so nothing was started twice. Its progress is shown at the top of the page.',
    };
  }
  const reservation: BackgroundRun = { startedAt: now, done: null };
  backgroundRuns.set(workspaceId, reservation);
  try {
    const status = await currentSyncStatus(db, workspaceId, now);
    if (status.running) {
      backgroundRuns.delete(workspaceId);
      return { kind: 'already_running', message: runningElsewhereMessage(status.running.trigger) };
    }
  } catch (error) {
    backgroundRuns.delete(workspaceId);
    throw error;
  }
  reservation.done = runSync()
    .then(
      () => undefined,
      (error: unknown) => logError('Sync Now: the background run failed', error, { workspaceId }),
    )
    .finally(() => backgroundRuns.delete(workspaceId));
  return {
    kind: 'started',
    message: 'Sync started. It keeps going if you leave this page; progress is shown at the top, then the result.',
  };
}

/** The background run of this workspace in this process, if any (for `after()`, shutdown and tests). */
export function backgroundSyncOf(workspaceId: string): Promise<void> | null {
  return backgroundRuns.get(workspaceId)?.done ?? null;
}
