import { InngestTestEngine } from '@inngest/test';
import { sql } from 'drizzle-orm';
import type { InngestFunction } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceSyncRequestedData } from '@/inngest/events';
import { SPREAD_WINDOW_MS } from '@/lib/sync-schedule/fan-out';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startFakeInngestServer, useFakeInngestEnvironment, type SentEvent } from './support/fake-inngest-server';
import { seedWorkspaces } from './support/seed-workspaces';

const FLEET = 100_000;
const SHARED_HOST_FLEET = 10_000;
const tickTime = Date.UTC(2026, 4, 1, 10, 5, 0, 412);
const tickStart = Date.UTC(2026, 4, 1, 10, 5, 0, 0);

let database: TestDatabase;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let scheduler: InngestFunction.Like;
let activeIds: string[];
let sharedHostIds: Set<string>;
let sent: SentEvent[];
let result: unknown;

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  activeIds = await seedWorkspaces(database.db, 'fleet', FLEET, 'active');
  await seedWorkspaces(database.db, 'idle', 100, 'no-substore');
  // Many merchants on one host (a shared WooCommerce host): their main stores answer on the same name.
  const shared = await database.db.execute<{ workspace_id: string }>(sql`
    update stores set url = 'https://shared-host.test/' || workspace_id where role = 'main' and workspace_id in (
      select w.id from workspaces w where w.slug like 'fleet-%' order by w.id limit ${SHARED_HOST_FLEET}) returning workspace_id`);
  const rows = Array.isArray(shared) ? shared : (shared as unknown as { rows: { workspace_id: string }[] }).rows;
  sharedHostIds = new Set(rows.map((r) => r.workspace_id));
  const { createSyncScheduler } = await import('@/inngest/functions/sync-scheduler');
  scheduler = createSyncScheduler({ db: async () => database.db });
  const run = await new InngestTestEngine({ function: scheduler }).execute({
    events: [{ name: 'inngest/scheduled.timer', data: { cron: '*/5 * * * *' }, ts: tickTime }],
  });
  expect(run.error).toBeUndefined();
  result = run.result;
  sent = fakeInngest.eventBatches.flat();
}, 600_000);

afterAll(async () => {
  await database?.drop();
  await fakeInngest?.close();
});

describe('the scheduler fans a tick out to 100,000 workspaces', () => {
  it('sends exactly one valid event per active workspace, in 20 sends of 5,000, with ids <workspaceId>:<tick> and no duplicates', () => {
    expect(result).toEqual({ tick: '2026-05-01T10:05Z', chunks: 20, workspaces: FLEET, spreadMs: SPREAD_WINDOW_MS });
    expect(fakeInngest.eventBatches.map((batch) => batch.length)).toEqual(Array<number>(20).fill(5_000));
    expect(sent).toHaveLength(FLEET);
    const ids = sent.map((e) => e.id);
    expect(new Set(ids).size).toBe(FLEET);
    expect(ids).toEqual([...activeIds].sort().map((id) => `${id}:2026-05-01T10:05Z`));
    for (const event of sent) {
      expect(event.name).toBe('orderbridge/workspace.sync.requested');
      expect(workspaceSyncRequestedData.safeParse(event.data).success).toBe(true);
    }
    expect(sent.every((e) => e.data.trigger === 'schedule' && e.data.tick === '2026-05-01T10:05Z')).toBe(true);
  });

  it('spreads the starts evenly over the first 4 minutes of the tick instead of starting 100,000 runs in one second', () => {
    const starts = sent.map((e) => e.ts ?? 0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(tickStart);
    expect(Math.max(...starts)).toBeLessThan(tickStart + SPREAD_WINDOW_MS);
    const perSecond = new Map<number, number>();
    for (const ts of starts)
      perSecond.set(Math.floor((ts - tickStart) / 1000), (perSecond.get(Math.floor((ts - tickStart) / 1000)) ?? 0) + 1);
    const mean = FLEET / (SPREAD_WINDOW_MS / 1000);
    expect(perSecond.size).toBe(SPREAD_WINDOW_MS / 1000);
    // ~417 a second on average; a hash spread stays within a quarter of it in every second.
    expect(Math.max(...perSecond.values())).toBeLessThan(mean * 1.25);
    expect(Math.min(...perSecond.values())).toBeGreaterThan(mean * 0.75);
  });

  it('keeps a workspace at the same moment of every tick, so its runs stay 5 minutes apart', async () => {
    const offsets = new Map(sent.map((e) => [String(e.data.workspaceId), (e.ts ?? 0) - tickStart]));
    fakeInngest.reset();
    await new InngestTestEngine({ function: scheduler }).execute({
      events: [{ name: 'inngest/scheduled.timer', data: { cron: '*/5 * * * *' }, ts: tickTime + 5 * 60_000 }],
    });
    const next = fakeInngest.eventBatches.flat();
    expect(next).toHaveLength(FLEET);
    expect(next.every((e) => (e.ts ?? 0) - (tickStart + 5 * 60_000) === offsets.get(String(e.data.workspaceId)))).toBe(true);
  }, 300_000);

  it("names each workspace's main store host, so runs against one shared host are limited together", () => {
    const onSharedHost = sent.filter((e) => e.data.storeHost === 'shared-host.test');
    expect(onSharedHost).toHaveLength(SHARED_HOST_FLEET);
    expect(onSharedHost.every((e) => sharedHostIds.has(String(e.data.workspaceId)))).toBe(true);
    expect(
      sent
        .filter((e) => !sharedHostIds.has(String(e.data.workspaceId)))
        .every((e) => /^main-fleet-\d+\.test$/.test(String(e.data.storeHost))),
    ).toBe(true);
    // The shared host's runs are spread over the window too, not bunched behind one another.
    const seconds = new Set(onSharedHost.map((e) => Math.floor(((e.ts ?? 0) - tickStart) / 1000)));
    expect(seconds.size).toBeGreaterThan(200);
  });
});
