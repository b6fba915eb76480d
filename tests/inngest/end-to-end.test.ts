import { InngestTestEngine } from '@inngest/test';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, syncRuns } from '@/db/schema';
import { queryCounter } from '@/db/query-counter';
import { scheduleHealth } from '@/lib/sync-schedule';
import { requestSyncNow } from '@/lib/console/sync-now';
import { currentSyncStatus } from '@/lib/data/sync-runs';
import { startSimulator, type Simulator } from '@/simulator';
import { createSyncWorkspace as connectWorkspace, endpointOf, type SyncWorkspaceFixture } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startFakeInngestServer, useFakeInngestEnvironment, type SentEvent } from './support/fake-inngest-server';

type FunctionFactory = (deps: { db: () => Promise<TestDatabase['db']> }) => ConstructorParameters<typeof InngestTestEngine>[0]['function'];

let database: TestDatabase;
let sim: Simulator;
let fixture: SyncWorkspaceFixture;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let queueReservedWorkspaceSync: typeof import('@/inngest/queue').queueReservedWorkspaceSync;
let run: Record<'scheduler' | 'workspace' | 'order', () => InngestTestEngine>;

/** Runs the scheduler for one tick and returns the event it sent for our workspace, as Inngest would deliver it. */
async function scheduleTick(ts: number): Promise<SentEvent> {
  fakeInngest.reset();
  const { error } = await run.scheduler().execute({ events: [{ name: 'inngest/scheduled.timer', data: { cron: '*/5 * * * *' }, ts }] });
  expect(error).toBeUndefined();
  const sent = fakeInngest.eventBatches.flat().filter((e) => e.data.workspaceId === fixture.workspace.id);
  expect(sent).toHaveLength(1);
  return sent[0];
}

const deliver = (event: SentEvent) => ({ ...event, ts: event.ts ?? Date.now() });

/** Each test's tick is a 5-minute slot of its own: a tick's event (and so its run) is one per slot. */
let tickTime = Date.now();
const nextTick = () => (tickTime += 5 * 60_000);
let firstTick: { event: SentEvent; runId: string };

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  database = await createTestDatabase();
  sim = await startSimulator({ stores: [{ name: 'Main Store' }, { name: 'Substore A' }, { name: 'Substore B' }] });
  const [main, subA, subB] = sim.stores;
  fixture = await connectWorkspace(database.db, {
    main: endpointOf(main),
    subs: [endpointOf(subA), endpointOf(subB)],
    settings: { syncStartAt: new Date(Date.now() - 3600_000) },
  });
  const deps = { db: async () => database.db };
  ({ queueReservedWorkspaceSync } = await import('@/inngest/queue'));
  const factories: Record<'scheduler' | 'workspace' | 'order', FunctionFactory> = {
    scheduler: (await import('@/inngest/functions/sync-scheduler')).createSyncScheduler,
    workspace: (await import('@/inngest/functions/sync-workspace')).createSyncWorkspace,
    order: (await import('@/inngest/functions/sync-order')).createSyncOrder,
  };
  const fns = Object.fromEntries(Object.entries(factories).map(([k, create]) => [k, create(deps)]));
  // A new engine per run: @inngest/test keeps completed steps on the engine and would replay them into the next run.
  run = {
    scheduler: () => new InngestTestEngine({ function: fns.scheduler }),
    workspace: () => new InngestTestEngine({ function: fns.workspace }),
    order: () => new InngestTestEngine({ function: fns.order }),
  };
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
  await fakeInngest?.close();
});

