import type http from 'node:http';
import type https from 'node:https';
import type { BackoffPolicy } from '@/lib/woo/backoff';
import { WOO_CLIENT_DEFAULTS } from '@/lib/woo/client';
import { createGuardedAgents, type GuardedAgents } from '@/lib/net/guarded-agents';
import { privateStoreUrlsAllowed } from '@/lib/net/guarded-lookup';

export type SyncTuning = {
  /** Most requests in flight per store; batches ramp up to it only while the store gets faster for it. */
  storeConcurrency: number;
  connectTimeoutMs: number;
  /** Per request attempt, for the whole exchange (not an idle timeout): a trickling store cannot stretch it. */
  responseTimeoutMs: number;
  /** A read and all its retries end within this. */
  requestDeadlineMs: number;
  /** Most bytes of one store answer read into memory, counted unpacked; past it that request fails. */
  maxResponseBytes: number;
  /**
   * Most list pages read from one store in one run, all listings together (its orders, customer accounts,
   * copies to adopt). A pull that reaches it stops at its saved cursor and the next run goes on from there.
   */
  maxStorePagesPerRun: number;
  /**
   * A batch is sized so one request should take about this long at the store's observed speed: two thirds
   * of the 30 s `max_execution_time` most hosts set, so a batch of 100 at a typical 150 ms per order fits
   * with a third to spare for a store that slows down.
   */
  batchBudgetMs: number;
  /** How long to wait for a batch's answer before treating it as ambiguous. */
  batchTimeoutMs: number;
  retry: BackoffPolicy & { attempts: number };
  /** When a failure the store did not apply is tried again by a later run. */
  retryLaterMs: number;
  /** How long the workspace stays held after the last renewal: a crashed run frees it within this. */
  leaseTtlMs: number;
  /** How often a running slice renews its lease. */
  leaseHeartbeatMs: number;
  /** A run writes nothing once its lease, as last confirmed, has less than this left (the fence). */
  leaseSafetyMarginMs: number;
  /** A slice stops at its next safe point after this long when its caller gives no budget of its own. */
  sliceBudgetMs: number;
  /** A whole run, over all its slices, stops after this long and leaves the rest to the next run (a hostile store cannot hold a workspace forever). */
  runBudgetMs: number;
  /** How long a second trigger waits for the running sync before reporting it. */
  leaseWaitMs: number;
  leasePollMs: number;
  /** A claim younger than this may still be in flight on the store (a host can keep working after we hang up). */
  staleClaimGraceMs: number;
  /** Slack for clock differences when listing a target's orders created since a claim. */
  adoptionMarginMs: number;
  /** Fewest milliseconds between progress writes. */
  progressIntervalMs: number;
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
};

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  storeConcurrency: 4,
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 60_000,
  requestDeadlineMs: WOO_CLIENT_DEFAULTS.requestDeadlineMs,
  maxResponseBytes: WOO_CLIENT_DEFAULTS.maxResponseBytes,
  // 200,000 orders: the benchmarks' 10,000-order backfill reads 102 pages, their 100,000-order pull 1,043.
  maxStorePagesPerRun: 2_000,
  batchBudgetMs: 20_000,
  batchTimeoutMs: 90_000,
  retry: { attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000 },
  retryLaterMs: 5 * 60_000,
  leaseTtlMs: 20_000,
  leaseHeartbeatMs: 5_000,
  leaseSafetyMarginMs: 5_000,
  sliceBudgetMs: 240_000,
  runBudgetMs: 30 * 60_000,
  leaseWaitMs: 3_000,
  leasePollMs: 250,
  staleClaimGraceMs: 120_000,
  adoptionMarginMs: 15 * 60_000,
  progressIntervalMs: 1_000,
};

const guardedAgentsByPolicy = new Map<boolean, GuardedAgents>();

/** Every store request goes through the SSRF guard unless a caller brings its own agents. */
function defaultStoreAgents(): GuardedAgents {
  const allowPrivate = privateStoreUrlsAllowed();
  let agents = guardedAgentsByPolicy.get(allowPrivate);
  if (!agents) {
    agents = createGuardedAgents({ allowPrivate, keepAlive: true });
    guardedAgentsByPolicy.set(allowPrivate, agents);
  }
  return agents;
}

export function resolveTuning(overrides: Partial<SyncTuning> | undefined): SyncTuning {
  const agents = overrides?.httpAgent && overrides?.httpsAgent ? undefined : defaultStoreAgents();
  return {
    ...DEFAULT_SYNC_TUNING,
    httpAgent: agents?.httpAgent,
    httpsAgent: agents?.httpsAgent,
    ...overrides,
    retry: { ...DEFAULT_SYNC_TUNING.retry, ...overrides?.retry },
  };
}
