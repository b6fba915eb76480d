import 'server-only';

import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, userSessions } from '@/db/schema';

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return user ?? null;
}

export async function findUserById(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}

/** Replaces the hash only if it is still the one that was checked (a concurrent password change wins). */
export async function updatePasswordHash(db: Db, userId: string, previousHash: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, previousHash)));
}

/** A new password, and every session of the user but `keepSessionId` ended, together. */
export async function setPasswordEndingOtherSessions(db: Db, userId: string, passwordHash: string, keepSessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx.delete(userSessions).where(and(eq(userSessions.userId, userId), ne(userSessions.id, keepSessionId)));
  });
}

/** Marks the address verified, only if it is still the account's address. */
export async function markEmailVerified(db: Db, userId: string, email: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
    .where(and(eq(users.id, userId), sql`lower(${users.email}) = ${email.trim().toLowerCase()}`))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function updateUserName(db: Db, userId: string, name: string | null): Promise<void> {
  await db.update(users).set({ name }).where(eq(users.id, userId));
}

/** A new address, unverified until its link is followed. */
export async function updateUserEmail(db: Db, userId: string, email: string): Promise<void> {
  await db.update(users).set({ email, emailVerifiedAt: null }).where(eq(users.id, userId));
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function insertUser(db: Db, input: { email: string; name: string | null; passwordHash: string }) {
  const [user] = await db.insert(users).values(input).returning();
  return user;
}
