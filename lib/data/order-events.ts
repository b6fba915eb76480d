import 'server-only';

import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orderEvents, type OrderEvent, type OrderEventKind } from '../../db/schema';

export type NewOrderEvent = { orderId: string; linkId?: string | null; runId?: string | null; kind: OrderEventKind; message: string };

export async function recordOrderEvents(db: Db, workspaceId: string, events: NewOrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(orderEvents).values(events.map((e) => ({ workspaceId, orderId: e.orderId, linkId: e.linkId ?? null, runId: e.runId ?? null, kind: e.kind, message: e.message })));
}

export async function listOrderEvents(db: Db, workspaceId: string, orderId: string): Promise<OrderEvent[]> {
  return db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.orderId, orderId)))
    .orderBy(asc(orderEvents.at));
}
