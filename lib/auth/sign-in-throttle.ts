import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInThrottle } from '../../db/schema';

export const THROTTLE_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

function throttleKey(ip: string, email: string): string {
  return createHash('sha256').update(`${ip}|${email.trim().toLowerCase()}`).digest('hex');
}

/** Milliseconds the caller must still wait, or 0 when a sign-in attempt may go ahead. */
export async function signInLockRemaining(db: Db, ip: string, email: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, throttleKey(ip, email))).limit(1);
  if (!row?.lockedUntil) return 0;
  return Math.max(0, row.lockedUntil.getTime() - now.getTime());
}

export async function recordFailedSignIn(db: Db, ip: string, email: string, now = new Date()): Promise<void> {
  const key = throttleKey(ip, email);
  const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
  const windowStart = at(new Date(now.getTime() - THROTTLE_POLICY.windowMs));
  const lockUntil = at(new Date(now.getTime() + THROTTLE_POLICY.lockMs));
  await db
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then ${at(now)} else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${signInThrottle.windowStartedAt} >= ${windowStart} and ${signInThrottle.failures} + 1 >= ${THROTTLE_POLICY.maxFailures}::int then ${lockUntil} else null end`,
      },
    });
}

export async function clearSignInFailures(db: Db, ip: string, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, throttleKey(ip, email)));
}
