import { describe, expect, it } from 'vitest';
import { signInPathFor } from '@/lib/auth/sign-in-redirect';

describe('signInPathFor', () => {
  it('sends the merchant to sign-in with the path and query to come back to', () => {
    expect(signInPathFor('/orders?status=processing&q=a b')).toBe('/sign-in?callbackUrl=%2Forders%3Fstatus%3Dprocessing%26q%3Da+b');
  });

  it('gives plain sign-in when there is nothing safe to come back to', () => {
    expect(signInPathFor(null)).toBe('/sign-in');
    expect(signInPathFor('')).toBe('/sign-in');
    expect(signInPathFor('https://elsewhere.example/orders')).toBe('/sign-in');
    expect(signInPathFor('//elsewhere.example/orders')).toBe('/sign-in');
  });
});
