import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { syncLeases } from '../../db/schema';

export type LeaseHolder = { holder: string; runId: string | null; expiresAt: Date };

/** Takes the workspace's lease if it is free or expired; returns whether we hold it now. */
export async function tryAcquireSyncLease(db: Db, workspaceId: string, holder: string, runId: string, ttlMs: number): Promise<boolean> {
  const expiresAt = sql`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval`;
  const rows = await db
    .insert(syncLeases)
    .values({ workspaceId, holder, runId, expiresAt })
    .onConflictDoUpdate({
      target: syncLeases.workspaceId,
      set: { holder, runId, expiresAt },
      setWhere: sql`${syncLeases.expiresAt} < now() or ${syncLeases.holder} = ${holder}`,
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

export async function getSyncLease(db: Db, workspaceId: string): Promise<LeaseHolder | null> {
  const [row] = await db
    .select({ holder: syncLeases.holder, runId: syncLeases.runId, expiresAt: syncLeases.expiresAt })
    .from(syncLeases)
    .where(and(eq(syncLeases.workspaceId, workspaceId), sql`${syncLeases.expiresAt} >= now()`))
    .limit(1);
  return row ?? null;
}
