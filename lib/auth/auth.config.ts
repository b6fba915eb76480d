import type { NextAuthConfig } from 'next-auth';
import { NextResponse } from 'next/server';
import { serverEnv } from '../env/server-env';
import { authLogger } from './auth-logger';

/** Pages a signed-in merchant has no use for: the proxy sends them on to the dashboard. */
export const AUTH_PAGES = ['/sign-in', '/sign-up'];
/** Pages anyone may open; every other page needs a session (see proxy.ts). */
export const PUBLIC_PAGES = ['/', ...AUTH_PAGES];

/** The user a session token was issued to (set by the `jwt` callback below at sign-in). */
export function sessionUserId(token: Record<string, unknown>): string | null {
  return typeof token.userId === 'string' ? token.userId : null;
}

/** Database-free configuration, shared by the proxy and the full Auth.js instance. */
export const authConfig = {
  secret: serverEnv().authSecret,
  trustHost: true,
  logger: authLogger,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = Boolean(auth?.user);
      // Only page loads are sent on: a server action posted from these pages must reach its action.
      if (signedIn && request.method === 'GET' && AUTH_PAGES.includes(request.nextUrl.pathname)) {
        return NextResponse.redirect(new URL('/dashboard', request.nextUrl));
      }
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) token.userId = user.id;
      return token;
    },
    session({ session, token }) {
      const userId = sessionUserId(token);
      if (userId) session.user.id = userId;
      return session;
    },
  },
} satisfies NextAuthConfig;
