import 'server-only';

import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orderEvents, stores, syncRuns, type StoreRole, type SyncRun } from '../../db/schema';

export type StoreHealth = {
  id: string;
  name: string;
  url: string;
  role: StoreRole;
  paused: boolean;
  lastContactAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** An error newer than the last successful contact means the store is failing right now. */
  failing: boolean;
};

export async function listStoreHealth(db: Db, workspaceId: string): Promise<StoreHealth[]> {
  const rows = await db
    .select({
      id: stores.id,
      name: stores.name,
      url: stores.url,
      role: stores.role,
      paused: stores.paused,
      lastContactAt: stores.lastContactAt,
      lastError: stores.lastError,
      lastErrorAt: stores.lastErrorAt,
    })
    .from(stores)
    .where(eq(stores.workspaceId, workspaceId))
    .orderBy(sql`${stores.role} = 'main' desc`, asc(stores.name));
  return rows.map((row) => ({
    ...row,
    failing: Boolean(row.lastError && row.lastErrorAt && (!row.lastContactAt || row.lastErrorAt > row.lastContactAt)),
  }));
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

export async function lastRunOf(db: Db, workspaceId: string, trigger?: SyncRun['trigger']): Promise<SyncRun | null> {
  const conditions = [eq(syncRuns.workspaceId, workspaceId)];
  if (trigger) conditions.push(eq(syncRuns.trigger, trigger));
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(...conditions))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return run ?? null;
}
