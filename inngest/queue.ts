import type { Db } from '@/db/client';
import { findMainStoreHost } from '@/lib/data/scheduler';
import { inngest } from './client';
import type { WebhookSyncRequest } from '@/lib/webhooks/receive-delivery';
import {
  orderSyncRequested,
  reservedRunEventId,
  storeWebhookReceived,
  workspaceSyncRequested,
  type OrderSyncRequestedData,
} from './events';

/** Hands a run Sync Now reserved to Inngest; the event id makes a resent request the same run. */
export async function queueReservedWorkspaceSync(db: Db, workspaceId: string, runId: string): Promise<void> {
  const storeHost = await findMainStoreHost(db, workspaceId);
  await inngest.send(
    workspaceSyncRequested.create(
      { workspaceId, trigger: 'manual', runId, ...(storeHost ? { storeHost } : {}) },
      { id: reservedRunEventId(workspaceId, runId) },
    ),
  );
}

export async function queueOrderSync(request: OrderSyncRequestedData): Promise<void> {
  await inngest.send(orderSyncRequested.create(request));
}

/** A verified webhook delivery, handed to the debounced webhook sync. */
export async function queueWebhookSync(request: WebhookSyncRequest): Promise<void> {
  await inngest.send(
    storeWebhookReceived.create(
      { workspaceId: request.workspaceId, storeId: request.storeId, receivedAt: request.receivedAt.toISOString() },
      { id: `webhook:${request.deliveryKey}` },
    ),
  );
}
