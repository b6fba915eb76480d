import { Inngest } from 'inngest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadServerEnv } from '../../lib/env/server-env';

const productionSecrets = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), ORDERBRIDGE_ENCRYPTION_KEY: 'ab'.repeat(32) };
const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

afterEach(() => vi.unstubAllEnvs());

describe('production start-up and the Inngest signing key', () => {
  it('refuses to start in production without INNGEST_SIGNING_KEY, naming it and the fix', () => {
    expect(() => loadServerEnv(env(productionSecrets))).toThrow(
      'Orderbridge cannot start in production without: INNGEST_SIGNING_KEY (from Inngest Cloud, or set INNGEST_DEV=1 for a dev server). See .env.example.',
    );
  });

  it('starts with a signing key, or against a dev server', () => {
    expect(() => loadServerEnv(env({ ...productionSecrets, INNGEST_SIGNING_KEY: 'signkey-prod-0123' }))).not.toThrow();
    expect(() => loadServerEnv(env({ ...productionSecrets, INNGEST_DEV: '1' }))).not.toThrow();
  });

  it('asks for the key exactly when the Inngest SDK would run in cloud mode', () => {
    for (const value of ['1', 'true', 'http://127.0.0.1:8288', '0', 'false', 'FALSE', '']) {
      vi.stubEnv('INNGEST_DEV', value);
      const sdkMode = new Inngest({ id: 'orderbridge' }).mode;
      const check = () => loadServerEnv(env({ ...productionSecrets, INNGEST_DEV: value }));
      if (sdkMode === 'cloud') expect(check, `INNGEST_DEV=${JSON.stringify(value)}`).toThrow(/INNGEST_SIGNING_KEY/);
      else expect(check, `INNGEST_DEV=${JSON.stringify(value)}`).not.toThrow();
    }
  });

  it('fails the Next.js start-up hook before anything else runs', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    for (const [key, value] of Object.entries(productionSecrets)) vi.stubEnv(key, value);
    vi.stubEnv('INNGEST_DEV', '');
    vi.stubEnv('INNGEST_SIGNING_KEY', '');
    vi.stubEnv('DATABASE_URL', 'mysql://never-reached');
    const { register } = await import('../../instrumentation');
    await expect(register()).rejects.toThrow(/cannot start in production without: INNGEST_SIGNING_KEY/);
  });
});
