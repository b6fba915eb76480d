import type { Db } from '@/db/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/passwords';
import { findUserById, setPasswordEndingOtherSessions } from '@/lib/data/users';
import { verifyCurrentPassword } from './current-password';
import { UserFacingError } from '@/lib/errors';

/**
 * Sets a new password after checking the current one, and ends every other session of the user: whoever
 * held a copy of an old session is out. The session that made the change stays signed in.
 */
export async function changePassword(
  db: Db,
  userId: string,
  keepSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  if (newPassword.length < MIN_PASSWORD_LENGTH)
    throw new UserFacingError(`Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`, 'weak_password');
  const user = await findUserById(db, userId);
  if (!user) throw new UserFacingError('Your current password is not right.', 'wrong_password');
  await verifyCurrentPassword(db, user, currentPassword);
  await setPasswordEndingOtherSessions(db, userId, await hashPassword(newPassword), keepSessionId);
}
