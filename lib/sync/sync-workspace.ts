import type { Db } from '@/db/client';
import { newRunId, runSlicesToEnd } from './run-slice';
import { resolveTuning } from './tuning';
import type { SyncOptions, SyncResult } from './types';

export { WorkspaceNotFoundError } from './run-slice';

/** One full run for a workspace: pull every store, create and update copies, record what happened. */
export function syncWorkspace(db: Db, workspaceId: string, options: SyncOptions): Promise<SyncResult> {
  return runSlicesToEnd(db, workspaceId, {
    ...options,
    runId: options.runId ?? newRunId(),
    budgetMs: resolveTuning(options.tuning).sliceBudgetMs,
  });
}
