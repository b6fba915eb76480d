import { plural } from '@/lib/utils/plural';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Db } from '@/db/client';
import type { SyncRun, SyncRunCarry, SyncTrigger, Workspace } from '@/db/schema';
import { recordStoresContact, listStoresForSync } from '@/lib/data/store-sync-state';
import { requestHeldRefundRetries } from '@/lib/data/order-links';
import { closeInterruptedRuns, finishSyncRun, saveSyncRunSlice, startOrFindSyncRun } from '@/lib/data/sync-runs';
import { getWorkspace } from '@/lib/data/workspaces';
import { logError } from '@/lib/log';
import { CustomerDirectory } from './customer-directory';
import { executeRun } from './execute-run';
import type { TargetLookups } from './push-creates';
import { SkuCache } from './sku-cache';
import { TargetPacing } from './target-pacing';
import { LeaseLostError, RunLease, runningSyncId } from './lease';
import { syncSourceOrders } from './order-work';
import { createRunContext, type ResumedRun, type RunContext } from './run-context';
import { emptyCounts, summarise, type SyncIssue } from './summary';
import { resolveTuning, type SyncTuning } from './tuning';
import { SimulatedCrash, type CrashPoint, type SyncProgress, type SyncResult } from './types';

export class WorkspaceNotFoundError extends Error {
  constructor(workspaceId: string) {
    super(`Workspace ${workspaceId} does not exist`);
    this.name = 'WorkspaceNotFoundError';
  }
}

export type SliceRequest = {
  trigger: SyncTrigger;
  /**
   * The run's id. No run with this id yet → a new run starts with this id (the caller may pre-generate it so
   * the UI can follow its progress at once); an open run with this id → this slice continues it.
   */
  runId: string;
  /** Stop at the next safe point once this many ms are spent; the run record stays open, work remains. */
  budgetMs: number;
  /** Sync Order: only these source orders (ids of our orders table) */
  sourceOrderIds?: string[];
  signal?: AbortSignal;
  tuning?: Partial<SyncTuning>;
  onProgress?: (progress: SyncProgress) => void;
  /** Test seam: return true to crash the engine at that point (no clean-up, lease left to expire). */
  crashAt?: (point: CrashPoint) => boolean;
};

export type SliceOutcome =
  | { state: 'more'; runId: string }
  | { state: 'done'; runId: string; result: SyncResult }
  | { state: 'already_running'; runId: string | null };

/** Held and failed orders a run remembers across slices for its summary; beyond this only the counts grow. */
const CARRIED_ISSUES = 500;

/**
 * One slice of a run: take the workspace's lease, start the run or pick it up where its last slice stopped,
 * work until done or until `budgetMs` is spent (then stop at the next safe point), and keep everything the
 * next slice needs in the database. Between slices the lease is held for one TTL for the next slice to take;
 * if none comes, it expires and the next run to take the workspace closes this one as interrupted.
 */
