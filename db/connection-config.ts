import 'server-only';

export type DatabaseTarget =
  { driver: 'pglite'; dataDir: string } | { driver: 'node-postgres'; url: string } | { driver: 'neon'; url: string };

/**
 * One place decides which driver talks to the database:
 * no DATABASE_URL → embedded PGlite under .data/; `pglite:<dir>` or `memory://` → PGlite there;
 * a Neon host (or DB_DRIVER=neon) → @neondatabase/serverless; any other postgres URL → node-postgres.
 */
export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { driver: 'pglite', dataDir: env.PGLITE_DIR?.trim() || '.data/pglite' };
  if (url === 'memory://') return { driver: 'pglite', dataDir: 'memory://' };
  if (url.startsWith('pglite:')) return { driver: 'pglite', dataDir: url.slice('pglite:'.length) };
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL, "pglite:<folder>" or "memory://"; got a value starting "${url.slice(0, 12)}"`);
  }
  const isNeonHost = /\.neon\.tech(?::\d+)?\//.test(url) || /@[^/]*neon\.tech/.test(url);
  if (env.DB_DRIVER === 'neon' || (isNeonHost && env.DB_DRIVER !== 'node-postgres')) return { driver: 'neon', url };
  return { driver: 'node-postgres', url };
}
