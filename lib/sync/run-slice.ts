/**
 * TEMPORARY (branch h-inngest): the slice interface with a minimal stand-in that runs the whole run as one
 * slice through `syncWorkspace`. The real slicer (bounded slices that continue an open run) comes from the
 * h-leases branch and replaces this file at merge.
 */
import type { Db } from '../../db/client';
import type { SyncTrigger } from '../../db/schema';
import { syncWorkspace } from './sync-workspace';
import type { SyncTuning } from './tuning';
import type { SyncProgress, SyncResult } from './types';

export type SliceRequest = {
  trigger: SyncTrigger;
  /** A new run with this id, or continue the open run. */
  runId: string;
  budgetMs: number;
  sourceOrderIds?: string[];
  signal?: AbortSignal;
  tuning?: Partial<SyncTuning>;
  onProgress?: (p: SyncProgress) => void;
};

export type SliceOutcome = { state: 'more'; runId: string } | { state: 'done'; runId: string; result: SyncResult } | { state: 'already_running'; runId: string | null };

export async function syncWorkspaceSlice(db: Db, workspaceId: string, request: SliceRequest): Promise<SliceOutcome> {
  const result = await runSlicesToEnd(db, workspaceId, request);
  if (result.status === 'already_running') return { state: 'already_running', runId: result.runId };
  return { state: 'done', runId: result.runId ?? request.runId, result };
}

export function runSlicesToEnd(db: Db, workspaceId: string, request: SliceRequest): Promise<SyncResult> {
  const { trigger, runId, signal, tuning, onProgress } = request;
  return syncWorkspace(db, workspaceId, { trigger, runId, signal, tuning, onProgress });
}
