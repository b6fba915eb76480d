import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, webhookSignature, type Simulator, type StoreHandle, type WcOrder } from '@/simulator';
import { wcClient, type WcCall } from './support/wc-client';

let sim: Simulator;
let store: StoreHandle;
let call: WcCall;
let receiver: Server;
let receiverUrl = '';
let receiverStatus = 200;
const hooks: Array<{ topic: string | undefined; signature: string | undefined; body: string }> = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      hooks.push({
        topic: request.headers['x-wc-webhook-topic'] as string | undefined,
        signature: request.headers['x-wc-webhook-signature'] as string | undefined,
        body,
      });
      response.statusCode = receiverStatus;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  sim = await startSimulator({ stores: [{ name: 'main', webhooks: { delayMs: 30 } }] });
  store = sim.store('main');
  call = wcClient(store.url, store.readWrite);
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const mugOrder = (status: string, email?: string) => ({
  status,
  billing: email === undefined ? {} : { email },
  line_items: [{ sku: 'RW-MUG', quantity: 2 }],
});

describe('stock', () => {
  it('is reduced on processing, skipped with _order_stock_reduced, restored on cancel', async () => {
    const before = store.stockOf('RW-MUG') ?? 0;
    const order = await call<WcOrder>('POST', '/orders', mugOrder('processing'));
    expect(store.stockOf('RW-MUG')).toBe(before - 2);
    await call('POST', '/orders', { ...mugOrder('processing'), meta_data: [{ key: '_order_stock_reduced', value: 'yes' }] });
    expect(store.stockOf('RW-MUG')).toBe(before - 2);
    await call('PUT', `/orders/${order.body.id}`, { status: 'cancelled' });
    expect(store.stockOf('RW-MUG')).toBe(before);
    const notes = store.orders.notes(order.body.id).map((note) => note.note);
    expect(notes.some((note) => note.startsWith('Stock levels increased: RealWoo Mug (RW-MUG)'))).toBe(true);
  });
});

describe('emails', () => {
  it('records the customer emails a real store would send, and none without a billing email', async () => {
    store.outbox.clear();
    const withEmail = await call<WcOrder>('POST', '/orders', mugOrder('processing', 'shopper@example.com'));
    await call('POST', '/orders', mugOrder('processing'));
    await call('PUT', `/orders/${withEmail.body.id}`, { status: 'completed' });
    const pending = await call<WcOrder>('POST', '/orders', mugOrder('pending', 'later@example.com'));
    expect(store.outbox.customerEmails().map((email) => [email.to, email.template])).toEqual([
      ['shopper@example.com', 'customer_processing_order'],
      ['shopper@example.com', 'customer_completed_order'],
    ]);
    expect(store.outbox.forOrder(pending.body.id)).toEqual([]);
    expect(store.outbox.list().filter((email) => email.template === 'new_order')).toHaveLength(2);
  });
});

describe('clock', () => {
  it('dates orders by the simulator clock, in local and GMT form', async () => {
    const local = await startSimulator({ stores: [{ name: 'tz', utcOffsetMinutes: 120 }] });
    try {
      local.clock.freeze(new Date('2031-05-01T08:00:00.900Z'));
      const order = local.stores[0].createOrderDirectly();
      expect([order.date_created_gmt, order.date_created, order.created_via]).toEqual([
        '2031-05-01T08:00:00',
        '2031-05-01T10:00:00',
        'checkout',
      ]);
      local.clock.advance(90_000);
      const updated = local.stores[0].updateOrderDirectly(order.id, { status: 'completed' });
      expect([updated.date_modified_gmt, updated.date_completed_gmt]).toEqual(['2031-05-01T08:01:30', '2031-05-01T08:01:30']);
      const client = wcClient(local.stores[0].url, local.stores[0].readOnly);
      const localTimes = await client<WcOrder[]>('GET', '/orders?modified_after=2031-05-01T10:01:00');
      const gmtTimes = await client<WcOrder[]>('GET', '/orders?modified_after=2031-05-01T08:01:00&dates_are_gmt=true');
      expect([localTimes.body.length, gmtTimes.body.length]).toEqual([1, 1]);
    } finally {
      await local.close();
    }
  });
});

describe('paging', () => {
  it('loses an order when paging by number while orders change, as the README measured', async () => {
    const paging = await startSimulator({ stores: [{ name: 'paging' }] });
    try {
      const shop = paging.stores[0];
      paging.clock.freeze(new Date('2031-01-01T00:00:00Z'));
      for (let index = 0; index < 120; index++) {
        shop.createOrderDirectly();
        paging.clock.advance(1000);
      }
      const client = wcClient(shop.url, shop.readOnly);
      const page = (number: number) => client<WcOrder[]>('GET', `/orders?orderby=modified&order=asc&per_page=50&page=${number}`);
      const seen = new Set((await page(1)).body.map((order) => order.id));
      shop.touchOrder([...seen][10]);
      for (const number of [2, 3]) (await page(number)).body.forEach((order) => seen.add(order.id));
      expect(seen.size).toBe(119);
    } finally {
      await paging.close();
    }
  });

  it('serves a page of 100 out of 100,000 orders in a few milliseconds', async () => {
    const big = await startSimulator({ stores: [{ name: 'big' }] });
    try {
      const shop = big.stores[0];
      shop.seedOrders(100_000);
      const client = wcClient(shop.url, shop.readOnly);
      const query = '/orders?orderby=modified&order=asc&dates_are_gmt=true&per_page=100&modified_after=2000-01-01T00:00:00';
      for (let warmUp = 0; warmUp < 5; warmUp++) await client('GET', query);
      const response = await client<WcOrder[]>('GET', `${query}&page=500`);
      expect([response.body.length, response.headers.get('x-wp-total')]).toEqual([100, '100000']);
      const serverMs = shop.requests.entries().slice(-1)[0].durationMs;
      expect(serverMs).toBeLessThan(100);
    } finally {
      await big.close();
    }
  });
});

