import { Readable } from 'node:stream';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuardedAgents, guardedRequest, isResponseTooLargeError, readCappedBody } from '@/lib/net';
import { checkStoreConnection } from '@/lib/stores/connection-check';
import { gzipBomb, streamHugeBody } from '@/tests/support/hostile-bodies';
import { startLocalServer, type LocalServer } from './support/local-server';
import { sleep } from '@/lib/utils/sleep';

/** A source that counts how much of it was pulled, so a test can see reading stopped early. */
function countingSource(total: number, chunk = 64 * 1024): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const block = Buffer.alloc(chunk, 'a');
  const stream = new Readable({
    read() {
      if (pulled >= total) return void this.push(null);
      pulled += block.length;
      this.push(block);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('readCappedBody: the one reader of a store answer', () => {
  it('returns the body, unpacking gzip, deflate and br', async () => {
    const text = JSON.stringify([{ id: 1, status: 'processing' }]);
    expect((await readCappedBody(Readable.from([Buffer.from(text)]), { maxBytes: 1_000, host: 'shop.test' })).toString()).toBe(text);
    expect(
      (await readCappedBody(Readable.from([gzipSync(text)]), { maxBytes: 1_000, contentEncoding: 'gzip', host: 'shop.test' })).toString(),
    ).toBe(text);
    expect(
      (
        await readCappedBody(Readable.from([brotliCompressSync(text)]), { maxBytes: 1_000, contentEncoding: 'br', host: 'shop.test' })
      ).toString(),
    ).toBe(text);
  });

  it('stops reading a plain body as soon as it passes the limit, naming the host and the limit', async () => {
    const source = countingSource(150_000_000);
    const error = await readCappedBody(source.stream, { maxBytes: 1_000_000, host: 'shop.test' }).catch((e: unknown) => e);
    expect(isResponseTooLargeError(error)).toBe(true);
    expect((error as Error).message).toMatch(/shop\.test sent an answer larger than 1 MB/);
    expect(source.pulled()).toBeLessThan(2_000_000);
    expect(source.stream.destroyed).toBe(true);
  });

  it('counts unpacked bytes: a 300 MB gzip bomb stops at the limit without unpacking the rest', async () => {
    const bomb = await gzipBomb(300_000_000);
    expect(bomb.length).toBeLessThan(400_000);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const error = await readCappedBody(Readable.from([bomb]), { maxBytes: 5_000_000, contentEncoding: 'gzip', host: 'shop.test' }).catch(
      (e: unknown) => e,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
    expect(grown).toBeLessThan(50_000_000);
  });

  it('refuses an encoding it cannot unpack, by name', async () => {
    await expect(
      readCappedBody(Readable.from([Buffer.from('x')]), { maxBytes: 10, contentEncoding: 'zstd', host: 'shop.test' }),
    ).rejects.toThrow(/encoding Orderbridge cannot read \(zstd\)/);
  });
});

describe('the connection check reads through the same capped reader', () => {
  let server: LocalServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const agents = createGuardedAgents({ allowPrivate: true });

  it('fails a gzip bomb answer by its unpacked size (before: read packed, 2 MB never reached)', async () => {
    const bomb = await gzipBomb(300_000_000);
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const error = await guardedRequest({ url: `${server.url}/wp-json/`, agents }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('RESPONSE_TOO_LARGE');
    const result = await checkStoreConnection({ url: server.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }, { agents });
    expect(result.failure).toMatchObject({ step: 'reachable', code: 'response_too_large' });
    expect(result.failure?.message).toMatch(/127\.0\.0\.1:\d+ sent an answer larger than 2 MB/);
  });

  it('fails a huge plain answer at 2 MB and hangs up', async () => {
    let sent = 0;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void streamHugeBody(res, 150_000_000).then((n) => (sent = n));
    });
    const error = await guardedRequest({ url: `${server.url}/wp-json/`, agents }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('RESPONSE_TOO_LARGE');
    await sleep(100);
    expect(sent).toBeLessThan(50_000_000);
  });

  it('fails an answer cut before its end instead of returning the part that came', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('[{"id":1}');
      setTimeout(() => res.destroy(), 20);
    });
    await expect(guardedRequest({ url: `${server.url}/wp-json/`, agents })).rejects.toThrow();
  });

  it('has one deadline for the whole exchange: a byte every 100 ms does not keep it alive', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await guardedRequest({ url: `${server.url}/wp-json/`, agents, timeoutMs: 800 }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('RESPONSE_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
