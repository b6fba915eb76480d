import 'server-only';

import path from 'node:path';
import type { DbHandle } from './client';

const migrationsFolder = path.resolve(process.cwd(), 'drizzle');
/** Held while migrating: instances starting together (a deploy, a cluster) apply each migration once, in turn. */
const MIGRATION_LOCK_KEY = 4_242_017;

type SessionClient = { connect(): Promise<unknown>; query(sql: string): Promise<unknown>; end(): Promise<void> };

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  const { db, target } = handle;
  if (target.driver === 'pglite') {
    // One process owns a PGlite folder: nothing to race with.
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as never, { migrationsFolder });
    return;
  }
  if (target.driver === 'neon') {
    const { Client } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    const client = new Client({ connectionString: target.url });
    await underMigrationLock(client, () => migrate(drizzle(client), { migrationsFolder }));
    return;
  }
  const { Client } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const client = new Client({ connectionString: target.url });
  await underMigrationLock(client, () => migrate(drizzle(client), { migrationsFolder }));
}

/** A session-level advisory lock on a connection of its own, so the migrator's statements run under it. */
async function underMigrationLock(client: SessionClient, work: () => Promise<void>): Promise<void> {
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    await work();
  } finally {
    // Closing the session releases the lock even if the unlock is never reached.
    await client.end();
  }
}
