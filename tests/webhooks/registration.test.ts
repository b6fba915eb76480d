import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWebhooks, syncRuns } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { connectStore, removeStore, replaceStoreKeys, type StoreServiceOptions } from '@/lib/stores';
import { ORIGIN_META } from '@/lib/sync/copy-meta';
import { Coalescer } from '@/lib/webhooks/coalescer';
import { repairWorkspaceWebhooks, WEBHOOK_CHECK_INTERVAL_MS } from '@/lib/webhooks/health';
import { inProcessWebhookStarter } from '@/lib/webhooks/in-process-sync';
import { listWebhookStatuses } from '@/lib/webhooks/status-view';
import type { WebhookSetup } from '@/lib/webhooks/registration';
import { startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startReceiverServer, type ReceiverServer } from './support/receiver-server';

let database: TestDatabase;
let sim: Simulator;
let receiver: ReceiverServer;
let main: StoreHandle;
let sub: StoreHandle;
let workspaceId: string;
let mainId: string;
let setup: WebhookSetup;
let options: StoreServiceOptions;
const coalescer = new Coalescer({ debounceMs: 100, busyRetryMs: 100, maxBusyRetries: 100 });

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({
    stores: [
      { name: 'main', webhooks: { delayMs: 30, timeoutMs: 30_000 } },
      { name: 'sub', webhooks: { delayMs: 30, timeoutMs: 30_000 } },
    ],
  });
  [main, sub] = [sim.store('main'), sim.store('sub')];
  receiver = await startReceiverServer(database.db);
  receiver.setStarter(inProcessWebhookStarter(database.db, coalescer));
  setup = { config: { baseUrl: receiver.url } };
  options = { check: { guard: { allowPrivate: true }, timeoutMs: 5_000 }, webhooks: setup };
  workspaceId = (await signUp(database.db, { email: 'hooks@example.test', password: 'long enough password' })).workspace.id;
});
afterAll(async () => {
  await sim?.close();
  await receiver?.close();
  await database?.drop();
});

async function rows() {
  return database.db.select().from(storeWebhooks).where(eq(storeWebhooks.workspaceId, workspaceId));
}

async function webhookRuns() {
  return database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, 'webhook')));
}

async function settle() {
  await main.webhooks.flush();
  await sub.webhooks.flush();
  await coalescer.idle(workspaceId);
}

