import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { resolveDatabaseTarget } from '@/db/connection-config';

export type TestDatabase = DbHandle & { url?: string; drop: () => Promise<void> };

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
 * DATABASE_URL when it is a postgres:// URL, otherwise an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = resolveDatabaseTarget();
  if (base.driver === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    await migrateDatabase(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const name = `ob_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(base.url, `CREATE DATABASE ${name}`);
  const url = new URL(base.url);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: base.driver, url: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await adminQuery(base.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** One statement on a connection of its own (creating or dropping a database cannot share a pool). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
