import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOAuthUrl, startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import { loadCaptures, type Capture } from './support/captures';
import { compareBodies, normaliseHeader, type CompareOptions } from './support/compare';

/**
 * Replays every capture of a real WooCommerce 9.9.5 store (../shared/woo/captures) against the simulator,
 * in order, and compares status, the headers that matter and the body (ids, dates, keys and URLs aside).
 */
const captures = loadCaptures();
const CAPTURED_ORIGINS = { main: 'http://127.0.0.1:8081', suba: 'http://127.0.0.1:8082', subb: 'http://127.0.0.1:8083' };
const CAPTURED_HOOK_URL = 'http://127.0.0.1:8080/hook';
const HEADERS_THAT_MATTER = ['content-type', 'x-wp-total', 'x-wp-totalpages', 'allow', 'link', 'location'];
/** 35–38 were captured on a fresh main store (its first order was 26): a second session. */
const SECOND_SESSION_FROM = 35;

interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

let sim: Simulator;
let hookServer: Server;
let hookUrl = '';
const received: ReceivedHook[] = [];
const idMaps = new Map<StoreHandle, Map<number, number>>();

beforeAll(async () => {
  hookServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  const webhooks = { delayMs: 20 };
  sim = await startSimulator({
    stores: [
      { name: 'main', title: 'RealWoo Main Store', firstOrderId: 27, firstProductId: 10, webhooks },
      { name: 'suba', firstOrderId: 28, webhooks },
      { name: 'subb', firstOrderId: 694, webhooks },
      { name: 'main-session-2', title: 'RealWoo Main Store', firstOrderId: 26, firstProductId: 10, webhooks },
    ],
  });
  sim.clock.freeze(new Date('2026-11-26T19:16:50Z'));
});

afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
});

function storeFor(capture: Capture): StoreHandle {
  if (capture.number >= SECOND_SESSION_FROM && capture.request?.store === 'main') return sim.store('main-session-2');
  return sim.store(capture.request?.store ?? 'main');
}

function compareOptions(capture: Capture, store: StoreHandle): CompareOptions {
  return { capturedOrigin: CAPTURED_ORIGINS[capture.request?.store ?? 'main'], actualOrigin: store.url };
}

/** Moves the frozen clock to the time the capture was taken, as its body tells (never backwards). */
function advanceClockTo(body: unknown): void {
  const dates: string[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (/^date_(created|modified)_gmt$/.test(key) && typeof inner === 'string') dates.push(inner);
        else if (key === 'create' || key === 'update') collect(inner);
      }
    }
  };
  collect(body);
  const latest = Math.max(...dates.map((date) => Date.parse(`${date}Z`)));
  if (Number.isFinite(latest) && latest > sim.clock.now()) sim.clock.set(latest);
}

function mapIdsInPath(store: StoreHandle, path: string): string {
  const ids = idMaps.get(store) ?? new Map<number, number>();
  return path.replace(/\/orders\/(\d+)/, (match, id: string) => `/orders/${ids.get(Number(id)) ?? id}`);
}

function rememberOrderIds(store: StoreHandle, expected: unknown, actual: unknown): void {
  const ids = idMaps.get(store) ?? new Map<number, number>();
  idMaps.set(store, ids);
  const pairs: Array<[unknown, unknown]> = [[expected, actual]];
  const record = (wanted: unknown, got: unknown) => {
    const wantedObject = wanted as { id?: unknown; order_key?: unknown };
    const gotObject = got as { id?: unknown };
    if (typeof wantedObject?.id === 'number' && wantedObject.order_key && typeof gotObject?.id === 'number') {
      ids.set(wantedObject.id, gotObject.id);
    }
  };
  for (const [wanted, got] of pairs) {
    if (Array.isArray(wanted) && Array.isArray(got)) wanted.forEach((item, index) => record(item, got[index]));
    else if (wanted && typeof wanted === 'object' && 'create' in wanted) {
      const created = (got as { create?: unknown[] })?.create ?? [];
      ((wanted as { create: unknown[] }).create ?? []).forEach((item, index) => record(item, created[index]));
    } else record(wanted, got);
  }
}

function rewriteHookUrl<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).split(CAPTURED_HOOK_URL).join(hookUrl)) as T;
}

async function send(store: StoreHandle, method: string, path: string, body: unknown, sign = true) {
  const url = `${store.url}${mapIdsInPath(store, path)}`;
  const target = sign ? signOAuthUrl({ method, url, ...store.readWrite }) : url;
  const hasBody = body !== undefined;
  return fetch(target, {
    method,
    body: hasBody ? JSON.stringify(rewriteHookUrl(body)) : undefined,
    headers: hasBody ? { 'content-type': 'application/json' } : {},
  });
}

async function expectMatchesCapture(capture: Capture, store: StoreHandle, response: Response): Promise<void> {
  const options = compareOptions(capture, store);
  const text = await response.text();
  const body: unknown = JSON.parse(text);
  expect(response.status, capture.file).toBe(capture.response.status);
  const capturedHeaders = capture.response.headers;
  if (capturedHeaders) {
    for (const name of HEADERS_THAT_MATTER) {
      const actual = response.headers.get(name);
      const expected = capturedHeaders[name];
      expect(actual === null ? null : normaliseHeader(name, actual, options), `${capture.file} header ${name}`).toBe(
        expected === undefined ? null : normaliseHeader(name, expected, { capturedOrigin: '', actualOrigin: '' }),
      );
    }
  }
  expect(compareBodies(capture.response.body, body, options), capture.file).toEqual([]);
  rememberOrderIds(store, capture.response.body, body);
}

