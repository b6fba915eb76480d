import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { AUTH_PAGES, authConfig, PUBLIC_PAGES } from './lib/auth/auth.config';
import { hasSessionCookie } from './lib/auth/session-cookie';
import { REQUESTED_PATH_HEADER, signInPathFor } from './lib/auth/sign-in-redirect';

const authProxy = NextAuth(authConfig).auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Keeps signed-out visitors out of the app's pages with an optimistic check, as Next.js advises for a
 * proxy: no session cookie, no page. A page behind a cookie verifies the session itself, with the
 * membership, before it reads anything (requireWorkspaceContext), so the session is decrypted once per
 * request instead of twice. Only the sign-in and sign-up pages decrypt it here, to send a signed-in
 * merchant on to the dashboard. Server actions and API routes are left out: each resolves
 * user → membership → workspace itself.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.method === 'POST' && request.headers.has('next-action')) return NextResponse.next();
  const { pathname } = request.nextUrl;
  if (AUTH_PAGES.includes(pathname)) {
    const response = await authProxy(request, event);
    // A prefetch still in flight when the merchant signs out would otherwise put back the cookie that
    // signing out deleted.
    response.headers.delete('set-cookie');
    return response;
  }
  if (PUBLIC_PAGES.includes(pathname)) return NextResponse.next();
  const requestedPath = `${pathname}${request.nextUrl.search}`;
  if (!hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name))) return NextResponse.redirect(new URL(signInPathFor(requestedPath), request.nextUrl));
  // The page may still find the session invalid (expired, or signed with another secret), and then sends
  // the merchant to sign-in with the same way back.
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, requestedPath);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
