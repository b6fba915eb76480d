import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { WEBHOOK_TOPICS, type Store, type StoreWebhookStatus, type WebhookTopic } from '@/db/schema';
import type { EncryptionKeyring } from '@/lib/crypto/encryption-keys';
import { decryptStoreCredentials, type StoreCredentials } from '@/lib/crypto/store-credentials';
import { encryptWebhookSecret, newWebhookSecret } from '@/lib/crypto/webhook-secrets';
import { deleteStoreWebhooks, listWebhooksOfStore, saveStoreWebhook } from '@/lib/data/store-webhooks';
import { updateStore } from '@/lib/data/stores';
import { logError } from '@/lib/log';
import { resolveTuning, type SyncTuning } from '@/lib/sync/tuning';
import { createWooClient, type WooClient } from '@/lib/woo/client';
import { isWooRequestError } from '@/lib/woo/errors';
import { webhookConfigFromEnv, webhookDeliveryUrl, type WebhookConfig } from './webhook-config';

/** How registration reaches stores: the app's delivery address, and (tests) the keyring and tuning. */
export type WebhookSetup = { config: NonNullable<WebhookConfig>; keyring?: EncryptionKeyring; tuning?: Partial<SyncTuning> };

export type RemoteWebhook = { id: number; status: string; topic: string; delivery_url: string };

const REGISTRATION_TIMEOUT_MS = 15_000;

export function newWebhookToken(): string {
  return randomBytes(32).toString('base64url');
}

export function webhookClient(store: Store, credentials: StoreCredentials, tuning?: Partial<SyncTuning>): WooClient {
  const resolved = resolveTuning({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, ...tuning });
  return createWooClient({
    url: store.url,
    ...credentials,
    concurrency: 2,
    connectTimeoutMs: resolved.connectTimeoutMs,
    responseTimeoutMs: REGISTRATION_TIMEOUT_MS,
    requestDeadlineMs: REGISTRATION_TIMEOUT_MS,
    maxResponseBytes: 1_000_000,
    retry: resolved.retry,
    httpAgent: resolved.httpAgent,
    httpsAgent: resolved.httpsAgent,
  });
}

/** What a merchant reads when a webhook could not be set up; the store is polled either way. */
export function describeWebhookFailure(error: unknown): string {
  if (isWooRequestError(error) && (error.status === 401 || error.status === 403)) {
    return 'The store refused to create a webhook with these keys (they need Read/Write permission and a user allowed to manage WooCommerce).';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `The webhook could not be created: ${detail.slice(0, 300)}`;
}

/** Creates one topic's webhook on the store with a fresh secret, and records it (or why it failed). */
export async function createStoreWebhook(
  db: Db,
  client: WooClient,
  store: Store,
  token: string,
  topic: WebhookTopic,
  setup: WebhookSetup,
): Promise<StoreWebhookStatus> {
  const secret = newWebhookSecret();
  const secretEncrypted = encryptWebhookSecret(store.id, topic, secret, setup.keyring);
  const checkedAt = new Date();
  try {
    const response = await client.request<RemoteWebhook>('post', 'webhooks', {
      body: { name: `Orderbridge ${topic}`, topic, delivery_url: webhookDeliveryUrl(setup.config, token), secret, status: 'active' },
    });
    await saveStoreWebhook(db, store.workspaceId, store.id, {
      topic,
      remoteId: response.data.id,
      secretEncrypted,
      status: 'active',
      lastError: null,
      checkedAt,
    });
    return 'active';
  } catch (error) {
    logError('Webhook registration failed', error, { workspaceId: store.workspaceId, storeId: store.id, topic });
    await saveStoreWebhook(db, store.workspaceId, store.id, {
      topic,
      remoteId: null,
      secretEncrypted,
      status: 'failed',
      lastError: describeWebhookFailure(error),
      checkedAt,
    });
    return 'failed';
  }
}

/**
 * Registers `order.created` and `order.updated` on a connected store, each with its own secret, delivered to a
 * URL carrying the store's opaque token. Never throws for the store's sake: a failure is recorded on the
 * webhook's row and shown on the stores page, and the store is polled as before.
 */
export async function registerStoreWebhooks(db: Db, store: Store, setup: WebhookSetup, credentials?: StoreCredentials): Promise<void> {
  const token = store.webhookToken ?? newWebhookToken();
  if (!store.webhookToken) await updateStore(db, store.workspaceId, store.id, { webhookToken: token });
  const client = webhookClient(store, credentials ?? decryptStoreCredentials(store, setup.keyring), setup.tuning);
  for (const topic of WEBHOOK_TOPICS) await createStoreWebhook(db, client, { ...store, webhookToken: token }, token, topic, setup);
}

/**
 * Deletes the store's webhooks on the store (with the keys that created them) and forgets them. A store that
 * no longer answers, or already deleted them, is not an error: its rows go anyway.
 */
export async function deregisterStoreWebhooks(
  db: Db,
  store: Store,
  options: { keyring?: EncryptionKeyring; tuning?: Partial<SyncTuning> } = {},
  credentials?: StoreCredentials,
): Promise<void> {
  const rows = await listWebhooksOfStore(db, store.workspaceId, store.id);
  const registered = rows.filter((row) => row.remoteId !== null);
  if (registered.length > 0) {
    const client = webhookClient(store, credentials ?? decryptStoreCredentials(store, options.keyring), options.tuning);
    await Promise.all(
      registered.map((row) =>
        client.request('delete', `webhooks/${row.remoteId}`, { query: { force: true } }).catch((error: unknown) => {
          if (isWooRequestError(error) && error.status === 404) return;
          logError('Webhook removal failed', error, { workspaceId: store.workspaceId, storeId: store.id, topic: row.topic });
        }),
      ),
    );
  }
  await deleteStoreWebhooks(db, store.workspaceId, store.id);
}

/** The app's webhook setup from its environment; null when stores cannot deliver to it (polling only). */
export function webhookSetupFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSetup | null {
  const config = webhookConfigFromEnv(env);
  return config ? { config } : null;
}
