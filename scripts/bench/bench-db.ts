import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from '@/db/client';
import type { DatabaseTarget } from '@/db/connection-config';
import { migrateDatabase } from '@/db/migrate';
import { adminQuery } from '@/tests/support/test-database';
import { DEFAULT_POSTGRES_URL } from './env';

/** A fresh, migrated database for one benchmark section, reachable from child processes too. */
export type BenchDatabase = { target: DatabaseTarget; open: () => Promise<DbHandle>; drop: () => Promise<void> };

export async function createBenchDatabase(options: { pglite: boolean; postgresUrl?: string }): Promise<BenchDatabase> {
  if (options.pglite) {
    // A folder, not memory://, so a child process can open it (one process at a time).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ob-bench-pglite-'));
    const target: DatabaseTarget = { driver: 'pglite', dataDir };
    const handle = await openDatabase(target);
    await migrateDatabase(handle);
    await handle.close();
    return { target, open: () => openDatabase(target), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const baseUrl = options.postgresUrl ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const name = `ob_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { driver: 'node-postgres', url: url.toString() };
  const handle = await openDatabase(target);
  await migrateDatabase(handle);
  await handle.close();
  return { target, open: () => openDatabase(target), drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
