import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { runSlicesToEnd, type SyncTuning } from '@/lib/sync';
import { Coalescer } from '@/lib/webhooks/coalescer';
import { handleWebhookRequest } from '@/lib/webhooks/handle-request';
import { IN_PROCESS_WEBHOOK_COALESCING, inProcessWebhookStarter } from '@/lib/webhooks/in-process-sync';
import { registerStoreWebhooks } from '@/lib/webhooks/registration';
import { sleep } from '@/lib/utils/sleep';
import { startSimulator, type CostModel, type StoreHandle } from '@/simulator';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { createBenchDatabase } from './bench-db';
import { percentile, round } from './stats';

export type PropagationReport = {
  stores: number;
  orders: number;
  arrived: number;
  dropRate: number;
  viaWebhook: number;
  viaPolling: number;
  webhookShare: number;
  /** From the store delivering the webhook to the copy existing on every target, for orders a webhook announced. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** From checkout to the copy on every target, for every order (dropped deliveries wait for polling). */
  checkoutP95Ms: number;
  webhookRuns: number;
  pollRuns: number;
  /** How long a webhook-started run took, median: an order arriving mid-run waits for it, then for the next. */
  webhookRunP50Ms: number;
  /** Load average over the last minute when the run ended: the figures only mean something on an idle machine. */
  loadAverage: number;
  /** Requests the stores served during the run, by route, summed over the stores. */
  requestsByRoute: Record<string, number>;
};

export type PropagationOptions = {
  stores: number;
  durationMs: number;
  ordersPerSecond: number;
  /** Share of orders placed on the main store (each has a copy on every substore). */
  mainShare: number;
  webhooks: { delayMs: number; delayJitterMs: number; lostRate: number };
  pollEveryMs: number;
  cost: Partial<CostModel>;
  tuning: Partial<SyncTuning>;
  pglite: boolean;
  log: (line: string) => void;
};

