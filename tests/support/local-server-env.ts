/**
 * The environment of a local production server (`npm start`) for the e2e tests and `npm run bench:ui`:
 * fixed secrets unless set, store URLs on 127.0.0.1 allowed (the simulator's), and a signing key but no event
 * key: Inngest could call the app, the app sends nothing, so Sync Now and Sync Order run in the server process.
 */
export function localServerEnv(baseUrl: string, database: { DATABASE_URL?: string; PGLITE_DIR?: string }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'local-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    AUTH_URL: baseUrl,
    ORDERBRIDGE_ENCRYPTION_KEY: process.env.ORDERBRIDGE_ENCRYPTION_KEY ?? '0f'.repeat(32),
    INNGEST_SIGNING_KEY: process.env.INNGEST_SIGNING_KEY ?? 'signkey-test-' + 'ab'.repeat(32),
    // The test's clients reach `next start` directly: the address is the one Next.js writes from the socket.
    TRUSTED_PROXY: 'none',
    ALLOW_PRIVATE_STORE_URLS: 'true',
    ORDERBRIDGE_ALLOW_PRIVATE_STORES_IN_PRODUCTION: 'true',
    // Emails go to .data/outbox/ unless a test points SMTP_URL at its own SMTP server (tests/support/smtp-inbox.ts).
    ORDERBRIDGE_ALLOW_MAIL_OUTBOX_IN_PRODUCTION: 'true',
    ...(database.DATABASE_URL ? { DATABASE_URL: database.DATABASE_URL } : { ORDERBRIDGE_SINGLE_SERVER: 'true' }),
    ...(database.PGLITE_DIR ? { PGLITE_DIR: database.PGLITE_DIR } : {}),
  };
}
