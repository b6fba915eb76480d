import { NextRequest } from 'next/server';
import type { TestDatabase } from '@/tests/support/test-database';

/**
 * Auth.js's own route handler (app/api/auth/[...nextauth]/route.ts), called with real requests: CSRF token
 * first, then the credentials callback, exactly as a browser or a script posting to /api/auth/… would.
 */
const ORIGIN = 'http://127.0.0.1:3000';

type Route = typeof import('@/app/api/auth/[...nextauth]/route');
let route: Route | undefined;

/** Points the app's process-wide database (getDb) at the test's, then loads the route. */
export async function authRoute(database: TestDatabase): Promise<Route> {
  (globalThis as unknown as { orderbridgeDb?: Promise<TestDatabase> }).orderbridgeDb = Promise.resolve(database);
  route ??= await import('@/app/api/auth/[...nextauth]/route');
  return route;
}

function cookiePairs(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .filter((pair) => !pair.endsWith('='));
}

async function csrf(r: Route, headers: Record<string, string>): Promise<{ token: string; cookies: string[] }> {
  const response = await r.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookies: cookiePairs(response) };
}

export type SignInAnswer = { signedIn: boolean; sessionCookie: string | null; location: string };

/** POST /api/auth/callback/credentials from `forwardedFor` (an X-Forwarded-For header the client chose). */
export async function postSignIn(r: Route, email: string, password: string, forwardedFor?: string): Promise<SignInAnswer> {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const { token, cookies } = await csrf(r, headers);
  const response = await r.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
      body: new URLSearchParams({ csrfToken: token, email, password, callbackUrl: `${ORIGIN}/dashboard` }),
    }),
  );
  const session = cookiePairs(response).find((pair) => pair.startsWith('authjs.session-token=')) ?? null;
  return { signedIn: session !== null, sessionCookie: session, location: response.headers.get('location') ?? '' };
}

/** POST /api/auth/signout with the browser's session cookie. */
export async function postSignOut(r: Route, sessionCookie: string): Promise<void> {
  const { token, cookies } = await csrf(r, {});
  const response = await r.POST(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...cookies, sessionCookie].join('; ') },
      body: new URLSearchParams({ csrfToken: token, callbackUrl: `${ORIGIN}/sign-in` }),
    }),
  );
  if (response.status >= 400) throw new Error(`sign-out answered ${response.status}`);
}

/** `name=value` → the { name, value } a cookie store holds. */
export function asCookie(pair: string): { name: string; value: string } {
  const at = pair.indexOf('=');
  return { name: pair.slice(0, at), value: pair.slice(at + 1) };
}
