import type { NextAuthConfig } from 'next-auth';
import { serverEnv } from '@/lib/env/server-env';
import { authLogger } from './auth-logger';

/** Pages a signed-in merchant has no use for: their layout sends a valid session on to the dashboard. */
export const AUTH_PAGES = ['/sign-in', '/sign-up', '/forgot-password'];
/** Pages anyone may open; every other page needs a session (see proxy.ts). */
export const PUBLIC_PAGES = ['/', ...AUTH_PAGES];
/** The pages emailed links open, signed in or not (a reset link is often followed in another browser). */
export const PUBLIC_PATH_PREFIXES = ['/reset-password/', '/verify-email/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PAGES.includes(pathname) || PUBLIC_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The user a session token was issued to (set by the `jwt` callback below at sign-in). */
export function sessionUserId(token: Record<string, unknown>): string | null {
  return typeof token.userId === 'string' ? token.userId : null;
}

/** The server-side session row a token belongs to (see `userSessions`); a token without one is not accepted. */
export function sessionIdOf(token: Record<string, unknown>): string | null {
  return typeof token.sessionId === 'string' ? token.sessionId : null;
}

/** Database-free configuration: what the session token holds; the full Auth.js instance is in auth.ts. */
export const authConfig = {
  secret: serverEnv().authSecret,
  trustHost: true,
  logger: authLogger,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.userId = user.id;
      const sessionId = (user as { sessionId?: unknown } | undefined)?.sessionId;
      if (typeof sessionId === 'string') token.sessionId = sessionId;
      return token;
    },
    session({ session, token }) {
      const userId = sessionUserId(token);
      if (userId) session.user.id = userId;
      return session;
    },
  },
} satisfies NextAuthConfig;
