import { eventType } from 'inngest';
import { z } from 'zod';

/** The 5-minute slot a scheduled sync belongs to, as an ISO minute: `2026-05-01T10:05Z`. */
const scheduleTick = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/, 'tick must be an ISO minute like 2026-05-01T10:05Z');

export const WORKSPACE_SYNC_TRIGGERS = ['schedule', 'manual', 'webhook'] as const;

export const workspaceSyncRequestedData = z.object({
  workspaceId: z.uuid(),
  tick: scheduleTick,
  /** What asked for the run; the scheduler leaves it out (`schedule`). */
  trigger: z.enum(WORKSPACE_SYNC_TRIGGERS).optional(),
  /** The run's id when the sender chose it (to follow its progress at once); else one derived from the event. */
  runId: z.uuid().optional(),
});
export type WorkspaceSyncRequestedData = z.infer<typeof workspaceSyncRequestedData>;

/** Sent by the scheduler for every active workspace on every tick; its id `<workspaceId>:<tick>` makes a replayed tick harmless. */
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

export function workspaceSyncEventId(workspaceId: string, tick: string): string {
  return `${workspaceId}:${tick}`;
}
