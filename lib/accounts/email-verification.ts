import type { Db } from '@/db/client';
import { consumeAccountToken, createAccountToken } from '@/lib/data/account-tokens';
import { findUserById, markEmailVerified } from '@/lib/data/users';
import { appLink, sendMail } from '@/lib/mail';
import { RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';
import { verificationEmail } from './account-emails';

export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60_000;
export const EMAIL_VERIFICATION_PATH = '/verify-email/';

/** Whether the account's current address has been verified: inviting teammates needs it. */
export async function isEmailVerified(db: Db, userId: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  return Boolean(user?.emailVerifiedAt);
}

/** Emails a verification link to the account's current address. */
export async function sendVerificationEmail(db: Db, user: { id: string; email: string; name: string | null }): Promise<void> {
  const token = await createAccountToken(db, {
    userId: user.id,
    purpose: 'email_verification',
    email: user.email,
    ttlMs: EMAIL_VERIFICATION_TTL_MS,
  });
  await sendMail(
    verificationEmail(user.email, user.name, appLink(`${EMAIL_VERIFICATION_PATH}${token}`), EMAIL_VERIFICATION_TTL_MS / 3_600_000),
  );
}

/** "Resend" on the banner: rate-limited per account; nothing is sent once the address is verified. */
export async function resendVerificationEmail(db: Db, userId: string): Promise<'sent' | 'already_verified'> {
  const user = await findUserById(db, userId);
  if (!user) throw new Error('resendVerificationEmail: no such user');
  if (user.emailVerifiedAt) return 'already_verified';
  await reserveOrThrow(db, [[RATE_LIMITS.verificationEmailPerUser, user.id]]);
  await sendVerificationEmail(db, user);
  return 'sent';
}

/** Follows a verification link: used up once; only for the address it was sent to, while it is still the account's. */
export async function verifyEmail(db: Db, token: string): Promise<{ ok: true; email: string } | { ok: false }> {
  const row = await consumeAccountToken(db, 'email_verification', token);
  if (!row || !(await markEmailVerified(db, row.userId, row.email))) return { ok: false };
  return { ok: true, email: row.email };
}
