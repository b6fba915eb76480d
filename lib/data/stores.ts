import 'server-only';

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orderLinks, orders, stores, type NewStore, type Store, type StoreRole } from '@/db/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A store id from a form or URL that is not even a UUID names no store (and must not reach PostgreSQL). */
function isStoreId(value: string): boolean {
  return UUID.test(value);
}

export async function listStores(db: Db, workspaceId: string): Promise<Store[]> {
  return db
    .select()
    .from(stores)
    .where(eq(stores.workspaceId, workspaceId))
    .orderBy(sql`${stores.role} = 'main' desc`, asc(stores.createdAt));
}

export type StoreSummary = { id: string; name: string; url: string; role: StoreRole };

const mainFirstByName = () => [sql`${stores.role} = 'main' desc`, asc(stores.name)];

/** The workspace's stores, main first, then by name. */
export async function listStoreSummaries(db: Db, workspaceId: string): Promise<StoreSummary[]> {
  return db
    .select({ id: stores.id, name: stores.name, url: stores.url, role: stores.role })
    .from(stores)
    .where(eq(stores.workspaceId, workspaceId))
    .orderBy(...mainFirstByName());
}

export type StoreHealth = StoreSummary & {
  paused: boolean;
  lastContactAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** An error newer than the last successful contact means the store is failing right now. */
  failing: boolean;
};

export async function listStoreHealth(db: Db, workspaceId: string): Promise<StoreHealth[]> {
  const rows = await db
    .select({
      id: stores.id,
      name: stores.name,
      url: stores.url,
      role: stores.role,
      paused: stores.paused,
      lastContactAt: stores.lastContactAt,
      lastError: stores.lastError,
      lastErrorAt: stores.lastErrorAt,
    })
    .from(stores)
    .where(eq(stores.workspaceId, workspaceId))
    .orderBy(...mainFirstByName());
  return rows.map((row) => ({
    ...row,
    failing: Boolean(row.lastError && row.lastErrorAt && (!row.lastContactAt || row.lastErrorAt > row.lastContactAt)),
  }));
}

export async function findStore(db: Db, workspaceId: string, storeId: string): Promise<Store | null> {
  if (!isStoreId(storeId)) return null;
  const [row] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)))
    .limit(1);
  return row ?? null;
}

export async function findStoreByUrl(db: Db, workspaceId: string, url: string): Promise<Store | null> {
  const [row] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.workspaceId, workspaceId), sql`lower(${stores.url}) = lower(${url})`))
    .limit(1);
  return row ?? null;
}

export async function findMainStore(db: Db, workspaceId: string): Promise<Store | null> {
  const [row] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.role, 'main')))
    .limit(1);
  return row ?? null;
}

/** `values.id` comes with the encrypted credentials (they are bound to it), see encryptNewStoreCredentials. */
export async function insertStore(db: Db, workspaceId: string, values: Omit<NewStore, 'workspaceId'>): Promise<Store> {
  const [row] = await db
    .insert(stores)
    .values({ ...values, workspaceId })
    .returning();
  return row;
}

export type StoreChanges = Partial<
  Pick<
    Store,
    | 'name'
    | 'paused'
    | 'receivesMainOrders'
    | 'sendsOrdersToMain'
    | 'consumerKeyEncrypted'
    | 'consumerSecretEncrypted'
    | 'encryptionKeyId'
    | 'consumerKeyLast4'
    | 'currency'
    | 'wooVersion'
    | 'timezone'
    | 'lastContactAt'
    | 'lastError'
    | 'lastErrorAt'
    | 'meta'
    | 'webhookToken'
    | 'webhookSeenAt'
  >
>;

/** Null when the store is not in this workspace. */
export async function updateStore(db: Db, workspaceId: string, storeId: string, changes: StoreChanges): Promise<Store | null> {
  if (!isStoreId(storeId)) return null;
  const [row] = await db
    .update(stores)
    .set(changes)
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)))
    .returning();
  return row ?? null;
}

type StoredCredentials = Pick<Store, 'consumerKeyEncrypted' | 'consumerSecretEncrypted' | 'encryptionKeyId' | 'consumerKeyLast4'>;

/**
 * Compare-and-swap for key rotation: writes only if the credentials are still the ones read, so keys
 * replaced in the meantime are never overwritten with the old ones. False when they changed (or the store is gone).
 */
export async function replaceStoreCredentialsIfUnchanged(
  db: Db,
  workspaceId: string,
  storeId: string,
  read: Pick<Store, 'consumerKeyEncrypted' | 'consumerSecretEncrypted'>,
  next: StoredCredentials,
): Promise<boolean> {
  if (!isStoreId(storeId)) return false;
  const updated = await db
    .update(stores)
    .set(next)
    .where(
      and(
        eq(stores.workspaceId, workspaceId),
        eq(stores.id, storeId),
        eq(stores.consumerKeyEncrypted, read.consumerKeyEncrypted),
        eq(stores.consumerSecretEncrypted, read.consumerSecretEncrypted),
      ),
    )
    .returning({ id: stores.id });
  return updated.length > 0;
}

export async function deleteStore(db: Db, workspaceId: string, storeId: string): Promise<boolean> {
  if (!isStoreId(storeId)) return false;
  const deleted = await db
    .delete(stores)
    .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)))
    .returning({ id: stores.id });
  return deleted.length > 0;
}

/** What removing a store takes with it: its indexed orders (with their history) and the links to copies. */
export async function countStoreHistory(db: Db, workspaceId: string, storeId: string): Promise<{ orders: number; copies: number }> {
  if (!isStoreId(storeId)) return { orders: 0, copies: 0 };
  const [orderCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.storeId, storeId)));
  const [copyCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orderLinks)
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.targetStoreId, storeId), eq(orderLinks.state, 'synced')));
  return { orders: orderCount?.n ?? 0, copies: copyCount?.n ?? 0 };
}

/** Key rotation walks tenants one by one: the workspaces that hold any store. */
export async function listWorkspaceIdsWithStores(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ workspaceId: stores.workspaceId }).from(stores);
  return rows.map((row) => row.workspaceId);
}
