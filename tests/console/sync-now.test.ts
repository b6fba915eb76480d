import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLeases } from '../../db/schema';
import { backgroundSyncOf, requestSyncNow } from '../../lib/console/sync-now';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
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

function controllableRun() {
  let finish!: () => void;
  const calls: number[] = [];
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return { calls, finish, run: () => (calls.push(Date.now()), finished) };
}

describe('Sync Now', () => {
  it('returns at once, keeps the run going in the background, and never starts a second one meanwhile', async () => {
    const first = controllableRun();
    const outcome = await requestSyncNow(database.db, a.workspace.id, first.run);
    expect(outcome.kind).toBe('started');
    expect(first.calls).toHaveLength(1);
    const background = backgroundSyncOf(a.workspace.id);
    expect(background).not.toBeNull();

    const again = controllableRun();
    const second = await requestSyncNow(database.db, a.workspace.id, again.run);
    expect(second).toEqual({ kind: 'already_running', message: expect.stringContaining('already running, so nothing was started twice') });
    expect(again.calls).toHaveLength(0);

    const otherWorkspace = controllableRun();
    expect((await requestSyncNow(database.db, b.workspace.id, otherWorkspace.run)).kind).toBe('started');
    otherWorkspace.finish();

    first.finish();
    await background;
    expect(backgroundSyncOf(a.workspace.id)).toBeNull();
    const later = controllableRun();
    expect((await requestSyncNow(database.db, a.workspace.id, later.run)).kind).toBe('started');
    later.finish();
    await backgroundSyncOf(a.workspace.id);
  });

  it('two presses at the same moment start one run', async () => {
    const run = controllableRun();
    const outcomes = await Promise.all([requestSyncNow(database.db, a.workspace.id, run.run), requestSyncNow(database.db, a.workspace.id, run.run)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['already_running', 'started']);
    expect(run.calls).toHaveLength(1);
    run.finish();
    await backgroundSyncOf(a.workspace.id);
  });

  it('says the scheduled sync is running instead of starting another while it holds the lease', async () => {
    const scheduled = await seedRun(database.db, a.workspace.id, { trigger: 'schedule', status: 'running' });
    await database.db.insert(syncLeases).values({ workspaceId: a.workspace.id, holder: 'scheduler', runId: scheduled.id, expiresAt: new Date(Date.now() + 60_000) });
    const run = controllableRun();
    const outcome = await requestSyncNow(database.db, a.workspace.id, run.run);
    expect(outcome).toEqual({
      kind: 'already_running',
      message: 'The scheduled sync is already running, so nothing was started twice. It will sync the waiting orders; its progress is shown at the top of the page.',
    });
    expect(run.calls).toHaveLength(0);
    expect(backgroundSyncOf(a.workspace.id)).toBeNull();
  });

  it('survives a failing run and frees the workspace for the next press', async () => {
    const outcome = await requestSyncNow(database.db, b.workspace.id, () => Promise.reject(new Error('store unreachable')));
    expect(outcome.kind).toBe('started');
    await backgroundSyncOf(b.workspace.id);
    expect(backgroundSyncOf(b.workspace.id)).toBeNull();
  });
});
