import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stores, storeWebhooks } from '@/db/schema';
import { encryptWebhookSecret } from '@/lib/crypto/webhook-secrets';
import { upsertPulledOrders } from '@/lib/data/orders';
import { saveStoreWebhook } from '@/lib/data/store-webhooks';
import { updateStore } from '@/lib/data/stores';
import { toPulledOrderRow } from '@/lib/sync/order-snapshot';
import { newWebhookToken } from '@/lib/webhooks/registration';
import { MAX_DELIVERY_BYTES } from '@/lib/webhooks/receive-delivery';
import { webhookSignature } from '@/lib/webhooks/signature';
import type { WooOrder } from '@/lib/woo/types';
import { CAPTURES_DIR } from '@/tests/simulator/support/captures';
import { createSyncWorkspace, type SyncWorkspaceFixture } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startFakeInngestServer, useFakeInngestEnvironment } from '@/tests/inngest/support/fake-inngest-server';
import { startReceiverServer, type ReceiverServer } from './support/receiver-server';

type CapturedDelivery = { headers: Record<string, string>; raw_body: string };
const capture = (prefix: string) => JSON.parse(readFileSync(path.join(CAPTURES_DIR, readdir(prefix)), 'utf8')) as Record<string, unknown>;
function readdir(prefix: string): string {
  const file = ['31-webhook-deliveries.json', '38-webhook-order-updated-deliveries.json'].find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no capture ${prefix}`);
  return file;
}
const capture31 = capture('31') as {
  ping_on_creation: { headers: Record<string, string>; body: string };
  order_created: CapturedDelivery[];
};
const capture38 = capture('38') as { deliveries: CapturedDelivery[] };
const CAPTURED_SECRET = 's3cret-for-capture';

let database: TestDatabase;
let receiver: ReceiverServer;
let fixture: SyncWorkspaceFixture;
let token: string;

const endpoint = (name: string) => ({
  name,
  url: `https://${name}.example.test`,
  consumerKey: `ck_${'1'.repeat(40)}`,
  consumerSecret: `cs_${'2'.repeat(40)}`,
});

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiverServer(database.db);
  fixture = await createSyncWorkspace(database.db, { main: endpoint('main'), subs: [endpoint('sub')] });
  token = newWebhookToken();
  await updateStore(database.db, fixture.workspace.id, fixture.main.id, { webhookToken: token });
  for (const topic of ['order.created', 'order.updated'] as const) {
    await saveStoreWebhook(database.db, fixture.workspace.id, fixture.main.id, {
      topic,
      remoteId: 3,
      secretEncrypted: encryptWebhookSecret(fixture.main.id, topic, CAPTURED_SECRET),
      status: 'active',
      lastError: null,
      checkedAt: new Date(),
    });
  }
});
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>> | undefined;
afterAll(async () => {
  await fakeInngest?.close();
  await receiver?.close();
  await database?.drop();
});

