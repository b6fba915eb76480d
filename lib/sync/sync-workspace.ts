import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Db } from '../../db/client';
import type { SyncTrigger } from '../../db/schema';
import { recordStoresContact, listStoresForSync } from '../data/store-sync-state';
import { finishSyncRun, insertSyncRun } from '../data/sync-runs';
import { releaseSyncLease } from '../data/sync-leases';
import { getWorkspace } from '../data/workspaces';
import { logError } from '../log';
import { executeRun } from './execute-run';
import { acquireLeaseWithWait, keepLeaseAlive, runningSyncId } from './lease';
import { createRunContext, type RunContext } from './run-context';
import { emptyCounts, summarise } from './summary';
import { resolveTuning } from './tuning';
import { SimulatedCrash, type SyncOptions, type SyncResult } from './types';

export class WorkspaceNotFoundError extends Error {
  constructor(workspaceId: string) {
    super(`Workspace ${workspaceId} does not exist`);
    this.name = 'WorkspaceNotFoundError';
  }
}

/** One full run for a workspace: pull every store, create and update copies, record what happened. */
export function syncWorkspace(db: Db, workspaceId: string, options: SyncOptions): Promise<SyncResult> {
  return runUnderLease(db, workspaceId, options, (ctx) => executeRun(ctx));
}

/**
 * Everything that syncs goes through here: one lease per workspace shared by every trigger, a run record,
 * and a clean finish — except after a (simulated) crash, which leaves the lease to expire and the claims to adopt.
 */
export async function runUnderLease(
  db: Db,
  workspaceId: string,
  options: SyncOptions,
  work: (ctx: RunContext) => Promise<void>,
): Promise<SyncResult> {
  const tuning = resolveTuning(options.tuning);
  const startedAt = new Date();
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new WorkspaceNotFoundError(workspaceId);
  const runId = options.runId ?? randomUUID();
  const holder = `run:${runId}`;
  if (!(await acquireLeaseWithWait(db, workspaceId, holder, runId, tuning, options.signal))) {
    return alreadyRunning(options.trigger, await runningSyncId(db, workspaceId), startedAt);
  }
  const controller = new AbortController();
  // Every request and back-off in flight listens to the run's signal: stores × requests in flight of them.
  setMaxListeners(Math.max(10, (tuning.storeConcurrency + 2) * 50), controller.signal);
  const cancel = () => controller.abort(options.signal?.reason ?? new Error('The sync was cancelled'));
  options.signal?.addEventListener('abort', cancel, { once: true });
  const stopRenewing = keepLeaseAlive(db, workspaceId, holder, tuning, () => controller.abort(new Error('The sync lost its lease to another run')));
  let crashed = false;
  try {
    const stores = await listStoresForSync(db, workspaceId);
    await insertSyncRun(db, workspaceId, { id: runId, trigger: options.trigger });
    const ctx = createRunContext({ db, workspace, stores, runId, tuning, options, controller, persistProgress: true });
    let fatal: string | null = null;
    try {
      await work(ctx);
    } catch (error) {
      if (error instanceof SimulatedCrash || controller.signal.reason instanceof SimulatedCrash) {
        crashed = true;
        throw error;
      }
      fatal = describeFatal(error);
      ctx.errors.push(fatal);
      // A cancelled run (lost lease, shutdown) is expected now and then; anything else is ours to look into.
      logError('sync run failed', error, { workspaceId, runId, trigger: options.trigger }, controller.signal.aborted ? 'warn' : 'error');
    }
    await recordStoresContact(db, workspaceId, [...ctx.reached], new Date());
    return await finish(ctx, startedAt, fatal);
  } finally {
    stopRenewing();
    options.signal?.removeEventListener('abort', cancel);
    if (!crashed) await releaseSyncLease(db, workspaceId, holder);
  }
}

async function finish(ctx: RunContext, startedAt: Date, fatal: string | null): Promise<SyncResult> {
  const status = fatal ? 'failed' : ctx.errors.length > 0 || ctx.failed.length > 0 ? 'partial' : 'succeeded';
  const summary = summarise(ctx.counts, ctx.held, ctx.failed, fatal);
  await ctx.progress.setPhase('finishing');
  await finishSyncRun(ctx.db, ctx.workspace.id, ctx.runId, {
    status,
    counts: ctx.counts,
    errors: ctx.errors.slice(0, 50),
    summary,
    progress: ctx.progress.snapshot() as unknown as Record<string, unknown>,
  });
  return {
    runId: ctx.runId,
    status,
    trigger: ctx.trigger,
    counts: ctx.counts,
    held: ctx.held,
    failed: ctx.failed,
    warnings: ctx.warnings,
    errors: ctx.errors,
    summary,
    requests: ctx.requests(),
    startedAt,
    finishedAt: new Date(),
  };
}

function alreadyRunning(trigger: SyncTrigger, runningRunId: string | null, startedAt: Date): SyncResult {
  return {
    runId: runningRunId,
    status: 'already_running',
    trigger,
    counts: emptyCounts(),
    held: [],
    failed: [],
    warnings: [],
    errors: [],
    summary: 'A sync is already running for this workspace; it will pick up these orders.',
    requests: 0,
    startedAt,
    finishedAt: new Date(),
  };
}

/** Database errors quote the whole statement and its parameters (customer data): keep only the cause. */
function describeFatal(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const cause = (error as { cause?: unknown }).cause;
  if (error.message.startsWith('Failed query:')) return `database error: ${cause instanceof Error ? cause.message : 'query failed'}`.slice(0, 300);
  return error.message.slice(0, 300);
}
