import 'server-only';

import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { storeWebhooks, stores, type Store, type StoreWebhook, type StoreWebhookStatus, type WebhookTopic } from '@/db/schema';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * The store a delivery URL's token names, with its webhooks. The token is the only scope a store's delivery
 * has (WooCommerce knows no workspace); the signature, checked against these rows' secrets, proves the sender.
 */
export async function findStoreByWebhookToken(db: Db, token: string): Promise<{ store: Store; webhooks: StoreWebhook[] } | null> {
  if (!TOKEN.test(token)) return null;
  const [store] = await db.select().from(stores).where(eq(stores.webhookToken, token)).limit(1);
  if (!store) return null;
  const webhooks = await db.select().from(storeWebhooks).where(eq(storeWebhooks.storeId, store.id));
  return { store, webhooks };
}

export async function listStoreWebhooks(db: Db, workspaceId: string): Promise<StoreWebhook[]> {
  return db.select().from(storeWebhooks).where(eq(storeWebhooks.workspaceId, workspaceId));
}

export async function listWebhooksOfStore(db: Db, workspaceId: string, storeId: string): Promise<StoreWebhook[]> {
  return db
    .select()
    .from(storeWebhooks)
    .where(and(eq(storeWebhooks.workspaceId, workspaceId), eq(storeWebhooks.storeId, storeId)));
}

export type StoreWebhookWrite = {
  topic: WebhookTopic;
  remoteId: number | null;
  secretEncrypted: string;
  status: StoreWebhookStatus;
  lastError: string | null;
  checkedAt: Date;
};

export async function saveStoreWebhook(db: Db, workspaceId: string, storeId: string, row: StoreWebhookWrite): Promise<void> {
  await db
    .insert(storeWebhooks)
    .values({ workspaceId, storeId, ...row })
    .onConflictDoUpdate({
      target: [storeWebhooks.storeId, storeWebhooks.topic],
      set: {
        remoteId: row.remoteId,
        secretEncrypted: row.secretEncrypted,
        status: row.status,
        lastError: row.lastError,
        checkedAt: row.checkedAt,
      },
    });
}

export async function updateStoreWebhookStatus(
  db: Db,
  workspaceId: string,
  storeId: string,
  topic: WebhookTopic,
  changes: { status: StoreWebhookStatus; lastError: string | null; checkedAt: Date },
): Promise<void> {
  await db
    .update(storeWebhooks)
    .set(changes)
    .where(and(eq(storeWebhooks.workspaceId, workspaceId), eq(storeWebhooks.storeId, storeId), eq(storeWebhooks.topic, topic)));
}

export async function deleteStoreWebhooks(db: Db, workspaceId: string, storeId: string): Promise<void> {
  await db.delete(storeWebhooks).where(and(eq(storeWebhooks.workspaceId, workspaceId), eq(storeWebhooks.storeId, storeId)));
}
