import type { Db } from '../../db/client';
import type { Store, SyncCounts, SyncTrigger, Workspace } from '../../db/schema';
import { recordOrderEvents, type NewOrderEvent } from '../data/order-events';
import { updateSyncRunProgress } from '../data/sync-runs';
import type { WooClient } from '../woo/client';
import { PageBudget } from './page-budget';
import { Pulse } from './pulse';
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
  client(store: Store): WooClient;
  requests(): number;
  checkpoint(point: CrashPoint): void;
  events(events: NewOrderEvent[]): Promise<void>;
  progress: ProgressTracker;
  /** Manual triggers retry held orders and permanent failures too. */
  manual: boolean;
  /** Without a pull of the target this run, unfinished claims are checked by listing the target's recent orders. */
  listBeforeResending: boolean;
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
}): RunContext {
  const { db, workspace, stores, runId, tuning, options, controller } = input;
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
    counts: emptyCounts(),
    held: [],
    failed: [],
    warnings: [],
    errors: [],
    reached: new Set(),
    pageBudget: new PageBudget(tuning.maxStorePagesPerRun),
    pagesIndexed: new Pulse(),
    manual: options.trigger !== 'schedule' && options.trigger !== 'webhook',
    listBeforeResending: false,
    client(store) {
      let client = clients.get(store.id);
      if (!client) {
        client = clientForStore(store, tuning, controller.signal);
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
    events: (events) => recordOrderEvents(db, workspace.id, events.map((e) => ({ ...e, runId }))),
    progress: new ProgressTracker(runId, stores, (p, force) => {
      options.onProgress?.(p);
      if (input.persistProgress) return writeProgress(p, force);
      return Promise.resolve();
    }),
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

export class ProgressTracker {
  private readonly stores: Map<string, StoreProgress>;
  private phase: SyncProgress['phase'] = 'pulling';

  constructor(
    private readonly runId: string,
    stores: Store[],
    private readonly publish: (progress: SyncProgress, force: boolean) => Promise<void>,
  ) {
    this.stores = new Map(stores.map((s) => [s.id, { storeId: s.id, name: s.name, role: s.role, phase: 'waiting', pulled: 0, done: 0, total: 0 }]));
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
    current[field] += amount;
    return this.publish(this.snapshot(), false);
  }

  flush(): Promise<void> {
    return this.publish(this.snapshot(), true);
  }
}
