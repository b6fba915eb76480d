import type { Db } from '@/db/client';
import type { StoreWebhook } from '@/db/schema';
import { listStoreWebhooks } from '@/lib/data/store-webhooks';
import { listStores } from '@/lib/data/stores';

export type WebhookStatusView = { state: 'active' | 'attention' | 'off'; label: string; lastDeliveryAt: Date | null };

const POLLED = 'the store is polled every 5 minutes';

/** What the stores page says about one store's webhooks: whether orders arrive within seconds, or by polling and why. */
export function describeWebhookStatus(rows: StoreWebhook[], lastDeliveryAt: Date | null, configured: boolean): WebhookStatusView {
  const view = (state: WebhookStatusView['state'], label: string) => ({ state, label, lastDeliveryAt });
  if (rows.length === 0 && !configured)
    return view('off', `Off: this app has no address the stores can reach (ORDERBRIDGE_PUBLIC_URL), so ${POLLED}.`);
  if (rows.length === 0) return view('attention', `Not set up yet: Orderbridge registers them at its next check; until then ${POLLED}.`);
  const failed = rows.find((row) => row.status === 'failed' || row.status === 'missing');
  if (failed)
    return view(
      'attention',
      `Could not be set up (${failed.lastError ?? 'no answer'}); ${POLLED}, and Orderbridge tries again at its next check.`,
    );
  if (rows.some((row) => row.status === 'paused')) {
    return view(
      'attention',
      `Paused in WooCommerce (Settings → Advanced → Webhooks), so ${POLLED}. Set the Orderbridge webhooks to Active there to sync within seconds.`,
    );
  }
  if (rows.some((row) => row.status === 'disabled'))
    return view(
      'attention',
      `Disabled by WooCommerce after failed deliveries; Orderbridge switches them back on at its next check, and meanwhile ${POLLED}.`,
    );
  return view(
    'active',
    'Active: new and changed orders start a sync within seconds; polling every 5 minutes catches anything a webhook misses.',
  );
}

export async function listWebhookStatuses(db: Db, workspaceId: string, configured: boolean): Promise<Record<string, WebhookStatusView>> {
  const [stores, rows] = await Promise.all([listStores(db, workspaceId), listStoreWebhooks(db, workspaceId)]);
  return Object.fromEntries(
    stores.map((store) => [
      store.id,
      describeWebhookStatus(
        rows.filter((row) => row.storeId === store.id),
        store.webhookSeenAt,
        configured,
      ),
    ]),
  );
}
