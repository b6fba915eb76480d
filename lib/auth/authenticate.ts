import type { Db } from '../../db/client';
import { findUserByEmail } from '../data/users';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { clearSignInFailures, recordFailedSignIn, signInLockRemaining } from './sign-in-throttle';

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

/** Email + password check with one answer for "no such email" and "wrong password", and a lock after repeated failures. */
export async function authenticate(db: Db, email: string, password: string, ip: string): Promise<AuthenticationResult> {
  const retryAfterMs = await signInLockRemaining(db, ip, email);
  if (retryAfterMs > 0) return { ok: false, reason: 'locked', retryAfterMs };
  const user = await findUserByEmail(db, email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await recordFailedSignIn(db, ip, email);
    return { ok: false, reason: 'invalid' };
  }
  await clearSignInFailures(db, ip, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
