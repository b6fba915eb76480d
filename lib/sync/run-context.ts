import type { Db } from '@/db/client';
import type { Store, SyncCounts, SyncTrigger, Workspace } from '@/db/schema';
import { recordOrderEvents, type NewOrderEvent } from '@/lib/data/order-events';
import { updateSyncRunProgress } from '@/lib/data/sync-runs';
import type { WooClient } from '@/lib/woo/client';
import { PageBudget } from './page-budget';
import { Pulse } from '@/lib/utils/pulse';
import { fencedClient, fencedDb } from './fencing';
import { clientForStore } from './store-client';
import { emptyCounts, type SyncIssue } from './summary';
import type { SyncTuning } from './tuning';
import { SimulatedCrash, type CrashPoint, type StoreProgress, type SyncOptions, type SyncProgress } from './types';

export type RunContext = {
  db: Db;
  workspace: Workspace;
  runId: string;
  trigger: SyncTrigger;
  tuning: SyncTuning;
  stores: Store[];
  main: Store | null;
  storesById: Map<string, Store>;
  signal: AbortSignal;
  counts: SyncCounts;
  held: SyncIssue[];
  failed: SyncIssue[];
  warnings: string[];
  errors: string[];
  /** Emits after each pulled page is committed, so pushes can start on links planned so far. */
  pagesIndexed: Pulse;
  /** Stores answered by at least one request this run. */
  reached: Set<string>;
  /** List pages each store may still send this run. */
  pageBudget: PageBudget;
  /** Stores this slice read to the end. */
  pullsCompleted: Set<string>;
  client(store: Store): WooClient;
  requests(): number;
  checkpoint(point: CrashPoint): void;
  events(events: NewOrderEvent[]): Promise<void>;
  progress: ProgressTracker;
  /** Manual triggers retry held orders and permanent failures too. */
  manual: boolean;
  /** Without a pull of the target this run, unfinished claims are checked by listing the target's recent orders. */
  listBeforeResending: boolean;
  /** Throws unless the run still certainly holds the workspace's lease; `db` and store writes call it themselves. */
  fence(): void;
  /**
   * Asked at safe points (a page committed, before a batch, between notes): true once the slice's time is
   * spent, or would be within `withinMs` (the expected length of the next step), and that point should stop.
   * Records that the slice ended with work left.
   */
  budgetSpent(withinMs?: number): boolean;
  /** A safe point stopped because the slice's budget was spent: work remains for the next slice. */
  sliceEnded: boolean;
};

/** What earlier slices of the same run did, carried into the next one. */
export type ResumedRun = {
  counts: SyncCounts;
  held: SyncIssue[];
  failed: SyncIssue[];
  warnings: string[];
  errors: string[];
  progress: SyncProgress | null;
  pagesSpent?: Record<string, number>;
};

