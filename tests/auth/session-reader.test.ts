import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';
import { serverEnv } from '@/lib/env/server-env';
import { readSessionToken } from '@/lib/auth/session-reader';

const COOKIE = 'authjs.session-token';

async function sessionCookie(claims: Record<string, unknown>, options: { name?: string; maxAge?: number } = {}) {
  const name = options.name ?? COOKIE;
  const value = await encode({ token: claims, secret: serverEnv().authSecret, salt: name, maxAge: options.maxAge });
  return { name, value };
}

describe('reading the session from the request’s cookies', () => {
  it('returns the claims Auth.js issued, the second time from memory', async () => {
    const cookie = await sessionCookie({ userId: 'user-1', email: 'ada@example.test', name: 'Ada' });
    const first = await readSessionToken([{ name: 'ob_workspace', value: 'w' }, cookie]);
    expect(first).toMatchObject({ userId: 'user-1', email: 'ada@example.test', name: 'Ada' });
    expect(await readSessionToken([cookie])).toBe(first);
  });

  it('reads the __Secure- cookie used over HTTPS, and a token split into chunks', async () => {
    const secure = await sessionCookie({ userId: 'user-2', email: 'grace@example.test' }, { name: `__Secure-${COOKIE}` });
    expect(await readSessionToken([secure])).toMatchObject({ userId: 'user-2' });
    const whole = await sessionCookie({ userId: 'user-3', email: 'alan@example.test' });
    const half = Math.ceil(whole.value.length / 2);
    const chunks = [
      { name: `${COOKIE}.1`, value: whole.value.slice(half) },
      { name: `${COOKIE}.0`, value: whole.value.slice(0, half) },
    ];
    expect(await readSessionToken(chunks)).toMatchObject({ userId: 'user-3' });
  });

  it('returns null without a session cookie, for one that does not decrypt, and for an expired one', async () => {
    expect(await readSessionToken([{ name: 'ob_workspace', value: 'w' }])).toBeNull();
    expect(await readSessionToken([{ name: COOKIE, value: 'not-a-session' }])).toBeNull();
    const other = await encode({
      token: { userId: 'user-4' },
      secret: 'another-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      salt: COOKIE,
    });
    expect(await readSessionToken([{ name: COOKIE, value: other }])).toBeNull();
    expect(await readSessionToken([await sessionCookie({ userId: 'user-5', email: 'x@example.test' }, { maxAge: -60 })])).toBeNull();
  });

  it('stops returning a remembered session once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const cookie = await sessionCookie({ userId: 'user-6', email: 'barbara@example.test' }, { maxAge: 60 });
      expect(await readSessionToken([cookie])).toMatchObject({ userId: 'user-6' });
      vi.setSystemTime(Date.now() + 61_000);
      expect(await readSessionToken([cookie])).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
