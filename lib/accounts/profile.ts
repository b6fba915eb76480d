import { z } from 'zod';
import type { Db } from '@/db/client';
import { voidAccountTokens } from '@/lib/data/account-tokens';
import { findUserByEmail, findUserById, updateUserEmail, updateUserName } from '@/lib/data/users';
import { logError } from '@/lib/log';
import { sendMail } from '@/lib/mail';
import { RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';
import { emailChangedNotice } from './account-emails';
import { sendVerificationEmail } from './email-verification';
import { verifyCurrentPassword } from './current-password';
import { UserFacingError } from '@/lib/errors';

export const nameSchema = z.string().trim().max(100, 'Use at most 100 characters for your name.');
export const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);

export async function changeName(db: Db, userId: string, name: string): Promise<void> {
  const parsed = nameSchema.parse(name);
  await updateUserName(db, userId, parsed || null);
}

/**
 * A new address, after the current password: it is unverified until the link sent to it is followed, links sent
 * to the old address stop working, and the old address is told of the change (a hijacked session shows up there).
 */
export async function changeEmail(db: Db, userId: string, currentPassword: string, newEmail: string): Promise<{ email: string }> {
  const parsed = emailSchema.safeParse(newEmail);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'Enter a valid email address.', 'invalid_email');
  const email = parsed.data;
  const user = await findUserById(db, userId);
  if (!user) throw new UserFacingError('Your current password is not right.', 'wrong_password');
  await verifyCurrentPassword(db, user, currentPassword);
  if (user.email.toLowerCase() === email) throw new UserFacingError('That is already your email address.', 'same_email');
  const other = await findUserByEmail(db, email);
  if (other) throw new UserFacingError('Another account uses that email address.', 'email_taken');
  await reserveOrThrow(db, [[RATE_LIMITS.verificationEmailPerUser, user.id]]);
  try {
    await updateUserEmail(db, user.id, email);
  } catch (error) {
    if (
      (error as { code?: string; cause?: { code?: string } }).code === '23505' ||
      (error as { cause?: { code?: string } }).cause?.code === '23505'
    ) {
      throw new UserFacingError('Another account uses that email address.', 'email_taken');
    }
    throw error;
  }
  await voidAccountTokens(db, user.id, 'email_verification');
  await voidAccountTokens(db, user.id, 'password_reset');
  await sendVerificationEmail(db, { id: user.id, email, name: user.name });
  await sendMail(emailChangedNotice(user.email, user.name, email)).catch((error) =>
    logError('The email-changed notice was not sent', error, { userId }, 'warn'),
  );
  return { email };
}
