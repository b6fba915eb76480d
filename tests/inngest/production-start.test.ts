import { Inngest } from 'inngest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadServerEnv } from '@/lib/env/server-env';
import { localServerEnv } from '@/tests/support/local-server-env';

const productionSecrets = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'x'.repeat(40),
  ORDERBRIDGE_ENCRYPTION_KEY: 'ab'.repeat(32),
  DATABASE_URL: 'postgres://orderbridge@db.internal:5432/orderbridge',
  TRUSTED_PROXY: 'vercel',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
  MAIL_FROM: 'Orderbridge <no-reply@example.com>',
  AUTH_URL: 'https://orderbridge.example.com',
};
const production = { ...productionSecrets, INNGEST_SIGNING_KEY: 'signkey-prod-0123' };
const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

afterEach(() => vi.unstubAllEnvs());

describe('production start-up and the Inngest signing key', () => {
  it('refuses to start in production without INNGEST_SIGNING_KEY, naming it and the fix', () => {
    expect(() => loadServerEnv(env(productionSecrets))).toThrow(
      'Orderbridge cannot start in production without: INNGEST_SIGNING_KEY (from Inngest Cloud or your self-hosted Inngest server). See .env.example.',
    );
  });

  it('starts with a signing key, or against a dev server when that is opted into by name', () => {
    expect(() => loadServerEnv(env(production))).not.toThrow();
    expect(() =>
      loadServerEnv(env({ ...productionSecrets, INNGEST_DEV: '1', ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION: 'true' })),
    ).not.toThrow();
  });

  it('asks for the key exactly when the Inngest SDK would run in cloud mode', () => {
    for (const value of ['1', 'true', 'http://127.0.0.1:8288', '0', 'false', 'FALSE', '']) {
      vi.stubEnv('INNGEST_DEV', value);
      const sdkMode = new Inngest({ id: 'orderbridge' }).mode;
      const check = () =>
        loadServerEnv(env({ ...productionSecrets, INNGEST_DEV: value, ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION: 'true' }));
      if (sdkMode === 'cloud') expect(check, `INNGEST_DEV=${JSON.stringify(value)}`).toThrow(/INNGEST_SIGNING_KEY/);
      else expect(check, `INNGEST_DEV=${JSON.stringify(value)}`).not.toThrow();
    }
  });

  it('refuses INNGEST_DEV in production whenever it selects dev mode: it turns off the signature check on /api/inngest', () => {
    for (const value of ['1', 'true', 'http://127.0.0.1:8288']) {
      expect(() => loadServerEnv(env({ ...production, INNGEST_DEV: value }))).toThrow(
        'Orderbridge refuses to start in production with these set: INNGEST_DEV (it turns off the signature check on /api/inngest, so anyone could trigger syncs). See .env.example.',
      );
    }
    expect(() => loadServerEnv(env({ ...production, INNGEST_DEV: '0' }))).not.toThrow();
  });

  it('fails the Next.js start-up hook before anything else runs', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    for (const [key, value] of Object.entries(productionSecrets)) vi.stubEnv(key, value);
    vi.stubEnv('INNGEST_DEV', '');
    vi.stubEnv('INNGEST_SIGNING_KEY', '');
    vi.stubEnv('DATABASE_URL', 'mysql://never-reached');
    const { register } = await import('@/instrumentation');
    await expect(register()).rejects.toThrow(/cannot start in production without: INNGEST_SIGNING_KEY/);
  });
});

describe('production start-up refuses settings that lower a defence', () => {
  it('refuses ALLOW_PRIVATE_STORE_URLS, naming it, unless a local test server opts in by name', () => {
    expect(() => loadServerEnv(env({ ...production, ALLOW_PRIVATE_STORE_URLS: 'true' }))).toThrow(
      'Orderbridge refuses to start in production with these set: ALLOW_PRIVATE_STORE_URLS (it lets store URLs reach loopback and private addresses: your own network). See .env.example.',
    );
    expect(() => loadServerEnv(env({ ...production, ALLOW_PRIVATE_STORE_URLS: 'false' }))).not.toThrow();
    expect(() =>
      loadServerEnv(env({ ...production, ALLOW_PRIVATE_STORE_URLS: '1', ORDERBRIDGE_ALLOW_PRIVATE_STORES_IN_PRODUCTION: 'true' })),
    ).not.toThrow();
  });

  it('refuses to start without DATABASE_URL, naming it, unless one server is deliberate (ORDERBRIDGE_SINGLE_SERVER)', () => {
    const withoutDatabase = { ...production, DATABASE_URL: '' };
    expect(() => loadServerEnv(env(withoutDatabase))).toThrow(
      'Orderbridge cannot start in production without: DATABASE_URL (without it each server instance keeps its own embedded PGlite database; for one deliberate single server, set ORDERBRIDGE_SINGLE_SERVER=true). See .env.example.',
    );
    expect(() => loadServerEnv(env({ ...withoutDatabase, ORDERBRIDGE_SINGLE_SERVER: 'true' }))).not.toThrow();
  });

  it('refuses to start without TRUSTED_PROXY: rate limits must know whose forwarded address to believe', () => {
    expect(() => loadServerEnv(env({ ...production, TRUSTED_PROXY: '' }))).toThrow(
      /cannot start in production without: TRUSTED_PROXY \(who tells the client's address/,
    );
    for (const value of ['vercel', '2', 'none']) expect(() => loadServerEnv(env({ ...production, TRUSTED_PROXY: value }))).not.toThrow();
  });

  it('names every problem at once', () => {
    const message = (() => {
      try {
        loadServerEnv(env({ ...production, DATABASE_URL: '', ALLOW_PRIVATE_STORE_URLS: 'true', INNGEST_DEV: '1' }));
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/without: DATABASE_URL .*with these set: ALLOW_PRIVATE_STORE_URLS .*, INNGEST_DEV /);
  });

  it('still starts the local production servers of the e2e tests and benchmarks, which opt in by name', () => {
    expect(() => loadServerEnv(env(localServerEnv('http://127.0.0.1:3100', { PGLITE_DIR: '.data/e2e' })))).not.toThrow();
    expect(() =>
      loadServerEnv(env(localServerEnv('http://127.0.0.1:3100', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/e2e' }))),
    ).not.toThrow();
  });
});
