import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { syncRuns } from '@/db/schema';
import { listSyncRuns } from '@/lib/data/sync-runs';
import { getSyncLease } from '@/lib/data/sync-leases';
import type { WorkspaceContext } from '@/lib/auth/workspace-context';
import { syncWorkspace } from '@/lib/sync';
import { startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { sleep } from '@/lib/utils/sleep';

// The Sync Now action as the app runs it: the session is workspace's owner, `after()` keeps the background run.
const session: { context: WorkspaceContext | null } = { context: null };
const background: Array<Promise<unknown>> = [];
vi.mock('@/lib/auth/workspace-context', () => ({ resolveWorkspaceContext: async () => session.context }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/server', () => ({ after: (task: () => Promise<unknown>) => background.push(task()) }));

/** The bound: a crashed run's workspace takes a new run within this. */
const FREE_WITHIN_MS = 30_000;

/** The CLI is its own process, so it needs a database it can open too: PostgreSQL, or a PGlite folder on disk (one process at a time). */
async function sharedDatabase(): Promise<{ url: string; open: () => Promise<DbHandle>; cleanup: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const postgres: TestDatabase = await createTestDatabase();
    return { url: postgres.url!, open: async () => ({ ...postgres, close: async () => {} }), cleanup: () => postgres.drop() };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ob-kill-'));
  const first = await openDatabase({ driver: 'pglite', dataDir: dir });
  await migrateDatabase(first);
  await first.close();
  return {
    url: `pglite:${dir}`,
    open: () => openDatabase({ driver: 'pglite', dataDir: dir }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `npm run sync` as its own Node process (no wrapper process in between, so SIGKILL reaches the engine itself). */
function startCliSync(slug: string, databaseUrl: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/sync.ts', '--workspace', slug, '--json'],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, ALLOW_PRIVATE_STORE_URLS: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[npm run sync] ${chunk.toString()}`));
  return child;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function copiesOn(target: StoreHandle, originPrefix: string, sourceIds: number[]) {
  const counts = sourceIds.map((id) => target.orders.withMeta('_orderbridge_origin', `${originPrefix}:${id}`).length);
  return { duplicates: counts.filter((n) => n > 1).length, lost: counts.filter((n) => n === 0).length };
}

describe('runs and leases under attack', () => {
  let sim: Simulator;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  beforeAll(async () => {
    database = await sharedDatabase();
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    await database?.cleanup();
  });

  it(
    'kill -9 of npm run sync at several points of a backfill: nothing lost or twice, each killed run interrupted, the workspace free within 30 s',
    { timeout: 420_000 },
    async () => {
      sim = await startSimulator({
        stores: [{ name: 'Main Store' }, { name: 'Substore A', cost: { scale: 1, overheadMs: 30, perOrderWriteMs: 6 } }],
      });
      const [main, sub] = sim.stores;
      const slug = `kill-${Date.now().toString(36)}`;
      let handle = await database.open();
      // With the opt-in copy note, so kills land among note requests too.
      const settings = { syncStartAt: new Date(Date.now() - 3600_000), addCopyNote: true };
      const fixture = await createSyncWorkspace(handle.db, {
        slug,
        main: endpointOf(main, 'USD'),
        subs: [endpointOf(sub, 'USD')],
        settings,
      });
      await handle.close();
      main.seedOrders(900, { spacingMs: 100 });
      const sourceIds = main.orders.all().map((o) => o.id);
      const ws = fixture.workspace.id;

      const killedRuns: string[] = [];
      // Killed while reading the main store, early in the pushes, and deep into them.
      for (const copiesBeforeKill of [0, 150, 400]) {
        const child = startCliSync(slug, database.url);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          await waitFor(
            () => (copiesBeforeKill === 0 ? sub.requestCount > 0 : sub.orders.count >= copiesBeforeKill),
            120_000,
            `${copiesBeforeKill} copies`,
          );
        } finally {
          child.kill('SIGKILL');
        }
        await exited;
        const killedAt = Date.now();
        handle = await database.open();
        const [killed] = (await listSyncRuns(handle.db, ws, 1)).runs;
        expect(killed.status === 'running' || killed.status === 'interrupted').toBe(true);
        killedRuns.push(killed.id);
        await waitFor(async () => (await getSyncLease(handle.db, ws)) === null, FREE_WITHIN_MS + 5_000, 'the workspace to be free');
        expect(Date.now() - killedAt).toBeLessThan(FREE_WITHIN_MS);
        // Before anyone takes the workspace over, the history already shows the dead run as interrupted.
        expect((await listSyncRuns(handle.db, ws, 1)).runs[0]).toMatchObject({ id: killed.id, status: 'interrupted' });
        await handle.close();
      }

      handle = await database.open();
      try {
        // The last kill was over 20 s ago: a batch it had in flight has long landed (or not), so its claims can be checked now.
        const clean = await syncWorkspace(handle.db, ws, { trigger: 'cli', tuning: { leaseWaitMs: 0, staleClaimGraceMs: 10_000 } });
        expect(clean.status).toBe('succeeded');
        expect(copiesOn(sub, fixture.main.id, sourceIds)).toEqual({ duplicates: 0, lost: 0 });
        expect(
          sub.orders
            .all()
            .map((o) => sub.orders.notes(o.id).filter((n) => n.note.startsWith('Copied from ')).length)
            .filter((n) => n !== 1),
        ).toEqual([]);
        const rows = await handle.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, ws));
        expect(rows.filter((r) => killedRuns.includes(r.id)).map((r) => r.status)).toEqual(['interrupted', 'interrupted', 'interrupted']);
        expect(rows.filter((r) => r.status === 'running')).toEqual([]);
      } finally {
        await handle.close();
      }
    },
  );

  it('50 Sync Now presses at once through the real action, plus a scheduled tick: exactly one run', { timeout: 120_000 }, async () => {
    const handle = await database.open();
    // The run lasts well beyond the 3 s a second trigger waits for the workspace, so no press can run after it either.
    const sims = await startSimulator({
      stores: [{ name: 'Main Store' }, { name: 'Substore A', cost: { scale: 1, overheadMs: 30, perOrderWriteMs: 40 } }],
    });
    try {
      const [main, sub] = sims.stores;
      const fixture = await createSyncWorkspace(handle.db, {
        main: endpointOf(main, 'USD'),
        subs: [endpointOf(sub, 'USD')],
        settings: { syncStartAt: new Date(Date.now() - 3600_000) },
      });
      main.seedOrders(120, { spacingMs: 100 });
      const ws = fixture.workspace.id;
      session.context = {
        db: handle.db,
        user: {
          id: '00000000-0000-4000-8000-000000000001',
          email: 'owner@example.test',
          name: null,
          sessionId: '00000000-0000-4000-8000-000000000002',
          emailVerifiedAt: null,
        },
        workspace: fixture.workspace,
        role: 'owner',
      };
      const { syncNowAction } = await import('@/app/(app)/orders/actions');
      const tick = syncWorkspace(handle.db, ws, { trigger: 'schedule' });
      const answers = await Promise.all(Array.from({ length: 50 }, () => syncNowAction(undefined, new FormData())));
      const tickResult = await tick;
      await Promise.all(background);
      const kinds = answers.map((a) => (!a ? 'no answer' : a.ok ? a.data.kind : `error: ${a.error}`));
      const started = kinds.filter((k) => k === 'started').length;
      expect(kinds.filter((k) => k !== 'started' && k !== 'already_running')).toEqual([]);
      // A press answers "started" before its run has the lease; if the tick took it first, that run reports it and stops.
      expect(started).toBeLessThanOrEqual(1);
      expect(started + (tickResult.status === 'already_running' ? 0 : 1)).toBeGreaterThanOrEqual(1);

      const runs = await handle.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, ws));
      expect(runs.filter((r) => r.status !== 'skipped')).toHaveLength(1);
      expect(
        copiesOn(
          sub,
          fixture.main.id,
          main.orders.all().map((o) => o.id),
        ),
      ).toEqual({ duplicates: 0, lost: 0 });
    } finally {
      await sims.close();
      await handle.close();
    }
  });
});
