import type { Db } from '@/db/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/passwords';
import { accountKey } from '@/lib/auth/sign-in-throttle';
import { consumeAccountToken, createAccountToken, findLiveAccountToken, voidAccountTokens } from '@/lib/data/account-tokens';
import { deleteSessionsOfUser } from '@/lib/data/user-sessions';
import { findUserByEmail, markEmailVerified, setPasswordHash } from '@/lib/data/users';
import { logError } from '@/lib/log';
import { appLink, sendMail } from '@/lib/mail';
import { clearLimit, RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';
import { passwordChangedNotice, passwordResetEmail } from './account-emails';
import { UserFacingError } from '@/lib/errors';

export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
export const PASSWORD_RESET_PATH = '/reset-password/';

/**
 * Counts a reset request against the address asked about and the client's network address, whether or not an
 * account uses it: the limits and the answer are the same for both. Throws RateLimitedError past a limit.
 */
export async function reservePasswordResetRequest(db: Db, email: string, clientAddress: string): Promise<void> {
  await reserveOrThrow(db, [
    [RATE_LIMITS.passwordResetPerAccount, accountKey(email)],
    [RATE_LIMITS.passwordResetPerAddress, clientAddress],
  ]);
}

/** Emails a reset link if an account uses `email`; does nothing otherwise (the caller answers the same). */
export async function sendPasswordResetEmail(db: Db, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const token = await createAccountToken(db, {
    userId: user.id,
    purpose: 'password_reset',
    email: user.email,
    ttlMs: PASSWORD_RESET_TTL_MS,
  });
  await sendMail(passwordResetEmail(user.email, user.name, appLink(`${PASSWORD_RESET_PATH}${token}`), PASSWORD_RESET_TTL_MS / 60_000));
}

/** Both steps, awaited: for callers with no way to answer before the email is sent. */
export async function requestPasswordReset(db: Db, email: string, clientAddress: string): Promise<void> {
  await reservePasswordResetRequest(db, email, clientAddress);
  await sendPasswordResetEmail(db, email);
}

/** Whether a reset link can still be used (the page shows the form only then). */
export async function isPasswordResetTokenLive(db: Db, token: string): Promise<boolean> {
  return (await findLiveAccountToken(db, 'password_reset', token)) !== null;
}

export class InvalidLinkError extends UserFacingError {
  constructor() {
    super('This link has expired or was already used. Ask for a new one.', 'invalid_link');
    this.name = 'InvalidLinkError';
  }
}

/**
 * Sets a new password from a reset link: the link is used up, every session of the account ends (whoever
 * held one is out), the other reset links die, and the address counts as verified (the link reached it).
 */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<{ email: string }> {
  if (newPassword.length < MIN_PASSWORD_LENGTH)
    throw new UserFacingError(`Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`, 'weak_password');
  if (newPassword.length > 200) throw new UserFacingError('That password is too long (200 characters at most).', 'weak_password');
  if (!(await findLiveAccountToken(db, 'password_reset', token))) throw new InvalidLinkError();
  const passwordHash = await hashPassword(newPassword);
  const used = await db.transaction(async (tx) => {
    const row = await consumeAccountToken(tx, 'password_reset', token);
    if (!row) return null;
    await setPasswordHash(tx, row.userId, passwordHash);
    await deleteSessionsOfUser(tx, row.userId);
    await voidAccountTokens(tx, row.userId, 'password_reset');
    await markEmailVerified(tx, row.userId, row.email);
    return row;
  });
  if (!used) throw new InvalidLinkError();
  // A merchant locked out by failed sign-ins can sign in with the new password at once.
  await clearLimit(db, RATE_LIMITS.signInPerAccount, accountKey(used.email));
  await sendMail(passwordChangedNotice(used.email, null)).catch((error) =>
    logError('The password-changed notice was not sent', error, { userId: used.userId }, 'warn'),
  );
  return { email: used.email };
}