export async function syncWorkspaceSlice(db: Db, workspaceId: string, request: SliceRequest): Promise<SliceOutcome> {
  const tuning = resolveTuning(request.tuning);
  const sliceStarted = Date.now();
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new WorkspaceNotFoundError(workspaceId);
  const { runId } = request;

  const controller = new AbortController();
  // Every request and back-off in flight listens to the run's signal: stores × requests in flight of them.
  setMaxListeners(Math.max(10, (tuning.storeConcurrency + 2) * 50), controller.signal);
  const lease = await RunLease.acquire(db, workspaceId, runId, tuning, (lost) => controller.abort(lost), request.signal);
  if (!lease) return { state: 'already_running', runId: await runningSyncId(db, workspaceId) };

  let leaveLease = false;
  try {
    const started = await startOrFindSyncRun(db, workspaceId, { id: runId, trigger: request.trigger });
    const existing = started.created ? null : started.run;
    if (existing && existing.status !== 'running') return { state: 'done', runId, result: resultOfClosedRun(existing) };
    // We hold the lease: any other run still marked running died without recording its end. (A run reserved
    // by Sync Now has its row already, but no slice has worked on it yet.)
    if (started.created || !existing?.carry) await closeInterruptedRuns(db, workspaceId, runId);
    lease.startHeartbeat();

    const cancel = () => controller.abort(request.signal?.reason ?? new Error('The sync was cancelled'));
    request.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const runStartedAt = started.run.startedAt;
      const runDeadline = runStartedAt.getTime() + tuning.runBudgetMs;
      const outcome = await workSlice({
        db,
        workspace,
        runId,
        request,
        tuning,
        controller,
        lease,
        existing,
        runStartedAt,
        deadline: Math.min(sliceStarted + request.budgetMs, runDeadline),
      });
      if (outcome.kind === 'crashed') {
        leaveLease = true;
        throw outcome.error;
      }
      if (outcome.kind === 'more' && Date.now() < runDeadline) {
        await saveSlice(outcome.ctx, outcome.carry);
        await lease.holdForNextSlice();
        leaveLease = true;
        return { state: 'more', runId };
      }
      if (outcome.kind === 'more') {
        const minutes = Math.round(tuning.runBudgetMs / 60_000);
        outcome.ctx.errors.push(
          `Stopped after the run's time limit of ${plural(minutes, 'minute')}; the next sync carries on with the rest`,
        );
      }
      await recordStoresContact(outcome.ctx.db, workspaceId, [...outcome.ctx.reached], new Date()).catch(() => undefined);
      return {
        state: 'done',
        runId,
        result: await finish(db, outcome.ctx, outcome.carry, runStartedAt, outcome.kind === 'finished' ? outcome.fatal : null),
      };
    } finally {
      request.signal?.removeEventListener('abort', cancel);
    }
  } finally {
    lease.stopHeartbeat();
    if (!leaveLease) await lease.release().catch(() => undefined);
  }
}

/** Loops slices in this process until done (CLI, no-Inngest mode, tests). */
export async function runSlicesToEnd(db: Db, workspaceId: string, request: SliceRequest): Promise<SyncResult> {
  const startedAt = new Date();
  for (;;) {
    const outcome = await syncWorkspaceSlice(db, workspaceId, request);
    if (outcome.state === 'done') return outcome.result;
    if (outcome.state === 'already_running') return alreadyRunning(request.trigger, outcome.runId, startedAt);
  }
}

/** A fresh run id for callers that start a run without choosing one. */
export function newRunId(): string {
  return randomUUID();
}

type SliceWork =
  | { kind: 'more'; ctx: RunContext; carry: SyncRunCarry }
  | { kind: 'finished'; ctx: RunContext; carry: SyncRunCarry; fatal: string | null }
  | { kind: 'crashed'; error: unknown };

