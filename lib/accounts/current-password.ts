import type { Db } from '@/db/client';
import type { User } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { accountKey } from '@/lib/auth/sign-in-throttle';
import { clearLimit, describeDuration, RATE_LIMITS, reserve } from '@/lib/rate-limits';
import { UserFacingError } from '@/lib/errors';

/**
 * The current password, asked before a change of password or address and before deletion. Each try counts
 * against the same per-account limit as sign-in, so a stolen session cannot be used to guess the password.
 */
export async function verifyCurrentPassword(db: Db, user: Pick<User, 'email' | 'passwordHash'>, password: string): Promise<void> {
  const reservation = await reserve(db, [[RATE_LIMITS.signInPerAccount, accountKey(user.email)]]);
  if (!reservation.ok) {
    throw new UserFacingError(
      `Too many wrong passwords for this account. Wait up to ${describeDuration(reservation.retryAfterMs)} and try again.`,
      'locked',
    );
  }
  if (!(await verifyPassword(password, user.passwordHash)))
    throw new UserFacingError('Your current password is not right.', 'wrong_password');
  await clearLimit(db, RATE_LIMITS.signInPerAccount, accountKey(user.email));
}
