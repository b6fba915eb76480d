import { getToken, type JWT } from 'next-auth/jwt';
import { createVersionedCache } from '@/lib/cache/versioned-cache';
import { serverEnv } from '@/lib/env/server-env';
import { isSessionCookieName } from './session-cookie';
import { processSingleton } from '@/lib/utils/process-singleton';

type CookieLike = { name: string; value: string };

/** A decrypted session is reused for this long at most; its own expiry is checked on every read. */
const REUSE_MS = 5 * 60_000;
const MAX_SESSIONS = 1_000;

const sessions = processSingleton('orderbridgeSessions', () =>
  createVersionedCache<JWT | null>({ ttlMs: REUSE_MS, maxEntries: MAX_SESSIONS }),
);

/**
 * The session in a request's cookies, read with Auth.js's own `getToken`, or null when there is none or it
 * does not decrypt. Decrypting costs a key derivation and an AES pass (about 1 ms of a page's CPU), so the
 * result is kept per token for a few minutes: the same token always decrypts to the same claims. A token is
 * taken from the cache only while it has not expired, and whether its session is still live (not signed out)
 * is asked of the database on every request, with the membership (lib/auth/workspace-context.ts).
 */
export async function readSessionToken(cookies: CookieLike[]): Promise<JWT | null> {
  const sessionCookies = cookies.filter(({ name }) => isSessionCookieName(name));
  if (sessionCookies.length === 0) return null;
  const req = { headers: new Headers({ cookie: sessionCookies.map(({ name, value }) => `${name}=${value}`).join('; ') }) };
  const secureCookie = sessionCookies.some(({ name }) => name.startsWith('__Secure-'));
  const secret = serverEnv().authSecret;
  const raw = await getToken({ req, secret, secureCookie, raw: true });
  if (!raw) return null;
  const token = await sessions.get(raw, 0, () => getToken({ req, secret, secureCookie }));
  if (!token || (typeof token.exp === 'number' && token.exp * 1000 <= Date.now())) return null;
  return token;
}
