import 'server-only';

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { stores, type Store } from '@/db/schema';

/** The sync's view of a workspace's stores: main first, then substores in connection order. */
export async function listStoresForSync(db: Db, workspaceId: string): Promise<Store[]> {
  return db
    .select()
    .from(stores)
    .where(eq(stores.workspaceId, workspaceId))
    .orderBy(sql`${stores.role} = 'main' desc`, asc(stores.createdAt));
}

export type PullCursor = { modifiedGmt: Date | null; seenIds: number[] };

export async function saveStorePullCursor(db: Db, workspaceId: string, storeId: string, cursor: PullCursor): Promise<void> {
  await db
    .update(stores)
    .set({ pullCursorModifiedGmt: cursor.modifiedGmt, pullCursorSeenIds: cursor.seenIds })
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)));
}

export async function saveStoreBatchSize(db: Db, workspaceId: string, storeId: string, batchSize: number): Promise<void> {
  await db
    .update(stores)
    .set({ batchSize })
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)));
}

/** One statement for every store a run reached: clears their last error. */
export async function recordStoresContact(db: Db, workspaceId: string, storeIds: string[], at: Date): Promise<void> {
  if (storeIds.length === 0) return;
  await db
    .update(stores)
    .set({ lastContactAt: at, lastError: null, lastErrorAt: null })
    .where(and(eq(stores.workspaceId, workspaceId), inArray(stores.id, storeIds)));
}

export async function recordStoreError(db: Db, workspaceId: string, storeId: string, message: string, at: Date): Promise<void> {
  await db
    .update(stores)
    .set({ lastError: message.slice(0, 1000), lastErrorAt: at })
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)));
}
