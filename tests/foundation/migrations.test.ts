import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { resolveDatabaseTarget } from '@/db/connection-config';
import { migrateDatabase } from '@/db/migrate';
import { adminQuery } from '@/tests/support/test-database';

const onPostgres = Boolean(process.env.DATABASE_URL?.startsWith('postgres'));

describe.skipIf(!onPostgres)('migrations', () => {
  it('instances starting together on an empty database each finish, and every migration is applied once', async () => {
    const base = resolveDatabaseTarget();
    if (base.driver !== 'node-postgres') throw new Error('expected a postgres:// DATABASE_URL');
    const name = `ob_test_migrate_${randomBytes(4).toString('hex')}`;
    await adminQuery(base.url, `CREATE DATABASE ${name}`);
    const url = new URL(base.url);
    url.pathname = `/${name}`;
    const handles = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ driver: 'node-postgres', url: url.toString() })));
    try {
      await Promise.all(handles.map((handle) => migrateDatabase(handle)));
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const applied = await check.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await check.end();
      const { readdirSync } = await import('node:fs');
      expect(applied.rows[0].n).toBe(readdirSync('drizzle').filter((f) => f.endsWith('.sql')).length);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
      await adminQuery(base.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