async function workSlice(input: {
  db: Db;
  workspace: Workspace;
  runId: string;
  request: SliceRequest;
  tuning: SyncTuning;
  controller: AbortController;
  lease: RunLease;
  existing: SyncRun | null;
  runStartedAt: Date;
  deadline: number;
}): Promise<SliceWork> {
  const { db, workspace, runId, request, tuning, controller, lease, existing } = input;
  const earlier = existing?.carry ?? null;
  const resume: ResumedRun | undefined = existing
    ? {
        counts: existing.counts ?? emptyCounts(),
        errors: [...existing.errors],
        held: [...(earlier?.held ?? [])],
        failed: [...(earlier?.failed ?? [])],
        warnings: [...(earlier?.warnings ?? [])],
        progress: (existing.progress as unknown as SyncProgress | null) ?? null,
        pagesSpent: earlier?.pagesSpent,
      }
    : undefined;
  const stores = await listStoresForSync(db, workspace.id);
  const ctx = createRunContext({
    db,
    workspace,
    stores,
    runId,
    tuning,
    options: request,
    controller,
    persistProgress: true,
    fence: () => lease.fence(),
    sliceDeadline: input.deadline,
    resume,
  });
  const lookups: TargetLookups = {
    skus: new SkuCache(earlier?.skus),
    customers: new CustomerDirectory(ctx, earlier?.customersRead),
    pacing: new TargetPacing(earlier?.pacing),
  };
  const carry = async (): Promise<SyncRunCarry> => ({
    held: ctx.held.slice(0, CARRIED_ISSUES),
    failed: ctx.failed.slice(0, CARRIED_ISSUES),
    warnings: ctx.warnings.slice(0, 50),
    requests: (earlier?.requests ?? 0) + ctx.requests(),
    slices: (earlier?.slices ?? 0) + 1,
    pulled: [...new Set([...alreadyPulled, ...ctx.pullsCompleted])],
    skus: lookups.skus.toRecord(),
    customersRead: await lookups.customers.readTargets(),
    pagesSpent: ctx.pageBudget.toRecord(),
    pacing: lookups.pacing.toRecord(),
  });
  // A store an earlier slice read to the end is not read again (its copies made since would only be read back):
  // claims a crashed slice left unfinished are then checked by listing the target's orders created since.
  const alreadyPulled = new Set(earlier?.pulled ?? []);
  if (alreadyPulled.size > 0) ctx.listBeforeResending = true;
  try {
    if (request.sourceOrderIds) await syncSourceOrders(ctx, request.sourceOrderIds);
    else {
      // Like held orders, refunds held on their copies are tried again when a person asks (Sync Now).
      if (ctx.manual && earlier === null) await requestHeldRefundRetries(db, workspace.id);
      await executeRun(ctx, { alreadyPulled, lookups, resumed: earlier !== null });
    }
  } catch (error) {
    if (error instanceof SimulatedCrash || controller.signal.reason instanceof SimulatedCrash) return { kind: 'crashed', error };
    const fatal = describeFatal(controller.signal.reason instanceof LeaseLostError ? controller.signal.reason : error);
    ctx.errors.push(fatal);
    // A cancelled run (lost lease, shutdown) is expected now and then; anything else is ours to look into.
    logError(
      'sync run failed',
      error,
      { workspaceId: workspace.id, runId, trigger: request.trigger },
      controller.signal.aborted ? 'warn' : 'error',
    );
    return { kind: 'finished', ctx, carry: await carry(), fatal };
  }
  if (lease.lost) {
    const fatal = describeFatal(controller.signal.reason);
    ctx.errors.push(fatal);
    logError(
      'sync run stopped writing: its lease was lost',
      controller.signal.reason,
      { workspaceId: workspace.id, runId, trigger: request.trigger },
      'warn',
    );
    return { kind: 'finished', ctx, carry: await carry(), fatal };
  }
  return ctx.sliceEnded ? { kind: 'more', ctx, carry: await carry() } : { kind: 'finished', ctx, carry: await carry(), fatal: null };
}

async function saveSlice(ctx: RunContext, carry: SyncRunCarry): Promise<void> {
  await ctx.progress.flush();
  await saveSyncRunSlice(ctx.db, ctx.workspace.id, ctx.runId, {
    counts: ctx.counts,
    errors: ctx.errors.slice(0, 50),
    carry,
    progress: ctx.progress.snapshot() as unknown as Record<string, unknown>,
  });
}

/** The run's end is written even when the fence has stopped it (through the plain database): its own record only. */
async function finish(db: Db, ctx: RunContext, carry: SyncRunCarry, startedAt: Date, fatal: string | null): Promise<SyncResult> {
  const status = fatal ? 'failed' : ctx.errors.length > 0 || ctx.failed.length > 0 ? 'partial' : 'succeeded';
  const summary = summarise(ctx.counts, ctx.held, ctx.failed, fatal);
  await ctx.progress.setPhase('finishing').catch(() => undefined);
  await finishSyncRun(db, ctx.workspace.id, ctx.runId, {
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
    requests: carry.requests,
    startedAt,
    finishedAt: new Date(),
  };
}

/** A slice of a run that has already ended (a retried step, a late slice after a takeover) reports that end. */
function resultOfClosedRun(run: SyncRun): SyncResult {
  const status = run.status === 'succeeded' || run.status === 'partial' ? run.status : 'failed';
  return {
    runId: run.id,
    status,
    trigger: run.trigger,
    counts: run.counts ?? emptyCounts(),
    held: (run.carry?.held ?? []) as SyncIssue[],
    failed: (run.carry?.failed ?? []) as SyncIssue[],
    warnings: [],
    errors: run.errors,
    summary: run.summary ?? '',
    requests: 0,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? new Date(),
  };
}

export function alreadyRunning(trigger: SyncTrigger, runningRunId: string | null, startedAt: Date): SyncResult {
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
  if (error.message.startsWith('Failed query:'))
    return `database error: ${cause instanceof Error ? cause.message : 'query failed'}`.slice(0, 300);
  return error.message.slice(0, 300);
}
