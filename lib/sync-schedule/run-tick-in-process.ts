import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { listScheduledWorkspaces } from '@/lib/data/scheduler';
import { recordFinishedRun } from '@/lib/data/sync-runs';
import { runSlicesToEnd, WorkspaceNotFoundError } from '@/lib/sync';
import { checkWebhooksQuietly } from '@/lib/webhooks/health';
import { webhookSetupFromEnv } from '@/lib/webhooks/registration';
import { fanOutSchedule, SCHEDULE_PAGE_SIZE } from './fan-out';
import { scheduleTick } from './tick';

/** Slices of a run in this process: no platform limit here, but a run still stops at checkpoints. */
const IN_PROCESS_SCHEDULED_SLICE_MS = 60_000;

export type InProcessTickReport = { tick: string; workspaces: number; synced: number; skipped: number; failed: number };

/**
 * One scheduled tick run by this process instead of Inngest (the development fallback): the same paging over the
 * active workspaces as the cron function, each workspace synced here in turn, with trigger `schedule`. A workspace
 * another sync holds is recorded as skipped, as the Inngest function records it.
 */
export async function runScheduledTickInProcess(db: Db, now: Date = new Date()): Promise<InProcessTickReport> {
  const report: InProcessTickReport = { tick: scheduleTick(now), workspaces: 0, synced: 0, skipped: 0, failed: 0 };
  const { workspaces } = await fanOutSchedule(async (after) => {
    const page = await listScheduledWorkspaces(db, { after, limit: SCHEDULE_PAGE_SIZE });
    for (const { id } of page) await syncOneWorkspace(db, id, report);
    return { count: page.length, lastId: page.at(-1)?.id ?? null };
  });
  report.workspaces = workspaces;
  return report;
}

async function syncOneWorkspace(db: Db, workspaceId: string, report: InProcessTickReport): Promise<void> {
  const webhooks = webhookSetupFromEnv();
  if (webhooks) await checkWebhooksQuietly(db, workspaceId, webhooks);
  try {
    const result = await runSlicesToEnd(db, workspaceId, {
      trigger: 'schedule',
      runId: randomUUID(),
      budgetMs: IN_PROCESS_SCHEDULED_SLICE_MS,
    });
    if (result.status !== 'already_running') {
      report.synced += 1;
      return;
    }
    report.skipped += 1;
    await recordFinishedRun(db, workspaceId, {
      trigger: 'schedule',
      status: 'skipped',
      startedAt: new Date(),
      errors: [],
      summary: 'Skipped: another sync of this workspace was already running.',
    });
  } catch (error) {
    if (error instanceof WorkspaceNotFoundError) return;
    // One workspace's failure must not stop the others' turn; its run (if it started) records the error.
    report.failed += 1;
  }
}
