import path from 'node:path';
import type { DbHandle } from './client';

const migrationsFolder = path.resolve(process.cwd(), 'drizzle');

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  const { db, target } = handle;
  if (target.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as never, { migrationsFolder });
  } else if (target.driver === 'neon') {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(db as never, { migrationsFolder });
  }
}