function post(body: string | Buffer, headers: Record<string, string>, to = token) {
  return fetch(`${receiver.url}/api/webhooks/woo/${to}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

describe('the webhook receiver, replaying real WooCommerce deliveries', () => {
  it('answers the unsigned form-encoded ping with 200 and starts nothing', async () => {
    const before = receiver.requests.length;
    const response = await post(capture31.ping_on_creation.body, capture31.ping_on_creation.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'ping' });
    const ping38 = capture38.deliveries[0];
    expect((await post(ping38.raw_body, ping38.headers)).status).toBe(200);
    expect(receiver.requests).toHaveLength(before);
  });

  it("accepts the captured order.created and order.updated deliveries, signed with the captured secret, and asks for a sync of the store's workspace", async () => {
    for (const delivery of [capture31.order_created[0], capture38.deliveries[1]]) {
      const before = receiver.requests.length;
      const started = Date.now();
      const response = await post(delivery.raw_body, delivery.headers);
      expect(response.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(receiver.requests).toHaveLength(before + 1);
      expect(receiver.requests.at(-1)).toMatchObject({ workspaceId: fixture.workspace.id, storeId: fixture.main.id });
    }
    const [main] = await database.db.select().from(stores).where(eq(stores.id, fixture.main.id));
    expect(main.webhookSeenAt).toBeInstanceOf(Date);
  });

  it('refuses a delivery whose body was altered, one signed with another secret, and an unsigned JSON body', async () => {
    const delivery = capture31.order_created[0];
    const altered = delivery.raw_body.replace('"total":"45.00"', '"total":"0.01"');
    const before = receiver.requests.length;
    expect((await post(altered, delivery.headers)).status).toBe(401);
    expect(
      (
        await post(delivery.raw_body, {
          ...delivery.headers,
          'x-wc-webhook-signature': webhookSignature('another-secret', delivery.raw_body),
        })
      ).status,
    ).toBe(401);
    expect((await post(delivery.raw_body, { ...delivery.headers, 'x-wc-webhook-signature': 'not base64 at all' })).status).toBe(401);
    const unsigned = { ...delivery.headers };
    delete unsigned['x-wc-webhook-signature'];
    const response = await post(delivery.raw_body, unsigned);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ result: 'unsigned' });
    // A form body that is not the ping, unsigned, is refused too.
    expect((await post('webhook_id=3&extra=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    expect(receiver.requests).toHaveLength(before);
  });

  it('does not know a token that names no store, and names no store for the captured delivery sent there', async () => {
    const delivery = capture31.order_created[0];
    expect((await post(delivery.raw_body, delivery.headers, newWebhookToken())).status).toBe(404);
    expect((await post(delivery.raw_body, delivery.headers, 'short')).status).toBe(404);
  });

  it('refuses an oversized body before reading it all, whether its length is declared or streamed', async () => {
    const big = Buffer.alloc(MAX_DELIVERY_BYTES + 1, 'a');
    const declared = await post(big, {
      'content-type': 'application/json',
      'x-wc-webhook-signature': webhookSignature(CAPTURED_SECRET, big),
    });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= MAX_DELIVERY_BYTES; sent += 64 * 1024) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(`${receiver.url}/api/webhooks/woo/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wc-webhook-signature': 'x' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("lets deliveries for Orderbridge's own copies cost nothing", async () => {
    const order = JSON.parse(capture31.order_created[0].raw_body) as Record<string, unknown>;
    const copy = JSON.stringify({
      ...order,
      id: 901,
      meta_data: [{ id: 1, key: '_orderbridge_origin', value: `${fixture.subs[0].id}:12` }],
    });
    const before = receiver.requests.length;
    const response = await post(copy, {
      ...capture31.order_created[0].headers,
      'x-wc-webhook-signature': webhookSignature(CAPTURED_SECRET, copy),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'copy' });
    expect(receiver.requests).toHaveLength(before);
  });

  it("treats a replay of a delivery the store's pull already read as harmless: nothing starts", async () => {
    const delivery = capture31.order_created[0];
    // A sync read order 33 at its modified time: the cursor stands there with 33 seen.
    await database.db
      .update(stores)
      .set({ pullCursorModifiedGmt: new Date('2026-11-26T19:17:47Z'), pullCursorSeenIds: [33] })
      .where(eq(stores.id, fixture.main.id));
    const before = receiver.requests.length;
    for (let replay = 0; replay < 3; replay++) {
      const response = await post(delivery.raw_body, delivery.headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: 'already_synced' });
    }
    expect(receiver.requests).toHaveLength(before);
    // A replayed delivery for an order not read yet asks again, under the same delivery key (Inngest drops the duplicate event).
    await database.db.update(stores).set({ pullCursorModifiedGmt: null, pullCursorSeenIds: [] }).where(eq(stores.id, fixture.main.id));
    await post(delivery.raw_body, delivery.headers);
    await post(delivery.raw_body, delivery.headers);
    const [first, second] = receiver.requests.slice(-2);
    expect(first.deliveryKey).toBe(second.deliveryKey);
  });

  it('answers a delivery for the version a sync read in a second not yet settled from the index, and still asks for a change made later in that second', async () => {
    const delivery = capture31.order_created[0];
    const order = JSON.parse(delivery.raw_body) as WooOrder;
    // The sync read order 33 while its second was open: the cursor stands at that second but names no ids yet.
    await database.db
      .update(stores)
      .set({ pullCursorModifiedGmt: new Date('2026-11-26T19:17:47Z'), pullCursorSeenIds: [] })
      .where(eq(stores.id, fixture.main.id));
    await upsertPulledOrders(database.db, fixture.workspace.id, fixture.main.id, [toPulledOrderRow(order)]);
    const before = receiver.requests.length;
    const response = await post(delivery.raw_body, delivery.headers);
    expect(await response.json()).toEqual({ result: 'already_synced' });
    expect(receiver.requests).toHaveLength(before);

    const changedInTheSameSecond = JSON.stringify({ ...order, status: 'completed' });
    const changed = await post(changedInTheSameSecond, {
      ...delivery.headers,
      'x-wc-webhook-signature': webhookSignature(CAPTURED_SECRET, changedInTheSameSecond),
    });
    expect(changed.status).toBe(202);
    expect(receiver.requests).toHaveLength(before + 1);
    // A body the index could not hold (a status that is not text) is only a hint too: it asks for a sync.
    const unreadable = JSON.stringify({ ...order, status: ['completed'] });
    const odd = await post(unreadable, { ...delivery.headers, 'x-wc-webhook-signature': webhookSignature(CAPTURED_SECRET, unreadable) });
    expect(odd.status).toBe(202);
    await database.db.update(stores).set({ pullCursorModifiedGmt: null, pullCursorSeenIds: [] }).where(eq(stores.id, fixture.main.id));
  });

  it('keeps the webhook secrets encrypted at rest, bound to their store and topic', async () => {
    const rows = await database.db.select().from(storeWebhooks).where(eq(storeWebhooks.storeId, fixture.main.id));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.secretEncrypted).not.toContain(CAPTURED_SECRET);
    // The created secret copied onto the other store does not verify there.
    const subToken = newWebhookToken();
    await updateStore(database.db, fixture.workspace.id, fixture.subs[0].id, { webhookToken: subToken });
    const { topic, remoteId, secretEncrypted, status, lastError, checkedAt } = rows[0];
    await saveStoreWebhook(database.db, fixture.workspace.id, fixture.subs[0].id, {
      topic,
      remoteId,
      secretEncrypted,
      status,
      lastError,
      checkedAt,
    });
    const delivery = capture31.order_created[0];
    const response = await post(delivery.raw_body, delivery.headers, subToken);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ result: 'error' });
  });

  it("with Inngest, sends one debounced-function event per delivery, whose id is the delivery's: a replay is the same event", async () => {
    fakeInngest = await startFakeInngestServer();
    useFakeInngestEnvironment(fakeInngest.url);
    const { queueWebhookSync } = await import('@/inngest/queue');
    receiver.setStarter(queueWebhookSync);
    await database.db.update(stores).set({ pullCursorModifiedGmt: null, pullCursorSeenIds: [] }).where(eq(stores.id, fixture.main.id));
    const delivery = capture38.deliveries[1];
    for (let send = 0; send < 2; send++) expect((await post(delivery.raw_body, delivery.headers)).status).toBe(202);
    const sent = fakeInngest.eventBatches.flat();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      name: 'orderbridge/store.webhook.received',
      data: { workspaceId: fixture.workspace.id, storeId: fixture.main.id },
    });
    expect(sent[0].id).toBe(`webhook:${fixture.main.id}:${delivery.headers['x-wc-webhook-signature']}`);
    expect(sent[1].id).toBe(sent[0].id);
  });
});
