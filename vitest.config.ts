import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './tests/abuse/support/abuse-reporter.ts'],
    // The simulator's stores listen on 127.0.0.1; the SSRF guard's own tests set this explicitly.
    env: { ALLOW_PRIVATE_STORE_URLS: 'true' },
  },
});
