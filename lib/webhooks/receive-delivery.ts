import type { Db } from '@/db/client';
import type { Store, StoreWebhook } from '@/db/schema';
import type { EncryptionKeyring } from '@/lib/crypto/encryption-keys';
import { decryptWebhookSecret } from '@/lib/crypto/webhook-secrets';
import { unchangedRemoteIds, type PulledOrderRow } from '@/lib/data/orders';
import { findStoreByWebhookToken } from '@/lib/data/store-webhooks';
import { updateStore } from '@/lib/data/stores';
import { ORIGIN_META } from '@/lib/sync/copy-meta';
import { isAlreadySeen, truncateToSecond } from '@/lib/sync/keyset-cursor';
import { toPulledOrderRow } from '@/lib/sync/order-snapshot';
import { parseWooGmt, type WooMeta, type WooOrder } from '@/lib/woo/types';
import { isWebhookPing, signatureMatches } from './signature';

/** A real order body is a few KB (a hundred line items ≈ 100 KB); nothing a store sends comes near this. */
export const MAX_DELIVERY_BYTES = 512 * 1024;

const SEEN_PRECISION_MS = 60_000;

export type WebhookSyncRequest = { workspaceId: string; storeId: string; receivedAt: Date; deliveryKey: string };
/** Hands the workspace to whatever starts syncs (Inngest, or this process); must answer at once. */
export type WebhookSyncStarter = (request: WebhookSyncRequest) => Promise<void>;

export type Delivery = { token: string; contentType: string | null; signature: string | null; rawBody: Buffer };

export type DeliveryOutcome =
  | { status: 200; result: 'ping' | 'copy' | 'already_synced' | 'store_paused' }
  | { status: 202; result: 'sync_requested' }
  | { status: 401; result: 'unsigned' | 'bad_signature' }
  | { status: 404; result: 'unknown_store' };

type OrderHint = { id?: unknown; date_modified_gmt?: unknown; meta_data?: unknown };

function parseHint(rawBody: Buffer): OrderHint | null {
  try {
    const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as OrderHint) : null;
  } catch {
    return null;
  }
}

/** Orderbridge's own copies carry its origin meta: their deliveries are echoes of our writes. */
function isCopy(hint: OrderHint): boolean {
  return Array.isArray(hint.meta_data) && (hint.meta_data as WooMeta[]).some((meta) => meta?.key === ORIGIN_META);
}

/**
 * The body is built when the store delivers: if that version of the order is at or behind the store's pull
 * cursor, a sync already read it (a replay, or a delivery that arrived after polling caught up).
 */
function alreadyPulled(store: Store, hint: OrderHint): boolean {
  if (!store.pullCursorModifiedGmt || typeof hint.id !== 'number' || typeof hint.date_modified_gmt !== 'string') return false;
  let modified: Date;
  try {
    modified = parseWooGmt(hint.date_modified_gmt);
  } catch {
    return false;
  }
  const cursor = { modifiedGmt: store.pullCursorModifiedGmt, seenIds: store.pullCursorSeenIds };
  return truncateToSecond(modified) < truncateToSecond(cursor.modifiedGmt) || isAlreadySeen(cursor, { id: hint.id, modifiedGmt: modified });
}

/**
 * A sync read this very version, in a second the cursor does not name yet (it names no ids until the second
 * settles): the index holds it. A change made later in that second reads differently, so it still asks.
 */
async function indexHoldsVersion(db: Db, store: Store, hint: OrderHint): Promise<boolean> {
  let row: PulledOrderRow;
  try {
    row = toPulledOrderRow(hint as WooOrder);
  } catch {
    return false;
  }
  return (await unchangedRemoteIds(db, store.workspaceId, store.id, [row])).has(row.remoteId);
}

function signedByStore(store: Store, webhooks: StoreWebhook[], rawBody: Buffer, signature: string, keyring?: EncryptionKeyring): boolean {
  let matched = false;
  // Every secret is tried (two at most), so the answer's timing does not tell which topic a forgery aimed at.
  for (const webhook of webhooks) {
    const secret = decryptWebhookSecret(store.id, webhook.topic, webhook.secretEncrypted, keyring);
    if (signatureMatches(secret, rawBody, signature)) matched = true;
  }
  return matched;
}

/**
 * One delivery from a store: the token names the store, the signature proves it sent it, and all that is kept
 * is "this store has news" — the body is only a hint; the engine re-reads the orders from the store.
 */
export async function receiveDelivery(
  db: Db,
  delivery: Delivery,
  startSync: WebhookSyncStarter,
  options: { keyring?: EncryptionKeyring; now?: Date } = {},
): Promise<DeliveryOutcome> {
  const found = await findStoreByWebhookToken(db, delivery.token);
  if (!found) return { status: 404, result: 'unknown_store' };
  const { store, webhooks } = found;
  if (!delivery.signature)
    return isWebhookPing(delivery.contentType, delivery.rawBody) ? { status: 200, result: 'ping' } : { status: 401, result: 'unsigned' };
  if (!signedByStore(store, webhooks, delivery.rawBody, delivery.signature, options.keyring))
    return { status: 401, result: 'bad_signature' };
  const now = options.now ?? new Date();
  // Every copy Orderbridge writes comes back as a delivery: the "last delivery" time is kept to the minute, not written each time.
  if (!store.webhookSeenAt || now.getTime() - store.webhookSeenAt.getTime() >= SEEN_PRECISION_MS)
    await updateStore(db, store.workspaceId, store.id, { webhookSeenAt: now });
  if (store.paused) return { status: 200, result: 'store_paused' };
  const hint = parseHint(delivery.rawBody);
  if (hint && isCopy(hint)) return { status: 200, result: 'copy' };
  if (hint && (alreadyPulled(store, hint) || (await indexHoldsVersion(db, store, hint)))) return { status: 200, result: 'already_synced' };
  await startSync({ workspaceId: store.workspaceId, storeId: store.id, receivedAt: now, deliveryKey: `${store.id}:${delivery.signature}` });
  return { status: 202, result: 'sync_requested' };
}
