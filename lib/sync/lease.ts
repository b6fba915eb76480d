import type { Db } from '../../db/client';
import { getSyncLease, renewSyncLease, tryAcquireSyncLease } from '../data/sync-leases';
import { sleep } from '../woo/backoff';
import type { SyncTuning } from './tuning';

/** Waits up to `leaseWaitMs` for the workspace's lease; false means another run still holds it. */
export async function acquireLeaseWithWait(db: Db, workspaceId: string, holder: string, runId: string, tuning: SyncTuning, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + tuning.leaseWaitMs;
  for (;;) {
    if (await tryAcquireSyncLease(db, workspaceId, holder, runId, tuning.leaseTtlMs)) return true;
    if (Date.now() + tuning.leasePollMs > deadline || signal?.aborted) return false;
    await sleep(tuning.leasePollMs, signal).catch(() => undefined);
  }
}

/** Renews the lease while the run works; if it is ever lost, the run is stopped before it can overlap another. */
export function keepLeaseAlive(db: Db, workspaceId: string, holder: string, tuning: SyncTuning, onLost: () => void): () => void {
  const timer = setInterval(() => {
    renewSyncLease(db, workspaceId, holder, tuning.leaseTtlMs)
      .then((held) => {
        if (!held) onLost();
      })
      .catch(() => undefined);
  }, Math.max(50, Math.floor(tuning.leaseTtlMs / 3)));
  timer.unref?.();
  return () => clearInterval(timer);
}

export async function runningSyncId(db: Db, workspaceId: string): Promise<string | null> {
  return (await getSyncLease(db, workspaceId))?.runId ?? null;
}
