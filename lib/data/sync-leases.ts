import 'server-only';

import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { syncLeases } from '@/db/schema';

export type LeaseHolder = { holder: string; runId: string | null; expiresAt: Date };

/**
 * Takes the workspace's lease if it is free, expired, or held by an earlier slice of the same run (whose
 * process is gone: a slice runs only after the one before it ended or was given up). The holder is unique
 * per slice, so a slice that outlived its turn fails its next renewal and stops.
 */
export async function tryAcquireSyncLease(
  db: Db,
  lease: { workspaceId: string; holder: string; runId: string; ttlMs: number },
): Promise<boolean> {
  const { workspaceId, holder, runId, ttlMs } = lease;
  const expiresAt = sql`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval`;
  const rows = await db
    .insert(syncLeases)
    .values({ workspaceId, holder, runId, expiresAt })
    .onConflictDoUpdate({
      target: syncLeases.workspaceId,
      set: { holder, runId, expiresAt },
      setWhere: sql`${syncLeases.expiresAt} < now() or ${syncLeases.holder} = ${holder} or ${syncLeases.runId} = ${runId}`,
    })
    .returning({ holder: syncLeases.holder });
  return rows.length === 1;
}

/** Extends our lease; false means it expired and someone else took it — stop working. */
export async function renewSyncLease(db: Db, workspaceId: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db
    .update(syncLeases)
    .set({ expiresAt: sql`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval` })
    .where(and(eq(syncLeases.workspaceId, workspaceId), eq(syncLeases.holder, holder)))
    .returning({ holder: syncLeases.holder });
  return rows.length === 1;
}

export async function releaseSyncLease(db: Db, workspaceId: string, holder: string): Promise<void> {
  await db.delete(syncLeases).where(and(eq(syncLeases.workspaceId, workspaceId), eq(syncLeases.holder, holder)));
}

/** Frees the workspace from a run that will never continue (its job gave up), whichever slice held it last. */
export async function releaseLeaseOfRun(db: Db, workspaceId: string, runId: string): Promise<void> {
  await db.delete(syncLeases).where(and(eq(syncLeases.workspaceId, workspaceId), eq(syncLeases.runId, runId)));
}

/** The workspace's lease while it is live: at `at`, or now by the database's clock. */
export async function getSyncLease(db: Db, workspaceId: string, at?: Date): Promise<LeaseHolder | null> {
  const [row] = await db
    .select({ holder: syncLeases.holder, runId: syncLeases.runId, expiresAt: syncLeases.expiresAt })
    .from(syncLeases)
    .where(and(eq(syncLeases.workspaceId, workspaceId), gte(syncLeases.expiresAt, at ?? sql`now()`)))
    .limit(1);
  return row ?? null;
}
