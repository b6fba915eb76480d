import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from './lib/auth/auth.config';

const authProxy = NextAuth(authConfig).auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Keeps signed-out visitors out of the app's pages. Server actions are let through: each one resolves
 * user → membership → workspace itself, and the proxy's session refresh would otherwise re-issue the
 * cookie that the sign-out action deletes.
 */
export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.method === 'POST' && request.headers.has('next-action')) return NextResponse.next();
  return authProxy(request, event);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