export function createRunContext(input: {
  db: Db;
  workspace: Workspace;
  stores: Store[];
  runId: string;
  tuning: SyncTuning;
  options: SyncOptions;
  controller: AbortController;
  persistProgress: boolean;
  fence: () => void;
  /** When this slice should stop at its next safe point (epoch ms). */
  sliceDeadline: number;
  resume?: ResumedRun;
}): RunContext {
  const { workspace, stores, runId, tuning, options, controller, fence, resume } = input;
  const db = fencedDb(input.db, fence);
  const clients = new Map<string, WooClient>();
  const ctx: RunContext = {
    db,
    workspace,
    runId,
    trigger: options.trigger,
    tuning,
    stores,
    main: stores.find((s) => s.role === 'main') ?? null,
    storesById: new Map(stores.map((s) => [s.id, s])),
    signal: controller.signal,
    counts: resume?.counts ?? emptyCounts(),
    held: resume?.held ?? [],
    failed: resume?.failed ?? [],
    warnings: resume?.warnings ?? [],
    errors: resume?.errors ?? [],
    reached: new Set(),
    pageBudget: new PageBudget(tuning.maxStorePagesPerRun, resume?.pagesSpent),
    pullsCompleted: new Set(),
    pagesIndexed: new Pulse(),
    manual: options.trigger !== 'schedule' && options.trigger !== 'webhook',
    listBeforeResending: false,
    client(store) {
      let client = clients.get(store.id);
      if (!client) {
        client = fencedClient(clientForStore(store, tuning, controller.signal), fence);
        clients.set(store.id, client);
      }
      return client;
    },
    requests: () => [...clients.values()].reduce((sum, c) => sum + c.stats.requests, 0),
    checkpoint(point) {
      if (options.crashAt?.(point)) {
        const crash = new SimulatedCrash(point);
        controller.abort(crash);
        throw crash;
      }
      if (controller.signal.aborted) throw controller.signal.reason ?? new Error('The sync was cancelled');
    },
    events: (events) =>
      recordOrderEvents(
        db,
        workspace.id,
        events.map((e) => ({ ...e, runId })),
      ),
    progress: new ProgressTracker(
      runId,
      stores,
      (p, force) => {
        options.onProgress?.(p);
        if (input.persistProgress) return writeProgress(p, force);
        return Promise.resolve();
      },
      resume?.progress ?? null,
    ),
    fence,
    budgetSpent(withinMs = 0) {
      if (Date.now() + withinMs < input.sliceDeadline) return false;
      ctx.sliceEnded = true;
      return true;
    },
    sliceEnded: false,
  };
  let lastWrite = Date.now();
  function writeProgress(progress: SyncProgress, force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - lastWrite < tuning.progressIntervalMs) return Promise.resolve();
    lastWrite = now;
    return updateSyncRunProgress(db, workspace.id, runId, progress as unknown as Record<string, unknown>).catch(() => undefined);
  }
  return ctx;
}

/**
 * A run's progress across all its slices. A later slice lists again the work an earlier one had counted in
 * `total` and not done yet; it counts into `total` only what goes beyond that, so done, pulled and total
 * only ever grow.
 */
export class ProgressTracker {
  private readonly stores: Map<string, StoreProgress>;
  private readonly earlier = new Map<string, { done: number; leftOver: number; listed: number }>();
  private phase: SyncProgress['phase'] = 'pulling';

  constructor(
    private readonly runId: string,
    stores: Store[],
    private readonly publish: (progress: SyncProgress, force: boolean) => Promise<void>,
    resumed: SyncProgress | null = null,
  ) {
    const before = new Map((resumed?.stores ?? []).map((s) => [s.storeId, s]));
    this.stores = new Map(
      stores.map((s) => {
        const prior = before.get(s.id);
        if (prior) this.earlier.set(s.id, { done: prior.done, leftOver: Math.max(0, prior.total - prior.done), listed: 0 });
        return [
          s.id,
          {
            storeId: s.id,
            name: s.name,
            role: s.role,
            phase: 'waiting',
            pulled: prior?.pulled ?? 0,
            done: prior?.done ?? 0,
            total: prior?.total ?? 0,
          },
        ];
      }),
    );
  }

  snapshot(): SyncProgress {
    const stores = [...this.stores.values()].map((s) => ({ ...s }));
    return {
      runId: this.runId,
      phase: this.phase,
      stores,
      done: stores.reduce((n, s) => n + s.done, 0),
      total: stores.reduce((n, s) => n + s.total, 0),
    };
  }

  setPhase(phase: SyncProgress['phase']): Promise<void> {
    this.phase = phase;
    return this.publish(this.snapshot(), false);
  }

  update(storeId: string, change: Partial<Omit<StoreProgress, 'storeId' | 'name' | 'role'>>, force = false): Promise<void> {
    const current = this.stores.get(storeId);
    if (!current) return Promise.resolve();
    Object.assign(current, change);
    return this.publish(this.snapshot(), force);
  }

  add(storeId: string, field: 'pulled' | 'done' | 'total', amount: number): Promise<void> {
    const current = this.stores.get(storeId);
    if (!current || amount === 0) return Promise.resolve();
    const earlier = this.earlier.get(storeId);
    if (field === 'total' && earlier) {
      earlier.listed += amount;
      current.total = Math.max(current.total, earlier.done + Math.max(earlier.leftOver, earlier.listed));
    } else current[field] += amount;
    return this.publish(this.snapshot(), false);
  }

  flush(): Promise<void> {
    return this.publish(this.snapshot(), true);
  }
}
