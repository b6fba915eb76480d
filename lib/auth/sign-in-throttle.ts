import type { Db } from '@/db/client';
import { clearLimit, giveBack, RATE_LIMITS, reserve, type Taken } from '@/lib/rate-limits';

export type SignInAttempt = { ok: true; taken: Taken[] } | { ok: false; retryAfterMs: number };

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Counts a sign-in attempt against its account and its address before the password is looked at
 * (reserve, then check): of any number of concurrent guesses only those within the limits reach the check.
 */
export async function beginSignInAttempt(db: Db, email: string, address: string, now = new Date()): Promise<SignInAttempt> {
  const reservation = await reserve(
    db,
    [
      [RATE_LIMITS.signInPerAccount, accountKey(email)],
      [RATE_LIMITS.signInPerAddress, address],
    ],
    now,
  );
  return reservation.ok ? { ok: true, taken: reservation.taken } : { ok: false, retryAfterMs: reservation.retryAfterMs };
}

/** The right password: the account's count starts over and the address gets its attempt back. */
export async function signInSucceeded(db: Db, email: string, taken: Taken[]): Promise<void> {
  await clearLimit(db, RATE_LIMITS.signInPerAccount, accountKey(email));
  await giveBack(
    db,
    taken.filter(({ limit }) => limit.bucket === RATE_LIMITS.signInPerAddress.bucket),
  );
}
