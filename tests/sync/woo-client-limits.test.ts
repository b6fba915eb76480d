import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWooClient, WOO_CLIENT_DEFAULTS, type WooClient } from '@/lib/woo/client';
import { isWooRequestError, WooRequestError } from '@/lib/woo/errors';
import { DEFAULT_SYNC_TUNING } from '@/lib/sync';
import { gzipBomb, streamHugeBody } from '@/tests/support/hostile-bodies';
import { startLocalServer, type LocalServer } from '@/tests/stores/support/local-server';
import { sleep } from '@/lib/utils/sleep';

const servers: LocalServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handle: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(handle);
  servers.push(server);
  return server;
}

function clientOf(server: LocalServer, options: Partial<Parameters<typeof createWooClient>[0]> = {}): WooClient {
  return createWooClient({
    url: server.url,
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<WooRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isWooRequestError(error)) throw new Error(`expected a WooRequestError, got ${String(error)}`);
  return error;
}

/** A byte every `everyMs` after the headers, forever: never idle, never done. */
function trickling(everyMs: number): Parameters<typeof startLocalServer>[0] {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    res.write('[');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

describe('the Woo client caps every store answer', () => {
  it('reads a gzip answer unpacked', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-wp-totalpages': '1' });
      res.end(gzipSync(JSON.stringify([{ id: 7 }])));
    });
    const response = await clientOf(server).requestWithRetry<Array<{ id: number }>>('get', 'orders');
    expect(response.data).toEqual([{ id: 7 }]);
    expect(response.headers['x-wp-totalpages']).toBe('1');
  });

  it('stops a 150 MB answer at maxResponseBytes, hangs up, and does not ask again', async () => {
    let sent = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void streamHugeBody(res, 150_000_000).then((n) => (sent += n));
    });
    const error = await failure(clientOf(server, { maxResponseBytes: 5_000_000 }).requestWithRetry('get', 'orders'));
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', kind: 'permanent' });
    expect(error.message).toMatch(
      new RegExp(`GET orders failed: 127\\.0\\.0\\.1:${server.port} sent an answer larger than 5 MB .*maxResponseBytes`),
    );
    await sleep(100);
    expect(server.requests).toHaveLength(1);
    expect(sent).toBeLessThan(40_000_000);
  });

  it('counts unpacked bytes: a gzip bomb of 300 MB stops at the limit', async () => {
    const bomb = await gzipBomb(300_000_000);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const rssBefore = process.memoryUsage().rss;
    const error = await failure(clientOf(server).requestWithRetry('get', 'orders'));
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', kind: 'permanent' });
    expect(error.message).toMatch(/larger than 20 MB/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(120_000_000);
  });

  it('treats a too-large answer to a write as ambiguous: the write has landed', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void streamHugeBody(res, 10_000_000);
    });
    const error = await failure(
      clientOf(server, { maxResponseBytes: 1_000_000 }).request('post', 'orders/batch', { body: { create: [] } }),
    );
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', kind: 'ambiguous' });
  });
});

describe('the Woo client has total deadlines', () => {
  it('ends an attempt at responseTimeoutMs even while bytes keep arriving, naming the limit', async () => {
    const server = await serve(trickling(100));
    const started = Date.now();
    const error = await failure(clientOf(server, { responseTimeoutMs: 800 }).request('get', 'orders'));
    expect(error).toMatchObject({ code: 'RESPONSE_TIMEOUT', kind: 'retryable' });
    expect(error.message).toMatch(/did not answer within 0\.8 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends a read and all its retries within requestDeadlineMs', async () => {
    const server = await serve(trickling(100));
    const started = Date.now();
    const error = await failure(clientOf(server, { responseTimeoutMs: 1_000, requestDeadlineMs: 1_500 }).requestWithRetry('get', 'orders'));
    expect(error.code).toBe('RESPONSE_TIMEOUT');
    // Four attempts of a second each would take 4 s.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it('by default, gives up a trickling answer after 60 s of wall time, not of silence', async () => {
    expect(WOO_CLIENT_DEFAULTS.responseTimeoutMs).toBe(60_000);
    expect(WOO_CLIENT_DEFAULTS.requestDeadlineMs).toBeGreaterThanOrEqual(WOO_CLIENT_DEFAULTS.responseTimeoutMs);
    expect(DEFAULT_SYNC_TUNING).toMatchObject({
      responseTimeoutMs: 60_000,
      requestDeadlineMs: WOO_CLIENT_DEFAULTS.requestDeadlineMs,
      maxResponseBytes: 20_000_000,
    });
    const server = await serve(trickling(50));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const outcome = failure(
      createWooClient({ url: server.url, consumerKey: 'ck_test', consumerSecret: 'cs_test' }).request('get', 'orders'),
    );
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { interval: 20, timeout: 2_000 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    vi.advanceTimersByTime(59_000);
    let settled = false;
    void outcome.then(() => (settled = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1_000);
    const error = await outcome;
    expect(error.code).toBe('RESPONSE_TIMEOUT');
    expect(error.message).toMatch(/within 60 s/);
  });
});

describe('store traffic never uses environment proxies', () => {
  const saved = {
    HTTP_PROXY: process.env.HTTP_PROXY,
    HTTPS_PROXY: process.env.HTTPS_PROXY,
    http_proxy: process.env.http_proxy,
    https_proxy: process.env.https_proxy,
  };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('goes straight to the store (through the SSRF guard) with HTTP_PROXY and HTTPS_PROXY set', async () => {
    const proxy = await serve((_req, res) => {
      res.writeHead(502);
      res.end();
    });
    const store = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) process.env[key] = proxy.url;
    const response = await clientOf(store).requestWithRetry('get', 'orders');
    expect(response.data).toEqual([]);
    expect(proxy.requests).toEqual([]);
    expect(store.requests).toHaveLength(1);
  });
});
