import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLeases } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';
import { backgroundSyncOf, requestSyncNow, type SyncNowStarter } from '@/lib/console/sync-now';
import { getSyncLease } from '@/lib/data/sync-leases';
import { currentSyncStatus, getSyncRun } from '@/lib/data/sync-runs';
import { reserveSyncRun } from '@/lib/sync';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { seedRun, seedWorkspace } from './seed';

let database: TestDatabase;
let a: Awaited<ReturnType<typeof seedWorkspace>>;
let b: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await seedWorkspace(database.db, 'Alpha');
  b = await seedWorkspace(database.db, 'Bravo');
});
afterAll(async () => database?.drop());

/** A run in this process that finishes when the test says so, closing its reserved run as the engine would. */
function controllableRun(workspaceId: () => string) {
  let finish!: () => void;
  const runIds: string[] = [];
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const starter: SyncNowStarter = {
    via: 'this_process',
    run: async (runId) => {
      runIds.push(runId);
      await finished;
      await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, workspaceId()));
    },
  };
  return { runIds, finish, starter };
}

function queueRecorder(fail = false) {
  const queued: string[] = [];
  const starter: SyncNowStarter = {
    via: 'inngest',
    queue: async (runId) => {
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:8288');
      queued.push(runId);
    },
  };
  return { queued, starter };
}

describe('Sync Now in this process (no Inngest)', () => {
  it('reserves the run, answers at once, runs it in the background, and never starts a second one meanwhile', async () => {
    const first = controllableRun(() => a.workspace.id);
    const outcome = await requestSyncNow(database.db, a.workspace.id, first.starter);
    expect(outcome.kind).toBe('started');
    expect(first.runIds).toHaveLength(1);
    const [runId] = first.runIds;
    // The progress indicator follows the run from the first poll: its row and lease are there before the engine starts.
    const status = await currentSyncStatus(database.db, a.workspace.id);
    expect(status.running).toMatchObject({ id: runId, trigger: 'sync_now', progress: { message: 'Starting in a moment…' } });
    expect((await getSyncLease(database.db, a.workspace.id))?.runId).toBe(runId);
    const background = backgroundSyncOf(a.workspace.id);
    expect(background).not.toBeNull();

    const again = controllableRun(() => a.workspace.id);
    const second = await requestSyncNow(database.db, a.workspace.id, again.starter);
    expect(second).toEqual({
      kind: 'already_running',
      message: expect.stringContaining('A Sync Now run is already running, so nothing was started twice'),
    });
    expect(again.runIds).toHaveLength(0);

    const otherWorkspace = controllableRun(() => b.workspace.id);
    expect((await requestSyncNow(database.db, b.workspace.id, otherWorkspace.starter)).kind).toBe('started');
    otherWorkspace.finish();
    await backgroundSyncOf(b.workspace.id);

    first.finish();
    await background;
    expect(backgroundSyncOf(a.workspace.id)).toBeNull();
    const later = controllableRun(() => a.workspace.id);
    expect((await requestSyncNow(database.db, a.workspace.id, later.starter)).kind).toBe('started');
    later.finish();
    await backgroundSyncOf(a.workspace.id);
  });

  it('two presses at the same moment start one run', async () => {
    const run = controllableRun(() => a.workspace.id);
    const outcomes = await Promise.all([
      requestSyncNow(database.db, a.workspace.id, run.starter),
      requestSyncNow(database.db, a.workspace.id, run.starter),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['already_running', 'started']);
    expect(run.runIds).toHaveLength(1);
    run.finish();
    await backgroundSyncOf(a.workspace.id);
  });

  it('a reservation made by another app instance (only the database is shared) wins over this one', async () => {
    const elsewhere = await reserveSyncRun(database.db, a.workspace.id, { runId: randomUUID(), trigger: 'sync_now' });
    expect(elsewhere.reserved).toBe(true);
    const run = controllableRun(() => a.workspace.id);
    const outcome = await requestSyncNow(database.db, a.workspace.id, run.starter);
    expect(outcome.kind).toBe('already_running');
    expect(run.runIds).toHaveLength(0);
    await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, a.workspace.id));
  });

  it('says the scheduled sync is running instead of starting another while it holds the lease', async () => {
    const scheduled = await seedRun(database.db, a.workspace.id, { trigger: 'schedule', status: 'running' });
    await database.db
      .insert(syncLeases)
      .values({ workspaceId: a.workspace.id, holder: 'scheduler', runId: scheduled.id, expiresAt: new Date(Date.now() + 60_000) });
    const run = controllableRun(() => a.workspace.id);
    const outcome = await requestSyncNow(database.db, a.workspace.id, run.starter);
    expect(outcome).toEqual({
      kind: 'already_running',
      message:
        'The scheduled sync is already running, so nothing was started twice. It will sync the waiting orders; its progress is shown at the top of the page.',
    });
    expect(run.runIds).toHaveLength(0);
    expect(backgroundSyncOf(a.workspace.id)).toBeNull();
    await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, a.workspace.id));
  });

  it('closes a run that threw before recording its end and frees the workspace for the next press', async () => {
    let runId = '';
    const outcome = await requestSyncNow(database.db, b.workspace.id, {
      via: 'this_process',
      run: (id) => ((runId = id), Promise.reject(new Error('store unreachable'))),
    });
    expect(outcome.kind).toBe('started');
    await backgroundSyncOf(b.workspace.id);
    expect(backgroundSyncOf(b.workspace.id)).toBeNull();
    expect(await getSyncRun(database.db, b.workspace.id, runId)).toMatchObject({
      status: 'failed',
      summary: expect.stringContaining('stopped before it could record its result'),
    });
    expect(await getSyncLease(database.db, b.workspace.id)).toBeNull();
  });
});

describe('Sync Now on Inngest', () => {
  it('sends the reserved run, answers at once, and a second press sends nothing', async () => {
    const inngest = queueRecorder();
    expect((await requestSyncNow(database.db, b.workspace.id, inngest.starter)).kind).toBe('started');
    expect(inngest.queued).toHaveLength(1);
    const status = await currentSyncStatus(database.db, b.workspace.id);
    expect(status.running?.id).toBe(inngest.queued[0]);
    expect((await requestSyncNow(database.db, b.workspace.id, inngest.starter)).kind).toBe('already_running');
    expect(inngest.queued).toHaveLength(1);
    await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, b.workspace.id));
  });

  it('when Inngest cannot be reached, says so, closes the run as failed and frees the workspace', async () => {
    const attempt = requestSyncNow(database.db, b.workspace.id, queueRecorder(true).starter);
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(
      'Sync Now could not reach the job queue (Inngest), so nothing was started. Try again in a moment.',
    );
    expect(await getSyncLease(database.db, b.workspace.id)).toBeNull();
    const status = await currentSyncStatus(database.db, b.workspace.id);
    expect(status.running).toBeNull();
    expect(status.lastFinished).toMatchObject({ trigger: 'sync_now', status: 'failed' });
    const inngest = queueRecorder();
    expect((await requestSyncNow(database.db, b.workspace.id, inngest.starter)).kind).toBe('started');
  });
});
