import 'server-only';

import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, userSessions } from '@/db/schema';
import type { SessionAccount } from './workspaces';

/** The account behind a live session row (not signed out, not ended elsewhere, not expired), as it is now; null otherwise. */
export async function findAccountOfLiveSession(db: Db, userId: string, sessionId: string): Promise<SessionAccount | null> {
  const [row] = await db
    .select({ email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), gt(userSessions.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}
