import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns } from '@/db/schema';
import { loadServerEnv } from '@/lib/env/server-env';
import { devFallbackSchedulePeriodMs, inngestMode } from '@/lib/env/inngest-mode';
import { releaseSyncLease, tryAcquireSyncLease } from '@/lib/data/sync-leases';
import { scheduleHealth } from '@/lib/sync-schedule';
import { startDevFallbackSchedule } from '@/lib/sync-schedule/dev-fallback';
import { runScheduledTickInProcess, type InProcessTickReport } from '@/lib/sync-schedule/run-tick-in-process';
import { startSimulator, type Simulator } from '@/simulator';
import { createSyncWorkspace as connectWorkspace, endpointOf, type SyncWorkspaceFixture } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { sleep } from '@/lib/utils/sleep';

let database: TestDatabase;
let sim: Simulator;
let fixture: SyncWorkspaceFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ stores: [{ name: 'Main Store' }, { name: 'Substore A' }] });
  const [main, subA] = sim.stores;
  fixture = await connectWorkspace(database.db, {
    main: endpointOf(main),
    subs: [endpointOf(subA)],
    settings: { syncStartAt: new Date(Date.now() - 3600_000) },
  });
});
afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

const scheduledRuns = () =>
  database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, fixture.workspace.id), eq(syncRuns.trigger, 'schedule')));

describe('which mode the app runs in', () => {
  const production: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    AUTH_SECRET: 'x'.repeat(32),
    ORDERBRIDGE_ENCRYPTION_KEY: '0f'.repeat(32),
    INNGEST_SIGNING_KEY: 'ab'.repeat(32),
    DATABASE_URL: 'postgres://db.example/orderbridge',
    TRUSTED_PROXY: '1',
    SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
    MAIL_FROM: 'Orderbridge <no-reply@example.com>',
    AUTH_URL: 'https://orderbridge.example.com',
  };

  it('is Inngest with an event key or a dev server, the development fallback only when asked for outside production, and in-process otherwise', () => {
    expect(inngestMode({ INNGEST_EVENT_KEY: 'key' })).toBe('inngest');
    expect(inngestMode({ INNGEST_DEV: '1', ORDERBRIDGE_DEV_FALLBACK_SCHEDULE: '1' })).toBe('inngest');
    expect(inngestMode({ NODE_ENV: 'development', ORDERBRIDGE_DEV_FALLBACK_SCHEDULE: '1' })).toBe('dev_fallback_schedule');
    expect(inngestMode({ NODE_ENV: 'production', ORDERBRIDGE_DEV_FALLBACK_SCHEDULE: '1' })).toBe('in_process');
    expect(inngestMode({ INNGEST_SIGNING_KEY: 'ab'.repeat(32) })).toBe('in_process');
    expect(inngestMode({})).toBe('in_process');
  });

  it('refuses to start a production server with the development fallback schedule switched on', () => {
    expect(() => loadServerEnv({ ...production, ORDERBRIDGE_DEV_FALLBACK_SCHEDULE: '1' })).toThrow(
      'Orderbridge refuses to start in production with these set: ORDERBRIDGE_DEV_FALLBACK_SCHEDULE (the development fallback schedule; let Inngest run the schedule).',
    );
    expect(() => loadServerEnv(production)).not.toThrow();
  });

  it('takes the period from a dev-only setting, 5 minutes by default, and refuses a bad one by name', () => {
    expect(devFallbackSchedulePeriodMs({})).toBe(300_000);
    expect(devFallbackSchedulePeriodMs({ ORDERBRIDGE_DEV_FALLBACK_SCHEDULE_SECONDS: '20' })).toBe(20_000);
    expect(() => devFallbackSchedulePeriodMs({ ORDERBRIDGE_DEV_FALLBACK_SCHEDULE_SECONDS: '0' })).toThrow(
      /ORDERBRIDGE_DEV_FALLBACK_SCHEDULE_SECONDS must be a number of seconds between 1 and 86400, got "0"/,
    );
  });
});

describe('the development fallback schedule', () => {
  it('runs the scheduler tick in this process: every active workspace gets a scheduled run that syncs its orders', async () => {
    const [main, subA] = sim.stores;
    const source = main.createOrderDirectly();
    const report = await runScheduledTickInProcess(database.db);
    expect(report).toMatchObject({ workspaces: 1, synced: 1, skipped: 0, failed: 0 });
    expect(subA.orders.withMeta('_orderbridge_origin', `${fixture.main.id}:${source.id}`)).toHaveLength(1);
    const runs = await scheduledRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded' });
    expect(await scheduleHealth(database.db, fixture.workspace.id, new Date())).toMatchObject({ state: 'ok', lastRun: { id: runs[0].id } });
  });

  it('records a workspace another sync holds as skipped, as the Inngest function does', async () => {
    const other = randomUUID();
    expect(
      await tryAcquireSyncLease(database.db, { workspaceId: fixture.workspace.id, holder: `run:${other}`, runId: other, ttlMs: 60_000 }),
    ).toBe(true);
    const report = await runScheduledTickInProcess(database.db);
    await releaseSyncLease(database.db, fixture.workspace.id, `run:${other}`);
    expect(report).toMatchObject({ workspaces: 1, synced: 0, skipped: 1 });
    expect((await scheduledRuns()).filter((r) => r.status === 'skipped')).toHaveLength(1);
  }, 30_000);

  it('fires by itself on its period, labelled as the development fallback, and stops when told', async () => {
    const lines: string[] = [];
    const ticks: InProcessTickReport[] = [];
    const before = (await scheduledRuns()).length;
    const schedule = startDevFallbackSchedule({
      db: async () => database.db,
      periodMs: 300,
      log: (line) => lines.push(line),
      onTick: (report) => ticks.push(report),
    });
    await expect.poll(() => ticks.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    schedule.stop();
    const settled = ticks.length;
    await sleep(1_000);
    expect(ticks.length).toBeLessThanOrEqual(settled + 1);
    expect((await scheduledRuns()).length).toBeGreaterThanOrEqual(before + 2);
    expect(lines[0]).toBe(
      '[Development fallback schedule] No Inngest dev server: this process syncs every active workspace every 0.3 s (development only).',
    );
    expect(lines.slice(1).every((line) => line.startsWith('[Development fallback schedule] tick '))).toBe(true);
  }, 30_000);
});