describe('webhook registration and the syncs they start', () => {
  it("registers order.created and order.updated when a store is connected, each with its own secret, and answers the store's ping", async () => {
    const connected = await connectStore(database.db, workspaceId, { role: 'main', url: main.url, ...main.readWrite }, options);
    expect(connected.check.ok).toBe(true);
    mainId = connected.store!.id;
    await connectStore(database.db, workspaceId, { role: 'sub', url: sub.url, ...sub.readWrite }, options);
    const remote = main.webhooks.list();
    expect(remote.map((webhook) => webhook.topic).sort()).toEqual(['order.created', 'order.updated']);
    expect(remote[0].secret).not.toBe(remote[1].secret);
    expect(remote[0].deliveryUrl).toMatch(new RegExp(`^${receiver.url}/api/webhooks/woo/[A-Za-z0-9_-]{43}$`));
    expect(remote[1].deliveryUrl).toBe(remote[0].deliveryUrl);
    expect(sub.webhooks.list()[0].deliveryUrl).not.toBe(remote[0].deliveryUrl);
    const saved = (await rows()).filter((row) => row.storeId === mainId);
    expect(saved.map((row) => [row.topic, row.status, row.remoteId]).sort()).toEqual(
      remote.map((webhook) => [webhook.topic, 'active', webhook.id]).sort(),
    );
    for (const row of saved) expect(row.secretEncrypted).not.toContain(remote.find((webhook) => webhook.id === row.remoteId)!.secret);
    await settle();
    expect(receiver.answered.filter((status) => status === 200)).toHaveLength(4);
    expect((await listWebhookStatuses(database.db, workspaceId, true))[mainId]).toMatchObject({ state: 'active', lastDeliveryAt: null });
    // Registered webhooks show as they are even where this server has no public address; a store without any says why.
    expect((await listWebhookStatuses(database.db, workspaceId, false))[mainId].state).toBe('active');
  });

  it("syncs a new order on the main store to the substore without a scheduled tick, and the copy's own delivery costs nothing", async () => {
    const order = main.createOrderDirectly();
    await settle();
    const copies = sub.orders.withMeta(ORIGIN_META, `${mainId}:${order.id}`);
    expect(copies).toHaveLength(1);
    expect(await webhookRuns()).toHaveLength(1);
    // The substore announced the copy Orderbridge created on it: answered, and no run started for it.
    await settle();
    expect(await webhookRuns()).toHaveLength(1);
  });

  // Since a second still open on the store's clock is read again, deliveries for orders read in it start a run per
  // wave of deliveries: 2–3 runs on PostgreSQL, up to 10 on PGlite here. Far from one per order, but more than one.
  it('collapses a burst of 100 orders into a run or two (three at most, when they share a second still open), and every order arrives', async () => {
    const before = (await webhookRuns()).length;
    const created = Array.from({ length: 100 }, () => main.createOrderDirectly());
    await settle();
    const runs = (await webhookRuns()).length - before;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(3);
    for (const order of created) expect(sub.orders.withMeta(ORIGIN_META, `${mainId}:${order.id}`)).toHaveLength(1);
  }, 60_000);

  it('asks a store about its webhooks only when due, switches a disabled one back on, re-creates a deleted one and leaves a paused one paused', async () => {
    const requestsBefore = main.requestCount;
    expect(await repairWorkspaceWebhooks(database.db, workspaceId, setup)).toEqual({ storesChecked: 0, repaired: 0 });
    expect(main.requestCount).toBe(requestsBefore);

    const [created, updated] = ['order.created', 'order.updated'].map((topic) =>
      main.webhooks.list().find((webhook) => webhook.topic === topic)!,
    );
    created.status = 'disabled';
    const rightUrl = created.deliveryUrl;
    created.deliveryUrl = 'https://old-address.example.test/api/webhooks/woo/x';
    main.webhooks.remove(updated.id);
    const later = new Date(Date.now() + WEBHOOK_CHECK_INTERVAL_MS + 60_000);
    const report = await repairWorkspaceWebhooks(database.db, workspaceId, setup, later);
    expect(report.repaired).toBe(2);
    expect(main.webhooks.get(created.id)?.status).toBe('active');
    expect(main.webhooks.get(created.id)?.deliveryUrl).toBe(rightUrl);
    const recreated = main.webhooks.list().find((webhook) => webhook.topic === 'order.updated')!;
    expect(recreated.id).not.toBe(updated.id);
    const saved = (await rows()).filter((row) => row.storeId === mainId);
    expect(saved.map((row) => [row.topic, row.status, row.remoteId]).sort()).toEqual([
      ['order.created', 'active', created.id],
      ['order.updated', 'active', recreated.id],
    ]);

    // The re-created webhook delivers, signed with its new secret.
    const before = (await webhookRuns()).length;
    main.createOrderDirectly();
    await settle();
    expect((await webhookRuns()).length).toBeGreaterThan(before);

    recreated.status = 'paused';
    await repairWorkspaceWebhooks(database.db, workspaceId, setup, new Date(later.getTime() + WEBHOOK_CHECK_INTERVAL_MS + 60_000));
    expect(main.webhooks.get(recreated.id)?.status).toBe('paused');
    const paused = (await rows()).find((row) => row.storeId === mainId && row.topic === 'order.updated');
    expect(paused?.status).toBe('paused');
    const shown = (await listWebhookStatuses(database.db, workspaceId, true))[mainId];
    expect(shown.state).toBe('attention');
    expect(shown.label).toMatch(/^Paused in WooCommerce/);
    expect(shown.lastDeliveryAt).toBeInstanceOf(Date);
  });

  it('replacing the keys removes the old webhooks and registers new ones; removing the store deletes them from the store', async () => {
    const old = main.webhooks.list().map((webhook) => webhook.id);
    const replaced = await replaceStoreKeys(database.db, workspaceId, mainId, main.readWrite, options);
    expect(replaced.check.ok).toBe(true);
    const now = main.webhooks.list();
    expect(now).toHaveLength(2);
    for (const id of old) expect(main.webhooks.get(id)).toBeUndefined();
    await removeStore(database.db, workspaceId, mainId);
    expect(main.webhooks.list()).toEqual([]);
    expect((await rows()).filter((row) => row.storeId === mainId)).toEqual([]);
  });

  it('registers nothing when the app has no address stores can reach: the store is polled only', async () => {
    const other = (await signUp(database.db, { email: 'poll-only@example.test', password: 'long enough password' })).workspace.id;
    const before = main.webhooks.list().length;
    const connected = await connectStore(
      database.db,
      other,
      { role: 'main', url: main.url, ...main.readWrite },
      { ...options, webhooks: null },
    );
    expect(main.webhooks.list()).toHaveLength(before);
    expect((await listWebhookStatuses(database.db, other, false))[connected.store!.id].label).toMatch(
      /^Off: this app has no address the stores can reach/,
    );
  });
});
