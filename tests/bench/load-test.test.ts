import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTest } from '@/scripts/bench/load-test';

/** Answers 200 with the cookie it got for `/ok`, and sends anything else to sign-in. */
let server: Server;
let baseUrl: string;
const seen: { cookie?: string; encoding?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ cookie: request.headers.cookie, encoding: request.headers['accept-encoding'] });
    if (request.url === '/ok') response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else response.writeHead(307, { location: '/sign-in' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the bench:ui load test', () => {
  it('counts the measured requests apart from the warm-up, sending the cookie and asking for gzip', async () => {
    seen.length = 0;
    const result = await loadTest(`${baseUrl}/ok`, { cookie: 'session=abc', total: 60, warmup: 10, concurrency: 5 });
    expect(result).toMatchObject({ requests: 60, concurrency: 5, errors: 0 });
    expect(seen).toHaveLength(70);
    expect(seen.every((request) => request.cookie === 'session=abc' && request.encoding?.includes('gzip'))).toBe(true);
    expect(result.p50Ms).toBeLessThanOrEqual(result.p95Ms);
    expect(result.p95Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
  });

  it('counts every answer but a 200 as an error', async () => {
    const result = await loadTest(`${baseUrl}/orders`, { cookie: 'session=expired', total: 20, warmup: 0, concurrency: 4 });
    expect(result).toMatchObject({ requests: 20, errors: 20 });
  });
});
