import 'server-only';

import { mkdirSync } from 'node:fs';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { resolveDatabaseTarget, type DatabaseTarget } from './connection-config';
import { queryCounter } from './query-counter';
import { logError } from '@/lib/log';
import { processSingleton } from '@/lib/utils/process-singleton';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbHandle = { db: Db; target: DatabaseTarget; close: () => Promise<void> };

/** The rows of a `db.execute` result, whichever driver ran it. */
export function resultRows<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const logger = { logQuery: () => queryCounter.increment() };

export async function openDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Promise<DbHandle> {
  if (target.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    if (target.dataDir !== 'memory://') mkdirSync(target.dataDir, { recursive: true });
    const client = new PGlite(target.dataDir);
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    return { db, target, close: () => client.close() };
  }
  if (target.driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { default: ws } = await import('ws');
    neonConfig.webSocketConstructor = ws;
    const localProxy = process.env.NEON_WS_PROXY;
    if (localProxy) {
      // Lets the production driver run against a plain PostgreSQL through a WebSocket→TCP proxy (tests, CI).
      neonConfig.wsProxy = (host, port) => `${localProxy}/v2?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
    }
    const pool = new Pool({ connectionString: target.url, max: 10 });
    pool.on('error', reportIdleConnectionError);
    const db = drizzle(pool, { schema, logger }) as unknown as Db;
    return { db, target, close: () => pool.end() };
  }
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  pool.on('error', reportIdleConnectionError);
  const db = drizzle(pool, { schema, logger }) as unknown as Db;
  return { db, target, close: () => pool.end() };
}

/** The process-wide database (one PGlite instance per data folder, one pool otherwise). */
export function getDb(): Promise<Db> {
  const handle = processSingleton('orderbridgeDb', () =>
    openDatabase().then(async (opened) => {
      const { migrateDatabase } = await import('./migrate');
      await migrateDatabase(opened);
      return opened;
    }),
  );
  return handle.then((h) => h.db);
}

/**
 * An idle pooled connection can be cut (a restart, a failover, a dropped database): the pool discards it and
 * opens another on demand. Without a listener the pool's 'error' event would take the whole process down.
 */
function reportIdleConnectionError(error: Error): void {
  logError('PostgreSQL: an idle connection was closed by the server; it will be replaced', error, {}, 'warn');
}
