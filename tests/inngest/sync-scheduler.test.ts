import { InngestTestEngine } from '@inngest/test';
import type { InngestFunction } from 'inngest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startFakeInngestServer, useFakeInngestEnvironment } from './support/fake-inngest-server';
import { seedWorkspaces } from './support/seed-workspaces';

let database: TestDatabase;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let scheduler: InngestFunction.Like;
// A new engine per run: @inngest/test keeps completed steps on the engine and would replay them into the next run.
const newRun = () => new InngestTestEngine({ function: scheduler });
let activeIds: string[];

const tickTime = Date.UTC(2026, 4, 1, 10, 5, 0, 412);
const cronEvent = (ts: number) => ({ name: 'inngest/scheduled.timer', data: { cron: '*/5 * * * *' }, ts });

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  activeIds = await seedWorkspaces(database.db, 'active', 12_000, 'active');
  await seedWorkspaces(database.db, 'nosub', 40, 'no-substore');
  await seedWorkspaces(database.db, 'paused', 40, 'substores-paused');
  await seedWorkspaces(database.db, 'nomain', 40, 'no-main');
  const { createSyncScheduler } = await import('@/inngest/functions/sync-scheduler');
  scheduler = createSyncScheduler({ db: async () => database.db });
}, 120_000);

afterAll(async () => {
  await database?.drop();
  await fakeInngest?.close();
});

beforeEach(() => fakeInngest.reset());

describe('sync-scheduler', () => {
  it('sends one event per active workspace in 3 chunks of at most 5,000, ids <workspaceId>:<tick>, and nothing else', async () => {
    const { result, error } = await newRun().execute({ events: [cronEvent(tickTime)] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ tick: '2026-05-01T10:05Z', chunks: 3, workspaces: 12_000, spreadMs: 30_000 });

    const batches = fakeInngest.eventBatches;
    expect(batches.map((b) => b.length)).toEqual([5_000, 5_000, 2_000]);
    const sent = batches.flat();
    expect(new Set(sent.map((e) => e.name))).toEqual(new Set(['orderbridge/workspace.sync.requested']));
    expect(sent.map((e) => e.id)).toEqual([...activeIds].sort().map((id) => `${id}:2026-05-01T10:05Z`));
    expect(
      sent.every(
        (e) =>
          e.data.tick === '2026-05-01T10:05Z' &&
          e.data.trigger === 'schedule' &&
          e.id === `${String(e.data.workspaceId)}:${String(e.data.tick)}`,
      ),
    ).toBe(true);
  }, 120_000);

  it('sends the same ids when the tick is replayed, even delivered later within its slot', async () => {
    await newRun().execute({ events: [cronEvent(tickTime)] });
    const first = fakeInngest.eventBatches.flat().map((e) => e.id);
    fakeInngest.reset();
    await newRun().execute({ events: [cronEvent(tickTime + 90_000)] });
    const replayed = fakeInngest.eventBatches.flat().map((e) => e.id);
    expect(replayed).toHaveLength(12_000);
    expect(replayed).toEqual(first);
  }, 120_000);

  it('gives the next tick new ids', async () => {
    await newRun().execute({ events: [cronEvent(tickTime + 5 * 60_000)] });
    const ids = fakeInngest.eventBatches.flat().map((e) => e.id);
    expect(ids[0]).toMatch(/:2026-05-01T10:10Z$/);
  }, 120_000);

  it('keeps every step output small: counts and ids of one page, never more than a page', async () => {
    const { state } = await newRun().execute({ events: [cronEvent(tickTime)] });
    const outputs = await Promise.all(Object.values(state));
    for (const output of outputs) expect(JSON.stringify(output).length).toBeLessThan(5_000 * 40);
  }, 120_000);
});
