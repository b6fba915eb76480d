import 'server-only';

import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type CounterState = { count: number; windowStartedAt: Date };

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Adds one to the (bucket, key) counter and returns what it holds now, starting a new window when the last one
 * is over. One statement: concurrent callers queue on the row and each sees its own count.
 */
export async function bumpCounter(db: Db, bucket: string, key: string, windowMs: number, now: Date): Promise<CounterState> {
  const expired = sql`${rateLimits.windowStartedAt} <= ${at(new Date(now.getTime() - windowMs))}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.key],
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at(now)} else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStartedAt: rateLimits.windowStartedAt });
  return row;
}

/** Gives one back, in the same window only (a new window has already forgotten it). */
export async function refundCounter(db: Db, bucket: string, key: string, windowStartedAt: Date): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.key, key), eq(rateLimits.windowStartedAt, windowStartedAt)));
}

export async function clearCounter(db: Db, bucket: string, key: string): Promise<void> {
  await db.delete(rateLimits).where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.key, key)));
}

/** Drops counters whose window ended before `before`: they would start over anyway. */
export async function pruneCounters(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, before));
}
