import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import { checkStoreConnection, type ConnectionCheckResult } from '@/lib/stores';
import { createGuardedAgents } from '@/lib/net';
import { selfSignedCertificate } from '@/simulator/tls';
import { closedPort, startLocalServer, type LocalServer } from './support/local-server';

const open = { guard: { allowPrivate: true }, timeoutMs: 3_000 };

function statuses(result: ConnectionCheckResult) {
  return Object.fromEntries(result.steps.map((s) => [s.step, s.status]));
}

describe('live connection check against the simulator', () => {
  let sim: Simulator;
  let main: StoreHandle;
  let secure: StoreHandle;
  let plainSite: LocalServer;
  let wordpressOnly: LocalServer;
  let redirector: LocalServer;

  beforeAll(async () => {
    sim = await startSimulator({
      stores: [
        { name: 'main', currency: 'EUR', utcOffsetMinutes: 120 },
        { name: 'secure', scheme: 'https' },
      ],
    });
    main = sim.store('main');
    secure = sim.store('secure');
    main.createOrderDirectly();
    plainSite = await startLocalServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>'),
    );
    wordpressOnly = await startLocalServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ name: 'Blog', home: 'http://blog', namespaces: ['oembed/1.0', 'wp/v2'] })),
    );
    redirector = await startLocalServer((req, res) => res.writeHead(301, { location: `${main.url}${req.url}` }).end());
  });
  afterAll(async () => {
    await Promise.all([sim.close(), plainSite.close(), wordpressOnly.close(), redirector.close()]);
  });
  beforeEach(() => {
    main.faults.clear();
  });

  it('passes every step for a read/write key and reports the store facts', async () => {
    const result = await checkStoreConnection({ url: `${main.url}/wp-json/`, ...main.readWrite }, open);
    expect(result.failure).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.url).toBe(main.url);
    expect(Object.values(statuses(result))).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.facts).toMatchObject({ homeUrl: main.url, currency: 'EUR', timezone: 'UTC+2' });
  });

  it('tells of each step as it ends, in order, before the check returns', async () => {
    main.requests.reset();
    const told: Array<{ step: string; status: string; requestsSoFar: number }> = [];
    const done = await checkStoreConnection(
      { url: main.url, ...main.readWrite },
      { ...open, onStep: (s) => told.push({ step: s.step, status: s.status, requestsSoFar: main.requests.total }) },
    );
    expect(told.map((s) => `${s.step}:${s.status}`)).toEqual(done.steps.map((s) => `${s.step}:${s.status}`));
    // The first three steps come from the REST index, the key's read and write from one request each:
    // each step is told before the next request is sent.
    expect(told.slice(0, 5).map((s) => s.requestsSoFar)).toEqual([1, 1, 1, 2, 3]);
    expect(told[5].requestsSoFar).toBe(main.requests.total);

    const wrongSecret: string[] = [];
    const failed = await checkStoreConnection(
      { url: main.url, consumerKey: main.readWrite.consumerKey, consumerSecret: `cs_${'f'.repeat(40)}` },
      { ...open, onStep: (s) => wrongSecret.push(`${s.step}:${s.status}`) },
    );
    expect(wrongSecret).toEqual(['reachable:passed', 'rest_api:passed', 'woocommerce:passed', 'keys:failed']);
    expect(failed.failure?.message).toBe(failed.steps.find((s) => s.status === 'failed')?.detail);
  });

  it('names a self-signed https certificate precisely', async () => {
    const result = await checkStoreConnection({ url: secure.url, ...secure.readWrite }, open);
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'tls_error' });
    expect(result.failure?.message).toMatch(/self-signed/);
  });

  it('reports an unknown key', async () => {
    const result = await checkStoreConnection(
      { url: main.url, consumerKey: `ck_${'0'.repeat(40)}`, consumerSecret: main.readWrite.consumerSecret },
      open,
    );
    expect(result.failure).toMatchObject({ step: 'keys', code: 'unknown_key' });
    expect(result.failure?.message).toContain('…0000');
    expect(statuses(result)).toMatchObject({
      reachable: 'passed',
      rest_api: 'passed',
      woocommerce: 'passed',
      keys: 'failed',
      write: 'not_run',
    });
  });

  it('reports a secret that does not match the key', async () => {
    const result = await checkStoreConnection(
      { url: main.url, consumerKey: main.readWrite.consumerKey, consumerSecret: `cs_${'f'.repeat(40)}` },
      open,
    );
    expect(result.failure).toMatchObject({ step: 'keys', code: 'secret_mismatch' });
    expect(result.failure?.message).toContain(`…${main.readWrite.consumerKey.slice(-4)}`);
    expect(result.failure?.message).not.toContain(main.readWrite.consumerSecret);
  });

  it('reports a read-only key at the write step', async () => {
    const result = await checkStoreConnection({ url: main.url, ...main.readOnly }, open);
    expect(result.failure).toMatchObject({ step: 'write', code: 'read_only_key' });
    expect(statuses(result)).toMatchObject({ keys: 'passed', write: 'failed', facts: 'not_run' });
  });

  it('reports a host that differs from the store home URL (Invalid signature) and offers the home URL', async () => {
    const entered = main.url.replace('127.0.0.1', 'localhost');
    const result = await checkStoreConnection({ url: entered, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'keys', code: 'host_mismatch', suggestedUrl: main.url });
    expect(result.failure?.message).toContain(entered);
  });

  it('reports HTML instead of JSON (the simulator fault)', async () => {
    main.faults.inject({ kind: 'htmlInsteadOfJson' });
    const result = await checkStoreConnection({ url: main.url, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'rest_api', code: 'html_instead_of_json' });
  });

  it('reports HTML instead of JSON on the authenticated read too', async () => {
    main.faults.inject({ kind: 'htmlInsteadOfJson', route: 'GET /orders' });
    const result = await checkStoreConnection({ url: main.url, ...main.readWrite }, open);
    expect(result.failure?.code).toBe('html_instead_of_json');
    expect(result.failure?.step).toBe('keys');
  });

  it('reports a timeout when the store hangs', async () => {
    main.faults.inject({ kind: 'hang' });
    const started = Date.now();
    const result = await checkStoreConnection({ url: main.url, ...main.readWrite }, { ...open, timeoutMs: 800 });
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a dropped connection', async () => {
    main.faults.inject({ kind: 'drop' });
    const result = await checkStoreConnection({ url: main.url, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'connection_failed' });
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const result = await checkStoreConnection({ url: `http://127.0.0.1:${port}`, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'connection_refused' });
    expect(result.failure?.message).toContain(`port ${port}`);
  });

  it('reports a host name that does not exist', async () => {
    const result = await checkStoreConnection({ url: 'https://no-such-store.invalid', ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'dns_failure' });
    expect(result.failure?.message).toContain('no-such-store.invalid');
  });

  it('reports a redirect with the final URL and offers it', async () => {
    const result = await checkStoreConnection({ url: redirector.url, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'redirect', suggestedUrl: main.url });
    expect(result.failure?.message).toContain(`${main.url}/wp-json/`);
  });

  it('reports a disabled REST API (404)', async () => {
    const result = await checkStoreConnection({ url: plainSite.url, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'rest_api', code: 'rest_api_disabled' });
    expect(result.failure?.message).toMatch(/Permalinks/);
  });

  it('reports a WordPress site without WooCommerce', async () => {
    const result = await checkStoreConnection({ url: wordpressOnly.url, ...main.readWrite }, open);
    expect(result.failure).toMatchObject({ step: 'woocommerce', code: 'not_woocommerce' });
    expect(statuses(result)).toMatchObject({ reachable: 'passed', rest_api: 'passed', woocommerce: 'failed' });
  });

  it('refuses the simulator itself when the SSRF guard is on', async () => {
    const result = await checkStoreConnection({ url: main.url, ...main.readWrite }, { guard: { allowPrivate: false }, timeoutMs: 3_000 });
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'forbidden_address' });
    expect(result.failure?.message).toMatch(/loopback/);
  });

  it('never puts the secret in any step detail or failure', async () => {
    const results = await Promise.all([
      checkStoreConnection({ url: main.url, ...main.readWrite }, open),
      checkStoreConnection({ url: main.url, consumerKey: main.readWrite.consumerKey, consumerSecret: `cs_${'a'.repeat(40)}` }, open),
    ]);
    const text = JSON.stringify(results);
    expect(text).not.toContain(main.readWrite.consumerSecret);
    expect(text).not.toContain('cs_aaaa');
    expect(text).not.toContain(main.readWrite.consumerKey);
  });
});

