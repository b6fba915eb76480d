import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { resolveDatabaseTarget } from '@/db/connection-config';
import { signUp } from '@/lib/accounts/sign-up';
import { findMembership, listMembershipsOfUser } from '@/lib/data/workspaces';
import { startNeonWebSocketProxy } from '@/tests/support/neon-ws-proxy';

const base = resolveDatabaseTarget();
const postgresUrl = base.driver === 'pglite' ? 'postgres://postgres@127.0.0.1:5432/postgres' : base.url;

describe('the Neon serverless driver, against local PostgreSQL through a WebSocket proxy', () => {
  let proxy: Awaited<ReturnType<typeof startNeonWebSocketProxy>>;
  let handle: DbHandle;
  const name = `ob_neon_${Date.now().toString(36)}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    proxy = await startNeonWebSocketProxy();
    process.env.NEON_WS_PROXY = proxy.proxyAddress;
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const target = resolveDatabaseTarget({ DATABASE_URL: url.toString(), DB_DRIVER: 'neon' } as unknown as NodeJS.ProcessEnv);
    expect(target.driver).toBe('neon');
    handle = await openDatabase(target);
  });

  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
    delete process.env.NEON_WS_PROXY;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates, and runs the app’s transactional sign-up and tenant queries', async () => {
    await migrateDatabase(handle);
    const { user, workspace } = await signUp(handle.db, { email: 'neon@example.test', password: 'long enough password' });
    const memberships = await listMembershipsOfUser(handle.db, user.id);
    expect(memberships.map((m) => [m.workspace.id, m.role])).toEqual([[workspace.id, 'owner']]);
    expect(await findMembership(handle.db, user.id, workspace.id)).not.toBeNull();
  });
});
