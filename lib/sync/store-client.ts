import type { Store } from '@/db/schema';
import { decryptStoreCredentials } from '@/lib/crypto/store-credentials';
import { createWooClient, type WooClient } from '@/lib/woo/client';
import type { SyncTuning } from './tuning';

export function clientForStore(store: Store, tuning: SyncTuning, signal: AbortSignal): WooClient {
  const credentials = decryptStoreCredentials(store);
  return createWooClient({
    url: store.url,
    consumerKey: credentials.consumerKey,
    consumerSecret: credentials.consumerSecret,
    concurrency: tuning.storeConcurrency,
    connectTimeoutMs: tuning.connectTimeoutMs,
    responseTimeoutMs: tuning.responseTimeoutMs,
    requestDeadlineMs: tuning.requestDeadlineMs,
    maxResponseBytes: tuning.maxResponseBytes,
    retry: tuning.retry,
    httpAgent: tuning.httpAgent,
    httpsAgent: tuning.httpsAgent,
    signal,
  });
}
