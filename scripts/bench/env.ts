/** Benchmarks talk to simulator stores on 127.0.0.1 and need a credentials key; set both unless the caller did. */
process.env.ALLOW_PRIVATE_STORE_URLS ??= 'true';
process.env.ORDERBRIDGE_ENCRYPTION_KEY ??= '0f'.repeat(32);
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
