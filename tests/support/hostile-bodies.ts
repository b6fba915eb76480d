import type http from 'node:http';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';

const bombs = new Map<number, Promise<Buffer>>();

/** A gzip body of `decodedBytes` spaces, made chunk by chunk (300 MB unpacked is ~300 KB packed). */
export function gzipBomb(decodedBytes: number): Promise<Buffer> {
  let bomb = bombs.get(decodedBytes);
  if (!bomb) {
    bomb = (async () => {
      const gzip = createGzip({ level: 9 });
      const packed: Buffer[] = [];
      gzip.on('data', (chunk: Buffer) => packed.push(chunk));
      const block = Buffer.alloc(1 << 20, ' ');
      for (let written = 0; written < decodedBytes; written += block.length) {
        if (!gzip.write(block.subarray(0, Math.min(block.length, decodedBytes - written)))) await once(gzip, 'drain');
      }
      gzip.end();
      await once(gzip, 'end');
      return Buffer.concat(packed);
    })();
    bombs.set(decodedBytes, bomb);
  }
  return bomb;
}

/** Streams `totalBytes` of a JSON-looking body, as fast as the client reads it, until the client hangs up. */
export async function streamHugeBody(res: http.ServerResponse, totalBytes: number): Promise<number> {
  const block = Buffer.from(`{"id":1,"note":"${'x'.repeat(65_000)}"},`);
  let sent = 0;
  let closed = false;
  res.once('close', () => {
    closed = true;
    res.emit('drain');
  });
  res.write('[');
  while (sent < totalBytes && !closed) {
    sent += block.length;
    if (!res.write(block)) await once(res, 'drain');
  }
  if (!res.destroyed) res.end('{}]');
  return sent;
}

/** Sends `body` one byte every `intervalMs` (after the headers, sent at once), until done or the client hangs up. */
export function trickle(res: http.ServerResponse, body: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (index >= body.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(body[index]);
    index += 1;
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}
