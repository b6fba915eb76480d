import type { NextAuthConfig } from 'next-auth';
import { NextResponse } from 'next/server';
import { serverEnv } from '../env/server-env';

// API routes never reach the proxy (see proxy.ts): each authenticates its own callers.
const PUBLIC_PATHS = [/^\/$/, /^\/sign-in$/, /^\/sign-up$/];
const AUTH_PAGES = ['/sign-in', '/sign-up'];

/** Database-free configuration, shared by the proxy and the full Auth.js instance. */
export const authConfig = {
  secret: serverEnv().authSecret,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      const signedIn = Boolean(auth?.user);
      // Only page loads are sent on: a server action posted from these pages must reach its action.
      if (signedIn && request.method === 'GET' && AUTH_PAGES.includes(pathname)) {
        return NextResponse.redirect(new URL('/dashboard', request.nextUrl));
      }
      if (PUBLIC_PATHS.some((p) => p.test(pathname))) return true;
      return signedIn;
    },
    jwt({ token, user }) {
      if (user?.id) token.userId = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.userId === 'string') session.user.id = token.userId;
      return session;
    },
  },
} satisfies NextAuthConfig;
