import type { Db } from '@/db/client';
import { WEBHOOK_TOPICS, type Store, type StoreWebhook } from '@/db/schema';
import { decryptStoreCredentials } from '@/lib/crypto/store-credentials';
import { listStoreWebhooks, updateStoreWebhookStatus } from '@/lib/data/store-webhooks';
import { listStores } from '@/lib/data/stores';
import { logError } from '@/lib/log';
import { webhookDeliveryUrl } from './webhook-config';
import { createStoreWebhook, registerStoreWebhooks, webhookClient, type RemoteWebhook, type WebhookSetup } from './registration';

/** A store's webhooks are looked at most this often, and not at all while they deliver. */
export const WEBHOOK_CHECK_INTERVAL_MS = 25 * 60_000;

/** Scheduled ticks that look at webhooks: two an hour (`…T10:00Z`, `…T10:30Z`), so other ticks cost nothing. */
export function isWebhookHealthTick(tick: string | undefined): boolean {
  const minute = Number(/T\d{2}:(\d{2})Z$/.exec(tick ?? '')?.[1]);
  return Number.isInteger(minute) && minute % 30 === 0;
}

export type WebhookHealthReport = { storesChecked: number; repaired: number };

function due(rows: StoreWebhook[], store: Store, now: Date): boolean {
  const lastCheck = Math.min(...rows.map((row) => row.checkedAt.getTime()));
  if (now.getTime() - lastCheck < WEBHOOK_CHECK_INTERVAL_MS) return false;
  // A delivery within the interval shows the store is sending: nothing to ask it.
  const recentlySeen = store.webhookSeenAt && now.getTime() - store.webhookSeenAt.getTime() < WEBHOOK_CHECK_INTERVAL_MS;
  return !(recentlySeen && rows.every((row) => row.status === 'active'));
}

/**
 * Run on scheduled ticks: for each store whose webhooks are due a look, one list request; a webhook WooCommerce
 * disabled (after failed deliveries) is switched back on, a deleted one created again, one the merchant paused
 * is left paused (that store keeps being polled). Stores connected before webhooks were configured get theirs.
 */
export async function repairWorkspaceWebhooks(
  db: Db,
  workspaceId: string,
  setup: WebhookSetup,
  now: Date = new Date(),
): Promise<WebhookHealthReport> {
  const report: WebhookHealthReport = { storesChecked: 0, repaired: 0 };
  const rows = await listStoreWebhooks(db, workspaceId);
  for (const store of await listStores(db, workspaceId)) {
    const own = rows.filter((row) => row.storeId === store.id);
    try {
      if (own.length === 0 || !store.webhookToken) {
        report.storesChecked += 1;
        await registerStoreWebhooks(db, store, setup);
        report.repaired += 1;
        continue;
      }
      if (!due(own, store, now)) continue;
      report.storesChecked += 1;
      report.repaired += await repairStore(db, { ...store, webhookToken: store.webhookToken }, own, setup, now);
    } catch (error) {
      logError('Webhook health check failed', error, { workspaceId, storeId: store.id });
      for (const row of own)
        await updateStoreWebhookStatus(db, workspaceId, store.id, row.topic, {
          status: row.status,
          lastError: 'The store could not be asked about its webhooks; polling continues.',
          checkedAt: now,
        });
    }
  }
  return report;
}

async function repairStore(
  db: Db,
  store: Store & { webhookToken: string },
  rows: StoreWebhook[],
  setup: WebhookSetup,
  now: Date,
): Promise<number> {
  const client = webhookClient(store, decryptStoreCredentials(store, setup.keyring), setup.tuning);
  const { data: remote } = await client.request<RemoteWebhook[]>('get', 'webhooks', { query: { per_page: 100, status: 'all' } });
  let repaired = 0;
  for (const topic of WEBHOOK_TOPICS) {
    const row = rows.find((candidate) => candidate.topic === topic);
    const found = row?.remoteId != null ? remote.find((webhook) => webhook.id === row.remoteId) : undefined;
    if (!found) {
      await createStoreWebhook(db, client, store, store.webhookToken, topic, setup);
      repaired += 1;
      continue;
    }
    const deliveryUrl = webhookDeliveryUrl(setup.config, store.webhookToken);
    // The app moved (a new public address): the webhook follows it.
    if (found.delivery_url !== deliveryUrl) await client.request('put', `webhooks/${found.id}`, { body: { delivery_url: deliveryUrl } });
    if (found.status === 'disabled') {
      await client.request('put', `webhooks/${found.id}`, { body: { status: 'active' } });
      await updateStoreWebhookStatus(db, store.workspaceId, store.id, topic, { status: 'active', lastError: null, checkedAt: now });
      repaired += 1;
      continue;
    }
    const status = found.status === 'paused' ? 'paused' : 'active';
    await updateStoreWebhookStatus(db, store.workspaceId, store.id, topic, { status, lastError: null, checkedAt: now });
  }
  return repaired;
}

/** For the scheduled tick: a health check's failure is logged, never the tick's failure. */
export async function checkWebhooksQuietly(db: Db, workspaceId: string, setup: WebhookSetup): Promise<WebhookHealthReport | null> {
  try {
    return await repairWorkspaceWebhooks(db, workspaceId, setup);
  } catch (error) {
    logError('Webhook health check failed', error, { workspaceId });
    return null;
  }
}
