import type { SyncStatus } from '@/lib/data/sync-runs';
import { describeTrigger } from './labels';
import { describeProgress } from './progress';

/** What /api/sync/status sends the progress indicator: plain JSON, no store credentials or raw payloads. */
export type SyncStatusView = {
  running: { runId: string; trigger: string; startedAt: string; text: string; done: number | null; total: number | null } | null;
  lastFinished: {
    runId: string;
    trigger: string;
    status: string;
    finishedAt: string | null;
    summary: string;
    /** Orders the run held or that failed, from its counts (problems lists only those it newly recorded). */
    held: number;
    failed: number;
    problems: { orderId: string; number: string; message: string }[];
  } | null;
};

function fallbackSummary(status: string): string {
  if (status === 'failed') return 'The sync failed. Open Activity for the error; Sync Now tries again.';
  if (status === 'partial') return 'The sync finished with problems. Open Activity for details.';
  return 'The sync finished.';
}

export function toSyncStatusView(status: SyncStatus): SyncStatusView {
  const { running, lastFinished } = status;
  return {
    running: running
      ? {
          runId: running.id,
          trigger: describeTrigger(running.trigger, 'running'),
          startedAt: running.startedAt.toISOString(),
          ...describeProgress(running.progress),
        }
      : null,
    lastFinished: lastFinished
      ? {
          runId: lastFinished.id,
          trigger: describeTrigger(lastFinished.trigger),
          status: lastFinished.status,
          finishedAt: lastFinished.finishedAt?.toISOString() ?? null,
          summary: lastFinished.summary ?? fallbackSummary(lastFinished.status),
          held: (lastFinished.counts?.toSub.held ?? 0) + (lastFinished.counts?.toMain.held ?? 0),
          failed: (lastFinished.counts?.toSub.failed ?? 0) + (lastFinished.counts?.toMain.failed ?? 0),
          problems: status.problems,
        }
      : null,
  };
}
