import 'server-only';

import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountTokens, users, type AccountToken, type AccountTokenPurpose } from '@/db/schema';

/** What is stored of a token: its SHA-256. The token has 256 random bits, so a fast hash is enough. */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new single-use token for `purpose`, bound to the address it is sent to; returns the token itself (only the email carries it). */
export async function createAccountToken(
  db: Db,
  input: { userId: string; purpose: AccountTokenPurpose; email: string; ttlMs: number },
  now = new Date(),
): Promise<string> {
  // Hex: nothing in it looks like a key the log redaction would cut out of a printed link.
  const token = randomBytes(32).toString('hex');
  // The user's spent tokens go as a new one comes, so the table holds about the live ones.
  await db
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, input.userId),
        or(lt(accountTokens.expiresAt, now), lt(accountTokens.usedAt, new Date(now.getTime() - 86_400_000))),
      ),
    );
  await db.insert(accountTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashAccountToken(token),
    email: input.email,
    expiresAt: new Date(now.getTime() + input.ttlMs),
  });
  return token;
}

const live = (purpose: AccountTokenPurpose, token: string) =>
  and(
    eq(accountTokens.tokenHash, hashAccountToken(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, sql`now()`),
    // Sent to an address the account no longer has: void.
    sql`lower(${accountTokens.email}) = (select lower(${users.email}) from ${users} where ${users.id} = ${accountTokens.userId})`,
  );

/** The token's row while it is unused, unexpired and its address is still the account's; else null. */
export async function findLiveAccountToken(db: Db, purpose: AccountTokenPurpose, token: string): Promise<AccountToken | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const [row] = await db.select().from(accountTokens).where(live(purpose, token)).limit(1);
  return row ?? null;
}

/** Uses the token up in one statement: of two concurrent uses exactly one gets the row. */
export async function consumeAccountToken(db: Db, purpose: AccountTokenPurpose, token: string): Promise<AccountToken | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(live(purpose, token))
    .returning();
  return row ?? null;
}

/** Voids every outstanding token of the user for `purpose` (after a reset, or a change of address). */
export async function voidAccountTokens(db: Db, userId: string, purpose: AccountTokenPurpose): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}
