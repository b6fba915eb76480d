import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Tests are server code: `server-only` is its empty module, as under Next.js's server layers.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // next-auth imports `next/server` without the `.js` Node's resolver needs; through Vite it resolves, and
    // tests can then call Auth.js's route handler and actions (tests/abuse).
    server: { deps: { inline: ['next-auth'] } },
    reporters: ['default', './tests/abuse/support/abuse-reporter.ts'],
    // The simulator's stores listen on 127.0.0.1; the SSRF guard's own tests set this explicitly.
    env: { ALLOW_PRIVATE_STORE_URLS: 'true' },
  },
});
