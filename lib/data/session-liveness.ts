import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userSessions } from '../../db/schema';

/** Whether the session row a token names still exists for its user (not signed out, not ended elsewhere, not expired). */
export async function isSessionLive(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), gt(userSessions.expiresAt, sql`now()`)))
    .limit(1);
  return rows.length > 0;
}
