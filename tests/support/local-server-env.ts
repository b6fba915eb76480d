/**
 * The environment of a local production server (`npm start`) for the e2e tests and `npm run bench:ui`:
 * fixed secrets unless set, store URLs on 127.0.0.1 allowed (the simulator's), Inngest in dev mode, PGlite when
 * no DATABASE_URL — each of which production refuses unless opted into by name, as done here.
 */
export function localServerEnv(baseUrl: string, database: { DATABASE_URL?: string; PGLITE_DIR?: string }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'local-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    AUTH_URL: baseUrl,
    ORDERBRIDGE_ENCRYPTION_KEY: process.env.ORDERBRIDGE_ENCRYPTION_KEY ?? '0f'.repeat(32),
    INNGEST_DEV: '1',
    ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION: 'true',
    ALLOW_PRIVATE_STORE_URLS: 'true',
    ORDERBRIDGE_ALLOW_PRIVATE_STORES_IN_PRODUCTION: 'true',
    ...(database.DATABASE_URL ? { DATABASE_URL: database.DATABASE_URL } : { ORDERBRIDGE_SINGLE_SERVER: 'true' }),
    ...(database.PGLITE_DIR ? { PGLITE_DIR: database.PGLITE_DIR } : {}),
  };
}