function startReceiver(db: Db, coalescer: Coalescer): Promise<{ url: string; close: () => Promise<void> }> {
  const starter = inProcessWebhookStarter(db, coalescer);
  const server = http.createServer(async (incoming, outgoing) => {
    const token = /^\/api\/webhooks\/woo\/([^/?]+)$/.exec(incoming.url ?? '')?.[1] ?? '';
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://bench${incoming.url}`, {
      method: 'POST',
      headers,
      body: Readable.toWeb(incoming) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const response = await handleWebhookRequest(db, request, token, starter);
    outgoing.writeHead(response.status).end(await response.text());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

type Completion = { storeId: string; remoteId: number; copies: number; doneAt: Date; trigger: string };

async function completions(db: Db, workspaceId: string): Promise<Completion[]> {
  const result = await db.execute(sql`
    select o.store_id as "storeId", o.remote_id as "remoteId", count(*)::int as copies, max(e.at) as "doneAt",
           (array_agg(r.trigger order by e.at desc))[1] as trigger
    from order_events e
    join orders o on o.id = e.order_id
    left join sync_runs r on r.id = e.run_id
    where e.workspace_id = ${workspaceId} and e.kind = 'created'
    group by o.store_id, o.remote_id`);
  return resultRows<Completion>(result).map((row) => ({ ...row, remoteId: Number(row.remoteId), doneAt: new Date(row.doneAt) }));
}

/**
 * One main store and `stores - 1` substores in one workspace, with webhooks registered and delivered the way real
 * stores deliver them (late, sometimes not at all) to the receiver, which starts coalesced runs in this process;
 * a scheduled sync every `pollEveryMs` is the safety net. Orders arrive continuously on random stores.
 */
export async function benchPropagation(options: PropagationOptions): Promise<PropagationReport> {
  options.log(
    `propagation: ${options.stores} stores, ${options.ordersPerSecond} orders/s for ${options.durationMs / 1000} s, ${options.webhooks.lostRate * 100}% of deliveries dropped`,
  );
  const sim = await startSimulator({
    stores: Array.from({ length: options.stores }, (_, i) => ({
      name: i === 0 ? 'main' : `sub-${i}`,
      seed: 7000 + i,
      cost: options.cost,
      webhooks: { ...options.webhooks, timeoutMs: 30_000 },
    })),
  });
  const database = await createBenchDatabase({ pglite: options.pglite });
  const handle = await database.open();
  const coalescer = new Coalescer(IN_PROCESS_WEBHOOK_COALESCING);
  const receiver = await startReceiver(handle.db, coalescer);
  let polling: NodeJS.Timeout | null = null;
  try {
    const [main, ...subs] = sim.stores;
    const fixture = await createSyncWorkspace(handle.db, {
      main: endpointOf(main),
      subs: subs.map((sub) => endpointOf(sub)),
      settings: { syncStartAt: new Date(Date.now() - 60_000) },
    });
    for (const store of fixture.stores) await registerStoreWebhooks(handle.db, store, { config: { baseUrl: receiver.url } });
    const workspaceId = fixture.workspace.id;
    const storeIdOf = new Map<StoreHandle, string>(sim.stores.map((store, i) => [store, fixture.stores[i].id]));
    await runSlicesToEnd(handle.db, workspaceId, { trigger: 'schedule', runId: randomUUID(), budgetMs: 60_000, tuning: options.tuning });

    let pollRuns = 0;
    const poll = async () => {
      const result = await runSlicesToEnd(handle.db, workspaceId, {
        trigger: 'schedule',
        runId: randomUUID(),
        budgetMs: 60_000,
        tuning: options.tuning,
      });
      if (result.status !== 'already_running') pollRuns += 1;
    };
    let polled = Promise.resolve();
    polling = setInterval(() => (polled = polled.then(poll).catch(() => undefined)), options.pollEveryMs);

    // Whole seconds: an order stamped in the second the stores were connected reads as history.
    await sleep(1_100);
    const placed = new Map<string, { at: number; store: StoreHandle; id: number }>();
    const started = Date.now();
    let random = 12345;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    while (Date.now() - started < options.durationMs) {
      const store = next() < options.mainShare ? main : subs[Math.floor(next() * subs.length)];
      const order = store.createOrderDirectly();
      placed.set(`${storeIdOf.get(store)}:${order.id}`, { at: Date.now(), store, id: order.id });
      await sleep(1000 / options.ordersPerSecond);
    }
    options.log(`  ${placed.size} orders placed; waiting for every copy`);

    const expectedCopies = (key: string) => (placed.get(key)!.store === main ? subs.length : 1);
    const deadline = Date.now() + options.pollEveryMs * 3 + 60_000;
    let done: Completion[] = [];
    for (;;) {
      done = (await completions(handle.db, workspaceId)).filter(
        (row) => placed.has(`${row.storeId}:${row.remoteId}`) && row.copies >= expectedCopies(`${row.storeId}:${row.remoteId}`),
      );
      if (done.length >= placed.size || Date.now() > deadline) break;
      await sleep(1_000);
    }
    if (polling) clearInterval(polling);
    await polled;
    await coalescer.idle(workspaceId);

    const requestsByRoute: Record<string, number> = {};
    for (const store of sim.stores)
      for (const [route, count] of Object.entries(store.requests.byRoute())) requestsByRoute[route] = (requestsByRoute[route] ?? 0) + count;
    const deliveredAt = new Map<string, number>();
    for (const store of sim.stores) {
      for (const delivery of store.webhooks.deliveries()) {
        if (!delivery.ok || delivery.resourceId === null) continue;
        const key = `${storeIdOf.get(store)}:${delivery.resourceId}`;
        const previous = deliveredAt.get(key);
        if (previous === undefined || delivery.sentAt < previous) deliveredAt.set(key, delivery.sentAt);
      }
    }
    const webhookLatencies: number[] = [];
    const checkoutLatencies: number[] = [];
    let viaWebhook = 0;
    for (const row of done) {
      const key = `${row.storeId}:${row.remoteId}`;
      checkoutLatencies.push(row.doneAt.getTime() - placed.get(key)!.at);
      if (row.trigger === 'webhook') viaWebhook += 1;
      const delivered = deliveredAt.get(key);
      if (delivered !== undefined && row.trigger === 'webhook') webhookLatencies.push(Math.max(0, row.doneAt.getTime() - delivered));
    }
    const runDurations = resultRows<{ ms: number }>(
      await handle.db.execute(
        sql`select extract(epoch from (finished_at - started_at)) * 1000 as ms from sync_runs where workspace_id = ${workspaceId} and trigger = 'webhook' and finished_at is not null`,
      ),
    ).map((row) => Number(row.ms));
    const runs = resultRows<{ trigger: string; n: number }>(
      await handle.db.execute(
        sql`select trigger, count(*)::int as n from sync_runs where workspace_id = ${workspaceId} and status <> 'skipped' group by trigger`,
      ),
    );
    return {
      stores: options.stores,
      orders: placed.size,
      arrived: done.length,
      dropRate: options.webhooks.lostRate,
      viaWebhook,
      viaPolling: done.length - viaWebhook,
      webhookShare: done.length ? round(viaWebhook / done.length, 3) : 0,
      p50Ms: round(percentile(webhookLatencies, 50), 0),
      p95Ms: round(percentile(webhookLatencies, 95), 0),
      maxMs: webhookLatencies.length ? Math.max(...webhookLatencies) : 0,
      checkoutP95Ms: round(percentile(checkoutLatencies, 95), 0),
      webhookRuns: runs.find((run) => run.trigger === 'webhook')?.n ?? 0,
      pollRuns,
      webhookRunP50Ms: round(percentile(runDurations, 50), 0),
      loadAverage: round(loadavg()[0], 1),
      requestsByRoute,
    };
  } finally {
    if (polling) clearInterval(polling);
    await receiver.close();
    await handle.close();
    await sim.close();
    await database.drop();
  }
}
