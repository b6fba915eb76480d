import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuardedAgents } from '@/lib/net';
import { checkStoreConnection } from '@/lib/stores/connection-check';
import { createWooClient } from '@/lib/woo/client';

type Proxy = { url: string; seen: string[]; close: () => Promise<void> };

/** Records every request and CONNECT tunnel asked of it; answers requests with `[]`, refuses tunnels. */
async function startRecordingProxy(): Promise<Proxy> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  server.on('connect', (req: http.IncomingMessage, socket: import('node:stream').Duplex) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An environment proxy must not become a way around the SSRF guard: with HTTP(S)_PROXY set, a store URL on
 * the cloud metadata address would reach it through the proxy, the guard only checking the proxy's address.
 * The proxy here stands on loopback, let through the guard as if it were a public host.
 */
describe('store traffic with HTTP_PROXY / HTTPS_PROXY in the environment', () => {
  const keys = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  let proxy: Proxy | null = null;

  afterEach(async () => {
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await proxy?.close();
    proxy = null;
  });

  async function proxyInEnvironment(): Promise<{ agents: ReturnType<typeof createGuardedAgents> }> {
    proxy = await startRecordingProxy();
    for (const key of keys) process.env[key] = proxy.url;
    return { agents: createGuardedAgents({ allowPrivate: false, allowedAddresses: ['127.0.0.1'] }) };
  }

  it.each(['http://169.254.169.254', 'https://169.254.169.254'])(
    'a sync request to %s is refused by the guard, never handed to the proxy',
    async (url) => {
      const { agents } = await proxyInEnvironment();
      const client = createWooClient({
        url,
        consumerKey: 'ck_x',
        consumerSecret: 'cs_x',
        ...agents,
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const error = await client.requestWithRetry('get', 'orders').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_STORE_ADDRESS_FORBIDDEN', kind: 'permanent' });
      expect(proxy!.seen).toEqual([]);
    },
  );

  it('the connection check to the metadata address is refused by the guard, never handed to the proxy', async () => {
    const { agents } = await proxyInEnvironment();
    const result = await checkStoreConnection(
      { url: 'https://169.254.169.254', consumerKey: 'ck_x', consumerSecret: 'cs_x' },
      { agents, timeoutMs: 2_000 },
    );
    expect(result.failure).toMatchObject({ code: 'forbidden_address' });
    expect(proxy!.seen).toEqual([]);
  });
});
