import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyAddress,
  createGuardedAgents,
  guardedRequest,
  isStoreAddressForbiddenError,
  resolvePublicAddresses,
  type Resolver,
} from '@/lib/net';
import { startLocalServer, type LocalServer } from './support/local-server';

const FORBIDDEN: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.8.9.10', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'cloud-metadata'],
  ['169.254.10.1', 'link-local'],
  ['100.64.0.1', 'carrier-grade-nat'],
  ['100.127.255.254', 'carrier-grade-nat'],
  ['0.0.0.0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['64:ff9b::a9fe:a9fe', 'cloud-metadata'],
  ['fd00:ec2::254', 'cloud-metadata'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['[::1]', 'loopback'],
];
const PUBLIC = [
  '8.8.8.8',
  '93.184.216.34',
  '172.32.0.1',
  '100.128.0.1',
  '169.255.0.1',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '2a00:1450:4001::200e',
];

describe('address policy', () => {
  it.each(FORBIDDEN)('refuses %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });
  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });
  it('refuses something that is not an address at all', () => {
    expect(classifyAddress('not-an-ip')).toBe('invalid');
  });
});

function fakeResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolver, { calls });
}

describe('guarded connections', () => {
  let target: LocalServer;
  beforeAll(async () => {
    target = await startLocalServer((_req, res) => res.end('{"reached":true}'));
  });
  afterAll(() => target.close());

  it('refuses a host name that resolves to 127.0.0.1, before any connection', async () => {
    const resolver = fakeResolver({ 'shop.example.com': ['127.0.0.1'] });
    const agents = createGuardedAgents({ allowPrivate: false, resolver });
    const failure = await guardedRequest({ url: `http://shop.example.com:${target.port}/`, agents }).catch((e: unknown) => e);
    expect(isStoreAddressForbiddenError(failure)).toBe(true);
    expect((failure as Error).message).toContain('127.0.0.1');
    expect(resolver.calls).toEqual(['shop.example.com']);
    expect(target.requests).toEqual([]);
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const resolver = fakeResolver({ 'mixed.example.com': ['93.184.216.34', '10.0.0.7'] });
    await expect(resolvePublicAddresses('mixed.example.com', { allowPrivate: false, resolver })).rejects.toThrow(/10\.0\.0\.7/);
  });

  it.each(['http://127.0.0.1:1/', 'http://[::1]:1/', 'http://169.254.169.254/latest/meta-data/', 'https://[fd00:ec2::254]/'])(
    'refuses the IP literal in %s without DNS',
    async (url) => {
      const resolver = fakeResolver({});
      const failure = await guardedRequest({ url, agents: createGuardedAgents({ allowPrivate: false, resolver }) }).catch(
        (e: unknown) => e,
      );
      expect(isStoreAddressForbiddenError(failure)).toBe(true);
      expect(resolver.calls).toEqual([]);
    },
  );

  it('connects to exactly the address it checked (pinned), once the guard is lifted', async () => {
    const resolver = fakeResolver({ 'pinned-shop.test': ['127.0.0.1'] });
    const agents = createGuardedAgents({ allowPrivate: true, resolver });
    const response = await guardedRequest({ url: `http://pinned-shop.test:${target.port}/pinned`, agents });
    expect(response.status).toBe(200);
    expect(response.bodyText).toBe('{"reached":true}');
    expect(target.requests).toContain('/pinned');
    expect(resolver.calls).toEqual(['pinned-shop.test']);
  });

  it('re-resolves and re-checks on every new connection, so a rebinding answer is refused', async () => {
    let answer = '127.0.0.1';
    const calls: string[] = [];
    const resolver: Resolver = async (hostname) => {
      calls.push(hostname);
      return [{ address: answer, family: 4 }];
    };
    const agents = createGuardedAgents({ allowPrivate: false, resolver, allowedAddresses: ['127.0.0.1'] });
    const first = await guardedRequest({ url: `http://rebind.test:${target.port}/first`, agents });
    expect(first.status).toBe(200);
    answer = '10.0.0.1';
    const second = await guardedRequest({ url: `http://rebind.test:${target.port}/second`, agents }).catch((e: unknown) => e);
    expect(isStoreAddressForbiddenError(second)).toBe(true);
    expect(calls).toEqual(['rebind.test', 'rebind.test']);
  });

  it('honours ALLOW_PRIVATE_STORE_URLS=true when no explicit choice is made', async () => {
    const previous = process.env.ALLOW_PRIVATE_STORE_URLS;
    try {
      process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
      const response = await guardedRequest({ url: `${target.url}/env-allowed`, agents: createGuardedAgents() });
      expect(response.status).toBe(200);
      process.env.ALLOW_PRIVATE_STORE_URLS = 'false';
      await expect(guardedRequest({ url: `${target.url}/env-refused`, agents: createGuardedAgents() })).rejects.toThrow(/loopback/);
    } finally {
      if (previous === undefined) delete process.env.ALLOW_PRIVATE_STORE_URLS;
      else process.env.ALLOW_PRIVATE_STORE_URLS = previous;
    }
  });
});

describe('redirects to private addresses', () => {
  let privateTarget: LocalServer;
  let publicStandIn: LocalServer;
  beforeAll(async () => {
    privateTarget = await startLocalServer((_req, res) => res.end('secret internal data'), '127.0.0.1');
    // 127.0.0.2 plays a public store: it is explicitly allowed, the address it redirects to is not.
    publicStandIn = await startLocalServer((req, res) => {
      const to: Record<string, string> = {
        '/to-loopback': `http://127.0.0.1:${privateTarget.port}/admin`,
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-name': `http://internal.corp.test:${privateTarget.port}/admin`,
      };
      res.writeHead(302, { location: to[req.url ?? ''] ?? '/' }).end();
    }, '127.0.0.2');
  });
  afterAll(async () => {
    await privateTarget.close();
    await publicStandIn.close();
  });

  it.each(['/to-loopback', '/to-metadata', '/to-name'])('refuses to follow %s', async (path) => {
    const resolver = fakeResolver({ 'public-shop.test': ['127.0.0.2'], 'internal.corp.test': ['127.0.0.1'] });
    const agents = createGuardedAgents({ allowPrivate: false, resolver, allowedAddresses: ['127.0.0.2'] });
    const failure = await guardedRequest({ url: `http://public-shop.test:${publicStandIn.port}${path}`, agents, maxRedirects: 5 }).catch(
      (e: unknown) => e,
    );
    expect(isStoreAddressForbiddenError(failure)).toBe(true);
    expect(publicStandIn.requests).toContain(path);
    expect(privateTarget.requests).toEqual([]);
  });
});
