import { describe, expect, it } from 'vitest';
import { hasSessionCookie, isSessionCookieName } from '@/lib/auth/session-cookie';

describe('the session cookie the proxy looks for', () => {
  it('is Auth.js’s, over HTTP and HTTPS, whole or in chunks', () => {
    for (const name of [
      'authjs.session-token',
      '__Secure-authjs.session-token',
      'authjs.session-token.0',
      '__Secure-authjs.session-token.1',
    ]) {
      expect(isSessionCookieName(name)).toBe(true);
    }
  });

  it('is not any other cookie', () => {
    for (const name of ['authjs.csrf-token', 'authjs.callback-url', 'ob_workspace', 'authjs.session-tokenx', 'next-auth.session-token']) {
      expect(isSessionCookieName(name)).toBe(false);
    }
    expect(hasSessionCookie(['authjs.csrf-token', 'ob_workspace'])).toBe(false);
    expect(hasSessionCookie(['ob_workspace', '__Secure-authjs.session-token.0'])).toBe(true);
  });
});