describe('https stores (Basic auth)', () => {
  let sim: Simulator;
  let store: StoreHandle;
  let agents: ReturnType<typeof createGuardedAgents>;
  beforeAll(async () => {
    const tls = selfSignedCertificate();
    sim = await startSimulator({ stores: [{ name: 'secure', scheme: 'https', tls, currency: 'GBP' }] });
    store = sim.store('secure');
    agents = createGuardedAgents({ allowPrivate: true, trustedCa: tls.cert });
  });
  afterAll(() => sim.close());

  it('passes every step when the certificate is trusted', async () => {
    const result = await checkStoreConnection({ url: store.url, ...store.readWrite }, { agents, timeoutMs: 3_000 });
    expect(result.failure).toBeNull();
    expect(result.steps.every((s) => s.status === 'passed')).toBe(true);
  });

  it('reports a secret that does not match (Consumer secret is invalid)', async () => {
    const result = await checkStoreConnection(
      { url: store.url, consumerKey: store.readWrite.consumerKey, consumerSecret: `cs_${'e'.repeat(40)}` },
      { agents, timeoutMs: 3_000 },
    );
    expect(result.failure).toMatchObject({ step: 'keys', code: 'secret_mismatch' });
  });

  it('reports a key the store does not know (WooCommerce answers as if anonymous)', async () => {
    const result = await checkStoreConnection(
      { url: store.url, consumerKey: `ck_${'d'.repeat(40)}`, consumerSecret: store.readWrite.consumerSecret },
      { agents, timeoutMs: 3_000 },
    );
    expect(result.failure).toMatchObject({ step: 'keys', code: 'unknown_key' });
    expect(result.failure?.message).toMatch(/Authorization header/);
  });

  it('reports a read-only key', async () => {
    const result = await checkStoreConnection({ url: store.url, ...store.readOnly }, { agents, timeoutMs: 3_000 });
    expect(result.failure).toMatchObject({ step: 'write', code: 'read_only_key' });
  });
});
