import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { sleep } from '@/lib/utils/sleep';

const onPostgres = Boolean(process.env.DATABASE_URL?.startsWith('postgres'));

describe.skipIf(!onPostgres)('pooled PostgreSQL connections', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('survives the server closing an idle connection, and the next query gets a new one', async () => {
    await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.01)`)));
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    const killed = await killer.query(
      'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await killer.end();
    expect(Number(killed.rows[0].n)).toBeGreaterThan(0);
    await sleep(200);
    const result = await database.db.execute(sql`select 1 as one`);
    const rows = (result as unknown as { rows: Array<{ one: number }> }).rows;
    expect(rows[0].one).toBe(1);
  });
});
