import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { startSimulator, type Simulator } from '@/simulator';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

const run = promisify(execFile);

/** The CLI is its own process, so it needs a database it can open too: PostgreSQL, or a PGlite folder on disk. */
async function databaseForCli(): Promise<{ handle: DbHandle; cliUrl: string; release: () => Promise<void>; cleanup: () => Promise<void> }> {
  const postgres: TestDatabase | null = process.env.DATABASE_URL ? await createTestDatabase() : null;
  if (postgres?.url) return { handle: postgres, cliUrl: postgres.url, release: async () => {}, cleanup: () => postgres.drop() };
  const dir = mkdtempSync(path.join(tmpdir(), 'ob-cli-'));
  const handle = await openDatabase({ driver: 'pglite', dataDir: dir });
  await migrateDatabase(handle);
  return {
    handle,
    cliUrl: `pglite:${dir}`,
    release: () => handle.close(),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function cli(args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/sync.ts', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, ALLOW_PRIVATE_STORE_URLS: 'true' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run sync', () => {
  let sim: Simulator;
  let database: Awaited<ReturnType<typeof databaseForCli>>;
  const slug = `cli-${Date.now().toString(36)}`;

  beforeAll(async () => {
    sim = await startSimulator({ stores: [{ name: 'Main Store' }, { name: 'Substore A' }] });
    database = await databaseForCli();
    const [main, sub] = sim.stores;
    await createSyncWorkspace(database.handle.db, {
      slug,
      main: endpointOf(main, 'USD'),
      subs: [endpointOf(sub, 'USD')],
      settings: { syncStartAt: new Date(Date.now() - 3600_000) },
    });
    await database.release();
    main.createOrderDirectly();
    main.createOrderDirectly();
    sub.createOrderDirectly();
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await database?.cleanup();
  });

  it('previews with --dry-run without writing to any store, then syncs and prints the run as JSON', async () => {
    const preview = await cli(['--workspace', slug, '--dry-run'], database.cliUrl);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/3/);
    expect(sim.stores[0].orders.count).toBe(2);
    expect(sim.stores[1].orders.count).toBe(1);

    const synced = await cli(['--workspace', slug, '--json'], database.cliUrl);
    expect(synced.code).toBe(0);
    const result = JSON.parse(synced.stdout) as { status: string; counts: { toSub: { created: number }; toMain: { created: number } } };
    expect(result.status).toBe('succeeded');
    expect(result.counts.toSub.created).toBe(2);
    expect(result.counts.toMain.created).toBe(1);
    expect(sim.stores[1].orders.count).toBe(3);
    expect(sim.stores[0].orders.count).toBe(3);
  }, 120_000);

  it('explains a wrong slug and bad arguments with their exit codes', async () => {
    const unknown = await cli(['--workspace', 'no-such-workspace'], database.cliUrl);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workspace with the slug "no-such-workspace"');
    const usage = await cli(['--bogus'], database.cliUrl);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('Usage: npm run sync -- --workspace <slug>');
  }, 120_000);
});
