import 'server-only';

import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { userSessions } from '@/db/schema';

export async function createUserSession(db: Db, userId: string, expiresAt: Date): Promise<string> {
  const now = new Date();
  // The user's own expired rows go as a new one comes, so the table holds about one row per live browser.
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, now)));
  const [row] = await db.insert(userSessions).values({ userId, expiresAt }).returning({ id: userSessions.id });
  return row.id;
}

export async function deleteUserSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of the user, or every one but `keepSessionId`. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepSessionId?: string): Promise<number> {
  const rows = await db
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), keepSessionId ? ne(userSessions.id, keepSessionId) : undefined))
    .returning({ id: userSessions.id });
  return rows.length;
}
