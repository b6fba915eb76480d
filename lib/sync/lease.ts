import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { getSyncLease, releaseSyncLease, renewSyncLease, tryAcquireSyncLease } from '@/lib/data/sync-leases';
import { sleep } from '@/lib/utils/sleep';
import type { SyncTuning } from './tuning';

/** Thrown by the fence: the run can no longer be sure it alone holds the workspace, so it writes nothing more. */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

/**
 * The workspace's lease as one slice of a run holds it. `fence()` runs before every write the engine makes
 * (to the database or to a store): it passes only while the lease, as last confirmed by a successful renewal,
 * has more than `leaseSafetyMarginMs` left. The expiry is reckoned from when the renewal was *sent*, on this
 * process's clock only, so it never runs later than the database's own `now() + ttl`.
 */
export class RunLease {
  private confirmedUntil: number;
  private lostReason: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private renewing: Promise<void> | null = null;
  private lastRenewalError: string | null = null;

  private constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    readonly holder: string,
    private readonly tuning: SyncTuning,
    requestedAt: number,
    private readonly onLost: (error: LeaseLostError) => void,
  ) {
    this.confirmedUntil = requestedAt + tuning.leaseTtlMs;
  }

  /** Waits up to `leaseWaitMs` for the workspace; null means another run still holds it. */
  static async acquire(
    db: Db,
    workspaceId: string,
    runId: string,
    tuning: SyncTuning,
    onLost: (error: LeaseLostError) => void,
    signal?: AbortSignal,
  ): Promise<RunLease | null> {
    const holder = `run:${runId}:${randomUUID().slice(0, 8)}`;
    const deadline = Date.now() + tuning.leaseWaitMs;
    for (;;) {
      const requestedAt = Date.now();
      if (await tryAcquireSyncLease(db, { workspaceId, holder, runId, ttlMs: tuning.leaseTtlMs })) {
        return new RunLease(db, workspaceId, holder, tuning, requestedAt, onLost);
      }
      if (Date.now() + tuning.leasePollMs > deadline || signal?.aborted) return null;
      await sleep(tuning.leasePollMs, signal).catch(() => undefined);
    }
  }

  /** Renews every `leaseHeartbeatMs`; a failed renewal is retried by the next beat while the fence counts down. */
  startHeartbeat(): void {
    this.timer = setInterval(() => void this.renew(), this.tuning.leaseHeartbeatMs);
    this.timer.unref?.();
  }

  renew(): Promise<void> {
    if (this.lostReason) return Promise.resolve();
    this.renewing ??= this.sendRenewal().finally(() => (this.renewing = null));
    return this.renewing;
  }

  private async sendRenewal(): Promise<void> {
    const sentAt = Date.now();
    try {
      if (await renewSyncLease(this.db, this.workspaceId, this.holder, this.tuning.leaseTtlMs)) {
        this.confirmedUntil = Math.max(this.confirmedUntil, sentAt + this.tuning.leaseTtlMs);
        this.lastRenewalError = null;
      } else {
        this.lose('another run took the workspace over');
      }
    } catch (error) {
      this.lastRenewalError = error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
    }
  }

  /** Throws unless the lease is certainly still ours for longer than the safety margin. */
  fence(): void {
    if (this.lostReason) throw new LeaseLostError(this.lostReason);
    if (Date.now() + this.tuning.leaseSafetyMarginMs > this.confirmedUntil) {
      const cause = this.lastRenewalError ? `: ${this.lastRenewalError}` : '';
      this.lose(`its lease could not be renewed in time${cause}`);
      throw new LeaseLostError(this.lostReason!);
    }
  }

  get lost(): boolean {
    return this.lostReason !== null;
  }

  stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** At the end of a slice with work left: the lease stays for one TTL, for the next slice to take over. */
  async holdForNextSlice(): Promise<void> {
    this.stopHeartbeat();
    await this.renewing;
    if (!this.lostReason) await renewSyncLease(this.db, this.workspaceId, this.holder, this.tuning.leaseTtlMs).catch(() => false);
  }

  async release(): Promise<void> {
    this.stopHeartbeat();
    await this.renewing;
    await releaseSyncLease(this.db, this.workspaceId, this.holder);
  }

  private lose(reason: string): void {
    if (this.lostReason) return;
    this.lostReason = `The sync stopped writing: ${reason}. Another sync carries on with its orders.`;
    this.stopHeartbeat();
    this.onLost(new LeaseLostError(this.lostReason));
  }
}

export async function runningSyncId(db: Db, workspaceId: string): Promise<string | null> {
  return (await getSyncLease(db, workspaceId))?.runId ?? null;
}