describe('scheduled sync end to end: scheduler → event → sync-workspace → engine → simulator and PostgreSQL', () => {
  it('creates the copies on every store, once, and records a scheduled run', async () => {
    const [main, subA, subB] = sim.stores;
    const mainOrders = [main.createOrderDirectly(), main.createOrderDirectly()];
    const subOrder = subA.createOrderDirectly();

    const event = await scheduleTick(nextTick());
    const { result, error, state } = await run.workspace().execute({ events: [deliver(event)] });
    firstTick = { event, runId: (result as { runId: string }).runId };
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', counts: { toSub: { created: 4 }, toMain: { created: 1 } }, held: 0, failed: 0 });
    expect(Object.keys(state)).toHaveLength(1);

    for (const sub of [subA, subB]) {
      for (const source of mainOrders)
        expect(sub.orders.withMeta('_orderbridge_origin', `${fixture.main.id}:${source.id}`)).toHaveLength(1);
    }
    expect(main.orders.withMeta('_orderbridge_origin', `${fixture.subs[0].id}:${subOrder.id}`)).toHaveLength(1);
    expect([main.orders.count, subA.orders.count, subB.orders.count]).toEqual([3, 3, 2]);

    const runs = await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, fixture.workspace.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: (result as { runId: string }).runId, trigger: 'schedule', status: 'succeeded' });

    const health = await scheduleHealth(database.db, fixture.workspace.id, new Date());
    expect(health).toMatchObject({ state: 'ok', lastRun: { id: runs[0].id, status: 'succeeded' } });
  });

  it('a replayed delivery of the same tick creates nothing twice', async () => {
    const [main, subA, subB] = sim.stores;
    const before = [main.orders.count, subA.orders.count, subB.orders.count];
    const runsBefore = await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, fixture.workspace.id));
    expect(await scheduleTick(tickTime)).toMatchObject({ id: firstTick.event.id });
    const { result } = await run.workspace().execute({ events: [deliver(firstTick.event)] });
    // The same delivery names the same run: it reports that run's end instead of syncing again.
    expect(result).toMatchObject({ runId: firstTick.runId, status: 'succeeded' });
    expect([main.orders.count, subA.orders.count, subB.orders.count]).toEqual(before);
    expect(await database.db.select().from(syncRuns).where(eq(syncRuns.workspaceId, fixture.workspace.id))).toHaveLength(runsBefore.length);
  });

  it('a quiet tick costs one list request per store and a handful of queries', async () => {
    // The tick after the backfill reads back the copies it made; the one after that has nothing new.
    await run.workspace().execute({ events: [deliver(await scheduleTick(nextTick()))] });
    const event = await scheduleTick(nextTick());
    for (const store of sim.stores) store.requests.reset();
    queryCounter.reset();
    const { result } = await run.workspace().execute({ events: [deliver(event)] });
    expect(result).toMatchObject({ status: 'succeeded', summary: 'Nothing new to sync — all orders are in sync.' });
    expect(sim.stores.map((s) => s.requestCount)).toEqual([1, 1, 1]);
    expect(queryCounter.count, 'queries for a quiet workspace').toBeLessThanOrEqual(15);
  });

  it('Sync Now on Inngest: the press reserves a run and sends one event; the function runs that very run, and a second press sends nothing', async () => {
    const [main, subA] = sim.stores;
    const source = main.createOrderDirectly();
    const db = database.db;
    const workspaceId = fixture.workspace.id;
    const starter = { via: 'inngest' as const, queue: (runId: string) => queueReservedWorkspaceSync(db, workspaceId, runId) };
    fakeInngest.reset();
    expect((await requestSyncNow(db, workspaceId, starter)).kind).toBe('started');
    expect((await requestSyncNow(db, workspaceId, starter)).kind).toBe('already_running');
    const sent = fakeInngest.eventBatches.flat();
    expect(sent).toHaveLength(1);
    const [event] = sent;
    const runId = String(event.data.runId);
    expect(event).toMatchObject({
      name: 'orderbridge/workspace.sync.requested',
      id: `${workspaceId}:run:${runId}`,
      data: { workspaceId, trigger: 'manual', storeHost: new URL(main.url).host },
    });
    // Before Inngest starts it, the indicator already shows the run.
    expect((await currentSyncStatus(db, workspaceId)).running?.id).toBe(runId);

    const { result, error } = await run.workspace().execute({ events: [deliver(event)] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ runId, status: 'succeeded', counts: { toSub: { created: 2 } } });
    expect(subA.orders.withMeta('_orderbridge_origin', `${fixture.main.id}:${source.id}`)).toHaveLength(1);
    const [syncNowRun] = await db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.id, runId)));
    expect(syncNowRun).toMatchObject({ trigger: 'sync_now', status: 'succeeded' });
    expect((await currentSyncStatus(db, workspaceId)).lastFinished?.id).toBe(runId);
  });

  it('sync-order passes the order through to the engine: a status change on a substore reaches its copy on main', async () => {
    const [main, subA] = sim.stores;
    const source = subA.createOrderDirectly();
    await run.workspace().execute({ events: [deliver(await scheduleTick(nextTick()))] });
    subA.updateOrderDirectly(source.id, { status: 'completed' });
    const [indexed] = await database.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.storeId, fixture.subs[0].id), eq(orders.remoteId, source.id)));

    const { result, error } = await run.order().execute({
      events: [
        { name: 'orderbridge/order.sync.requested', data: { workspaceId: fixture.workspace.id, orderId: indexed.id, source: 'webhook' } },
      ],
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', counts: { toMain: { updated: 1 } } });
    const [copy] = main.orders.withMeta('_orderbridge_origin', `${fixture.subs[0].id}:${source.id}`);
    expect(copy.status).toBe('completed');
    const [orderRun] = await database.db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.workspaceId, fixture.workspace.id), eq(syncRuns.id, (result as { runId: string }).runId)));
    expect(orderRun.trigger).toBe('webhook');
  });

  it('sync-order refuses, without retries, an order that is not in the workspace', async () => {
    const { error } = await run.order().execute({
      events: [
        {
          name: 'orderbridge/order.sync.requested',
          data: { workspaceId: fixture.workspace.id, orderId: '00000000-0000-4000-8000-000000000000', source: 'sync_order' },
        },
      ],
    });
    expect(error).toMatchObject({
      name: 'NonRetriableError',
      message: 'Order 00000000-0000-4000-8000-000000000000 is not in this workspace',
    });
  });
});
