import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxy } from '@/lib/rate-limits/client-address';

const headers = (values: Record<string, string>) => new Headers(values);

describe('TRUSTED_PROXY', () => {
  it('reads none, vercel or a number of proxies, and names the choices for anything else', () => {
    expect(parseTrustedProxy(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxy(' None ')).toEqual({ kind: 'none' });
    expect(parseTrustedProxy('0')).toEqual({ kind: 'none' });
    expect(parseTrustedProxy('vercel')).toEqual({ kind: 'vercel' });
    expect(parseTrustedProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(() => parseTrustedProxy('nginx')).toThrow(
      'TRUSTED_PROXY must be "none", "vercel" or the number of reverse proxies in front of the app (1, 2, …); got "nginx".',
    );
    expect(() => parseTrustedProxy('-1')).toThrow(/TRUSTED_PROXY must be/);
  });
});

describe('the client address', () => {
  it('with no proxy: the address Next.js recorded from the socket, never a client-made first entry', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '127.0.0.1' }), { kind: 'none' })).toBe('127.0.0.1');
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 10.1.2.3' }), { kind: 'none' })).toBe('10.1.2.3');
    expect(clientAddress(headers({}), { kind: 'none' })).toBe('unknown');
  });

  it('behind N proxies: the entry the outermost proxy appended, whatever the client put before it', () => {
    const forwarded = headers({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7, 198.51.100.4, 10.0.0.2' });
    expect(clientAddress(forwarded, { kind: 'hops', hops: 1 })).toBe('10.0.0.2');
    expect(clientAddress(forwarded, { kind: 'hops', hops: 2 })).toBe('198.51.100.4');
    expect(clientAddress(headers({ 'x-forwarded-for': '198.51.100.4' }), { kind: 'hops', hops: 2 })).toBe('198.51.100.4');
    expect(clientAddress(headers({}), { kind: 'hops', hops: 1 })).toBe('unknown');
  });

  it("on Vercel: the address Vercel's edge wrote, not the client's X-Forwarded-For", () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6' };
    expect(
      clientAddress(headers({ ...spoofed, 'x-vercel-forwarded-for': '198.51.100.9', 'x-real-ip': '198.51.100.9' }), { kind: 'vercel' }),
    ).toBe('198.51.100.9');
    expect(clientAddress(headers({ ...spoofed, 'x-real-ip': '198.51.100.10' }), { kind: 'vercel' })).toBe('198.51.100.10');
  });
});
