import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from './lib/auth/auth.config';

const authProxy = NextAuth(authConfig).auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Keeps signed-out visitors out of the app's pages; it only reads the session. Server actions and API
 * routes are left out: each resolves user → membership → workspace itself. The session cookie the proxy
 * would re-issue is dropped: a prefetch still in flight when the merchant signs out would otherwise put
 * back the cookie that signing out deleted.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.method === 'POST' && request.headers.has('next-action')) return NextResponse.next();
  const response = await authProxy(request, event);
  response.headers.delete('set-cookie');
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
