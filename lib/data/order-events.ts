import 'server-only';

import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orderEvents, orders, type OrderEvent, type OrderEventKind } from '@/db/schema';

export type NewOrderEvent = { orderId: string; linkId?: string | null; runId?: string | null; kind: OrderEventKind; message: string };

export async function recordOrderEvents(db: Db, workspaceId: string, events: NewOrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(orderEvents).values(
    events.map((e) => ({
      workspaceId,
      orderId: e.orderId,
      linkId: e.linkId ?? null,
      runId: e.runId ?? null,
      kind: e.kind,
      message: e.message,
    })),
  );
}

export type OrderEventView = Pick<OrderEvent, 'id' | 'kind' | 'message' | 'at' | 'linkId'>;

/** An order's history, oldest first. */
export async function listOrderEvents(db: Db, workspaceId: string, orderId: string): Promise<OrderEventView[]> {
  return db
    .select({ id: orderEvents.id, kind: orderEvents.kind, message: orderEvents.message, at: orderEvents.at, linkId: orderEvents.linkId })
    .from(orderEvents)
    .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.orderId, orderId)))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
}

export type HeldOrderOfRun = { orderId: string; number: string; message: string };

/** Orders a run held or failed, so a result can link to them. */
export async function listRunProblems(db: Db, workspaceId: string, runId: string, limit = 5): Promise<HeldOrderOfRun[]> {
  return db
    .select({ orderId: orderEvents.orderId, number: orders.number, message: orderEvents.message })
    .from(orderEvents)
    .innerJoin(orders, eq(orders.id, orderEvents.orderId))
    .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.runId, runId), inArray(orderEvents.kind, ['held', 'failed'])))
    .orderBy(desc(orderEvents.at))
    .limit(limit);
}

export type DailyCount = { day: string; count: number };

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Copies created per UTC day over the last `days` days (today included), zero-filled. */
export async function ordersSyncedPerDay(db: Db, workspaceId: string, now: Date, days = 14): Promise<DailyCount[]> {
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const dayExpression = sql<string>`to_char(${orderEvents.at} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day: dayExpression, count: sql<number>`count(*)::int` })
    .from(orderEvents)
    .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.kind, 'created'), gte(orderEvents.at, firstDay)))
    .groupBy(dayExpression);
  const byDay = new Map(rows.map((row) => [row.day, Number(row.count)]));
  return Array.from({ length: days }, (_, index) => {
    const day = utcDay(new Date(firstDay.getTime() + index * 86_400_000));
    return { day, count: byDay.get(day) ?? 0 };
  });
}