describe('webhooks', () => {
  it('pings unsigned on creation, then delivers signed bodies late, once per burst', async () => {
    const secret = 'webhook-secret';
    const created = await call<{ id: number }>('POST', '/webhooks', {
      name: 'updates',
      topic: 'order.updated',
      delivery_url: receiverUrl,
      secret,
    });
    expect(created.status).toBe(201);
    const order = await call<WcOrder>('POST', '/orders', mugOrder('pending'));
    await call('PUT', `/orders/${order.body.id}`, { status: 'on-hold' });
    await call('PUT', `/orders/${order.body.id}`, { status: 'completed' });
    expect(hooks.filter((hook) => hook.topic)).toEqual([]);
    await store.webhooks.flush();
    const deliveries = hooks.filter((hook) => hook.topic === 'order.updated');
    expect(deliveries).toHaveLength(1);
    expect(hooks[0].body).toBe(`webhook_id=${created.body.id}`);
    expect(deliveries[0].signature).toBe(webhookSignature(secret, deliveries[0].body));
    expect((JSON.parse(deliveries[0].body) as WcOrder).status).toBe('completed');
    await call('DELETE', `/webhooks/${created.body.id}?force=true`);
    hooks.length = 0;
  });

  it('never retries, and disables a webhook after more than 5 consecutive failures', async () => {
    receiverStatus = 500;
    const created = await call<{ id: number }>('POST', '/webhooks', { topic: 'order.created', delivery_url: receiverUrl });
    for (let index = 0; index < 7; index++) {
      await call('POST', '/orders', mugOrder('processing'));
      await store.webhooks.flush();
    }
    const webhook = await call<{ status: string }>('GET', `/webhooks/${created.body.id}`);
    expect(webhook.body.status).toBe('disabled');
    expect(hooks.filter((hook) => hook.topic === 'order.created')).toHaveLength(6);
    receiverStatus = 200;
  });
});

describe('interop with @woocommerce/woocommerce-rest-api', () => {
  it('signs OAuth 1.0a requests the simulator accepts', async () => {
    const require = createRequire(import.meta.url);
    const pkg = require('@woocommerce/woocommerce-rest-api') as { default?: unknown };
    type Api = new (options: Record<string, unknown>) => {
      get(path: string, params?: Record<string, unknown>): Promise<{ status: number; data: unknown; headers: Record<string, string> }>;
      post(path: string, data: unknown): Promise<{ status: number; data: WcOrder }>;
    };
    const WooCommerceRestApi = (pkg.default ?? pkg) as Api;
    const api = new WooCommerceRestApi({ url: store.url, ...store.readWrite, version: 'wc/v3' });
    const created = await api.post('orders', mugOrder('processing', 'client@example.com'));
    expect(created.status).toBe(201);
    const listed = await api.get('orders', { per_page: 5, orderby: 'modified', order: 'desc', dates_are_gmt: true });
    expect(listed.status).toBe(200);
    expect((listed.data as WcOrder[])[0].id).toBe(created.data.id);
    const products = await api.get('products', { sku: 'RW-SOCKS-L,RW-TSHIRT' });
    expect((products.data as unknown[]).length).toBe(2);
  });
});

describe('https', () => {
  it('accepts Basic auth and query keys over https only', async () => {
    const secure = await startSimulator({ stores: [{ name: 'secure', scheme: 'https' }] });
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const shop = secure.stores[0];
      const basic = Buffer.from(`${shop.readOnly.consumerKey}:${shop.readOnly.consumerSecret}`).toString('base64');
      const viaBasic = await fetch(`${shop.url}/wp-json/wc/v3/orders`, { headers: { authorization: `Basic ${basic}` } });
      const viaQuery = await fetch(
        `${shop.url}/wp-json/wc/v3/orders?consumer_key=${shop.readOnly.consumerKey}&consumer_secret=${shop.readOnly.consumerSecret}`,
      );
      const wrongSecret = await fetch(`${shop.url}/wp-json/wc/v3/orders?consumer_key=${shop.readOnly.consumerKey}&consumer_secret=cs_nope`);
      expect([viaBasic.status, viaQuery.status, wrongSecret.status]).toEqual([200, 200, 401]);
      expect(((await wrongSecret.json()) as { message: string }).message).toBe('Consumer secret is invalid.');
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      await secure.close();
    }
  });
});
