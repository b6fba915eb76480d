import type { Db } from '@/db/client';
import { findUserByEmail, updatePasswordHash } from '@/lib/data/users';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords';
import { beginSignInAttempt, signInSucceeded } from './sign-in-throttle';

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

/**
 * Email + password check with one answer for "no such email" and "wrong password". The attempt is counted
 * before the password is checked, per account and per address; past either limit the answer is "locked",
 * even for the right password. A hash made with older scrypt settings is replaced after a successful check.
 */
export async function authenticate(db: Db, email: string, password: string, address: string): Promise<AuthenticationResult> {
  const attempt = await beginSignInAttempt(db, email, address);
  if (!attempt.ok) return { ok: false, reason: 'locked', retryAfterMs: attempt.retryAfterMs };
  const user = await findUserByEmail(db, email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  await signInSucceeded(db, email, attempt.taken);
  if (needsRehash(user.passwordHash)) await updatePasswordHash(db, user.id, user.passwordHash, await hashPassword(password));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
