import { describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '@/db/connection-config';
import { loadServerEnv } from '@/lib/env/server-env';
import { loadKeyring } from '@/lib/crypto/encryption-keys';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe('database driver chooser', () => {
  it('uses embedded PGlite under .data when DATABASE_URL is unset', () => {
    expect(resolveDatabaseTarget(env({}))).toEqual({ driver: 'pglite', dataDir: '.data/pglite' });
  });
  it('uses node-postgres for a plain postgres URL and Neon for a Neon host or DB_DRIVER=neon', () => {
    expect(resolveDatabaseTarget(env({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' })).driver).toBe('node-postgres');
    expect(
      resolveDatabaseTarget(env({ DATABASE_URL: 'postgresql://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db?sslmode=require' })).driver,
    ).toBe('neon');
    expect(resolveDatabaseTarget(env({ DATABASE_URL: 'postgres://u@127.0.0.1/db', DB_DRIVER: 'neon' })).driver).toBe('neon');
  });
  it('explains a DATABASE_URL it cannot use', () => {
    expect(() => resolveDatabaseTarget(env({ DATABASE_URL: 'mysql://x' }))).toThrow(/must be a postgres:\/\/ URL/);
  });
});

describe('environment', () => {
  it('stops a production start without its secrets, naming each', () => {
    expect(() => loadServerEnv(env({ NODE_ENV: 'production' }))).toThrow(
      /cannot start in production without: AUTH_SECRET.*ORDERBRIDGE_ENCRYPTION_KEY.*INNGEST_SIGNING_KEY.*DATABASE_URL.*TRUSTED_PROXY/,
    );
  });
  it('starts in production with them', () => {
    const loaded = loadServerEnv(
      env({
        NODE_ENV: 'production',
        AUTH_SECRET: 'x'.repeat(40),
        ORDERBRIDGE_ENCRYPTION_KEY: 'ab'.repeat(32),
        INNGEST_SIGNING_KEY: 'signkey-prod-123',
        DATABASE_URL: 'postgres://orderbridge@db.internal:5432/orderbridge',
        TRUSTED_PROXY: '1',
        SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
        MAIL_FROM: 'Orderbridge <no-reply@example.com>',
        AUTH_URL: 'https://orderbridge.example.com',
      }),
    );
    expect(loaded.authSecret).toBe('x'.repeat(40));
  });
  it('refuses a production webhook address on plain http, and one that is not an address at all', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      ORDERBRIDGE_ENCRYPTION_KEY: 'ab'.repeat(32),
      INNGEST_SIGNING_KEY: 'k',
      DATABASE_URL: 'postgres://db/x',
      TRUSTED_PROXY: '1',
      SMTP_URL: 'smtp://mail.example.com',
      MAIL_FROM: 'no-reply@example.com',
      AUTH_URL: 'https://orderbridge.example.com',
    };
    expect(() => loadServerEnv(env({ ...production, ORDERBRIDGE_PUBLIC_URL: 'http://orderbridge.example.com' }))).toThrow(
      /refuses to start in production with these set: ORDERBRIDGE_PUBLIC_URL on plain http/,
    );
    expect(() => loadServerEnv(env({ ...production, ORDERBRIDGE_PUBLIC_URL: 'orderbridge.example.com' }))).toThrow(
      /ORDERBRIDGE_PUBLIC_URL must be the app's full public address/,
    );
    expect(loadServerEnv(env({ ...production, ORDERBRIDGE_PUBLIC_URL: 'https://orderbridge.example.com' })).ORDERBRIDGE_PUBLIC_URL).toBe(
      'https://orderbridge.example.com',
    );
  });
  it('rejects a short AUTH_SECRET', () => {
    expect(() => loadServerEnv(env({ AUTH_SECRET: 'short' }))).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
  it('reads TRUSTED_PROXY, and stops at a value it cannot use, naming the choices', () => {
    expect(loadServerEnv(env({})).trustedProxy).toEqual({ kind: 'none' });
    expect(loadServerEnv(env({ TRUSTED_PROXY: 'vercel' })).trustedProxy).toEqual({ kind: 'vercel' });
    expect(loadServerEnv(env({ TRUSTED_PROXY: '1' })).trustedProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(() => loadServerEnv(env({ TRUSTED_PROXY: 'cloudflare' }))).toThrow(
      'Invalid environment: TRUSTED_PROXY: TRUSTED_PROXY must be "none", "vercel" or the number of reverse proxies in front of the app (1, 2, …)',
    );
  });
});

describe('credential encryption', () => {
  const ring = loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: '11'.repeat(32) }));
  const where = 'store:00000000-0000-4000-8000-000000000001:consumerSecret';

  it('round-trips and never stores the plaintext', () => {
    const stored = encryptSecret('cs_secret_value', ring, where);
    expect(stored).not.toContain('cs_secret_value');
    expect(stored.split(':').slice(0, 2)).toEqual(['v2', ring.current.id]);
    expect(decryptSecret(stored, ring, where)).toBe('cs_secret_value');
  });
  it('detects tampering', () => {
    const stored = encryptSecret('cs_secret_value', ring, where).split(':');
    stored[4] = Buffer.from('forged').toString('base64url');
    expect(() => decryptSecret(stored.join(':'), ring, where)).toThrow(/altered/);
  });
  it('decrypts only with the associated data it was encrypted with', () => {
    const stored = encryptSecret('cs_secret_value', ring, where);
    expect(() => decryptSecret(stored, ring, where.replace('consumerSecret', 'consumerKey'))).toThrow(/belongs to another store or field/);
  });
  it('still decrypts values under a previous key after the key changes', () => {
    const stored = encryptSecret('ck_old', ring, where);
    const rotated = loadKeyring(
      env({ ORDERBRIDGE_ENCRYPTION_KEY: '22'.repeat(32), ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS: '11'.repeat(32) }),
    );
    expect(rotated.current.id).not.toBe(ring.current.id);
    expect(decryptSecret(stored, rotated, where)).toBe('ck_old');
    const withoutOld = loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: '22'.repeat(32) }));
    expect(() => decryptSecret(stored, withoutOld, where)).toThrow(/not configured/);
  });
});
