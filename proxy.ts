import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './lib/auth/auth.config';
import { hasSessionCookie } from './lib/auth/session-cookie';
import { REQUESTED_PATH_HEADER, signInPathFor } from './lib/auth/sign-in-redirect';

/**
 * Keeps signed-out visitors out of the app's pages with an optimistic check, as Next.js advises for a
 * proxy: no session cookie, no page. A page behind a cookie verifies the session itself — the token and its
 * session row — with the membership, before it reads anything (requireWorkspaceContext). The sign-in and
 * sign-up pages do the same to send a signed-in merchant on to the dashboard. Server actions and API routes
 * are left out: each resolves user → membership → workspace itself.
 */
export default function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.headers.has('next-action')) return NextResponse.next();
  const { pathname } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const requestedPath = `${pathname}${request.nextUrl.search}`;
  if (!hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name)))
    return NextResponse.redirect(new URL(signInPathFor(requestedPath), request.nextUrl));
  // The page may still find the session invalid (expired, signed out, or signed with another secret), and
  // then sends the merchant to sign-in with the same way back.
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, requestedPath);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
