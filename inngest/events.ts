import { eventType } from 'inngest';
import { z } from 'zod';
import type { SyncTrigger } from '@/db/schema';

/** The 5-minute slot a scheduled sync belongs to, as an ISO minute: `2026-05-01T10:05Z`. */
const scheduleTick = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/, 'tick must be an ISO minute like 2026-05-01T10:05Z');

/** What asked for a workspace sync: the 5-minute schedule, Sync Now (`manual`) or a store's webhook. */
export const WORKSPACE_SYNC_TRIGGERS = ['schedule', 'manual', 'webhook'] as const;
export type WorkspaceSyncTrigger = (typeof WORKSPACE_SYNC_TRIGGERS)[number];

export const workspaceSyncRequestedData = z
  .object({
    workspaceId: z.uuid(),
    /** Absent means `schedule` (events sent before triggers existed); read it with `workspaceSyncTrigger`. */
    trigger: z.enum(WORKSPACE_SYNC_TRIGGERS).optional(),
    /** The tick of a scheduled sync; other triggers have none. */
    tick: scheduleTick.optional(),
    /** The run reserved before the event was sent (Sync Now): the function runs that run, never a second one. */
    runId: z.uuid().optional(),
    /** The main store's host: runs against one host are limited together (the function's concurrency key). */
    storeHost: z.string().min(1).max(253).optional(),
  })
  .superRefine((data, ctx) => {
    if ((data.trigger ?? 'schedule') === 'schedule' && !data.tick)
      ctx.addIssue({ code: 'custom', path: ['tick'], message: 'a scheduled sync needs its tick' });
    if (data.trigger === 'manual' && !data.runId)
      ctx.addIssue({ code: 'custom', path: ['runId'], message: 'a Sync Now event needs the run it reserved' });
  });
export type WorkspaceSyncRequestedData = z.infer<typeof workspaceSyncRequestedData>;

/**
 * Sent by the scheduler for every active workspace on every tick (id `<workspaceId>:<tick>`: a replayed tick is
 * harmless), and by Sync Now for the run it reserved (id `<workspaceId>:run:<runId>`: a resent press is one run).
 */
export const workspaceSyncRequested = eventType('orderbridge/workspace.sync.requested', {
  schema: workspaceSyncRequestedData,
});

export const ORDER_SYNC_SOURCES = ['webhook', 'sync_order'] as const;

export const orderSyncRequestedData = z.object({
  workspaceId: z.uuid(),
  orderId: z.uuid(),
  source: z.enum(ORDER_SYNC_SOURCES),
});
export type OrderSyncRequestedData = z.infer<typeof orderSyncRequestedData>;

/** One order to pull fresh and push to its targets soon (webhooks, or anything that wants a single order synced). */
export const orderSyncRequested = eventType('orderbridge/order.sync.requested', {
  schema: orderSyncRequestedData,
});

export const storeWebhookReceivedData = z.object({
  workspaceId: z.uuid(),
  storeId: z.uuid(),
  /** When the delivery arrived: a run that started after it has read what it announced. */
  receivedAt: z.iso.datetime(),
});
export type StoreWebhookReceivedData = z.infer<typeof storeWebhookReceivedData>;

/**
 * A store announced a new or changed order (a verified webhook delivery). Debounced per workspace: a burst of
 * deliveries starts one sync. Its id is the delivery's (store and signature): a replayed delivery is dropped.
 */
export const storeWebhookReceived = eventType('orderbridge/store.webhook.received', {
  schema: storeWebhookReceivedData,
});

export function workspaceSyncEventId(workspaceId: string, tick: string): string {
  return `${workspaceId}:${tick}`;
}

export function reservedRunEventId(workspaceId: string, runId: string): string {
  return `${workspaceId}:run:${runId}`;
}

export function workspaceSyncTrigger(data: Pick<WorkspaceSyncRequestedData, 'trigger'>): WorkspaceSyncTrigger {
  return data.trigger ?? 'schedule';
}

/** The engine's name for the trigger of an event (Sync Now is `manual` on the wire, `sync_now` in the history). */
export function syncTriggerOfEvent(data: Pick<WorkspaceSyncRequestedData, 'trigger'>): SyncTrigger {
  const trigger = workspaceSyncTrigger(data);
  return trigger === 'manual' ? 'sync_now' : trigger;
}