/** Captures described in words rather than as a replayable request. */
const describedRequests: Record<number, (store: StoreHandle) => Promise<Response>> = {
  15: (store) =>
    fetch(signOAuthUrl({ method: 'POST', url: `${store.url}/wp-json/wc/v3/orders/batch`, ...store.readOnly }), {
      method: 'POST',
      body: '{}',
    }),
  21: (store) =>
    fetch(`${store.url}/wp-json/wc/v3/orders`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${store.readWrite.consumerKey}:${store.readWrite.consumerSecret}`).toString('base64')}`,
      },
    }),
  22: (store) =>
    fetch(
      `${store.url}/wp-json/wc/v3/orders?consumer_key=${store.readWrite.consumerKey}&consumer_secret=${store.readWrite.consumerSecret}`,
    ),
  23: (store) =>
    fetch(
      signOAuthUrl({
        method: 'GET',
        url: `${store.url}/wp-json/wc/v3/orders`,
        consumerKey: store.readWrite.consumerKey,
        consumerSecret: 'cs_wrong',
      }),
    ),
  24: (store) =>
    fetch(
      signOAuthUrl({ method: 'GET', url: `${store.url}/wp-json/wc/v3/orders`, consumerKey: 'ck_unknown', consumerSecret: 'cs_unknown' }),
    ),
  25: async (store) => {
    const url = signOAuthUrl({ method: 'GET', url: `${store.url}/wp-json/wc/v3/orders`, ...store.readWrite });
    expect((await fetch(url)).status).toBe(200);
    return fetch(url);
  },
  26: (store) =>
    fetch(
      signOAuthUrl({
        method: 'GET',
        url: `${store.url}/wp-json/wc/v3/orders`,
        ...store.readWrite,
        signAsOrigin: `http://localhost:${store.port}`,
      }),
    ),
  27: (store) => fetch(signOAuthUrl({ method: 'GET', url: `${store.url}/wp-json/wc/v3/nonexistent`, ...store.readWrite })),
};

interface CapturedDelivery {
  headers: Record<string, string>;
  raw_body?: string;
  body?: string;
}

function verifyDelivery(capture: Capture, store: StoreHandle, expected: CapturedDelivery, actual: ReceivedHook, secret: string): void {
  const options = compareOptions(capture, store);
  for (const [name, value] of Object.entries(expected.headers)) {
    if (name === 'x-wc-webhook-signature' || name === 'x-wc-webhook-delivery-id' || name === 'x-wc-webhook-id') continue;
    expect(actual.headers[name], `${capture.file} ${name}`).toBe(value.split(options.capturedOrigin).join(store.url));
  }
  const rawBody = expected.raw_body ?? expected.body ?? '';
  if (rawBody.startsWith('webhook_id=')) {
    expect(actual.body).toMatch(/^webhook_id=\d+$/);
    return;
  }
  expect(actual.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
  expect(actual.headers['x-wc-webhook-signature']).toBe(createHmac('sha256', secret).update(actual.body).digest('base64'));
  expect(actual.body).toContain('\\/wp-json\\/wc\\/v3\\/orders');
  expect(compareBodies(JSON.parse(rawBody), JSON.parse(actual.body), options), capture.file).toEqual([]);
}

async function replayDeliveries(capture: Capture): Promise<void> {
  const store = storeFor({ ...capture, request: { store: 'main' } });
  await store.webhooks.flush();
  const secret = 's3cret-for-capture';
  const expected = (capture.raw.deliveries ?? [
    capture.raw.ping_on_creation as CapturedDelivery,
    ...((capture.raw.order_created as CapturedDelivery[]) ?? []),
  ]) as CapturedDelivery[];
  expect(
    received.map((hook) => hook.headers['x-wc-webhook-topic'] ?? 'ping'),
    capture.file,
  ).toEqual(expected.map((delivery) => delivery.headers['x-wc-webhook-topic'] ?? 'ping'));
  expected.forEach((delivery, index) => verifyDelivery(capture, store, delivery, received[index], secret));
  received.length = 0;
}

describe('replaying every capture of a real WooCommerce 9.9.5 store', () => {
  it('has captures to replay', () => {
    expect(captures.length).toBeGreaterThanOrEqual(38);
  });

  for (const capture of captures) {
    it(capture.file, async () => {
      if (!capture.request) return replayDeliveries(capture);
      const store = storeFor(capture);
      advanceClockTo(capture.response.body);
      if (capture.number === 28) {
        const response = await fetch(`${store.url}/wp-json/`);
        const body = (await response.json()) as Record<string, unknown>;
        const trimmed = Object.fromEntries(Object.keys(capture.response.body as object).map((key) => [key, body[key]]));
        expect(compareBodies(capture.response.body, trimmed, compareOptions(capture, store))).toEqual([]);
        return;
      }
      const described = describedRequests[capture.number];
      const { method, path, body } = capture.request;
      const response = described ? await described(store) : await send(store, method ?? 'GET', path ?? '/', body);
      await expectMatchesCapture(capture, store, response);
    });
  }
});
