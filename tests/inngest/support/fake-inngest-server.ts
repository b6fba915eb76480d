import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SentEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

/**
 * Plays the Inngest dev server's two endpoints the SDK calls from our code: the event API (`POST /e/:key`)
 * and app registration (`POST /fn/register`). Records every request body so tests can read what went out.
 */
export async function startFakeInngestServer() {
  const eventBatches: SentEvent[][] = [];
  const registrations: unknown[] = [];
  let nextId = 0;

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && path.startsWith('/e/')) {
      const events = JSON.parse(body) as SentEvent[];
      eventBatches.push(events);
      res.end(JSON.stringify({ ids: events.map(() => `evt_${(nextId += 1)}`), status: 200 }));
      return;
    }
    if (req.method === 'POST' && path === '/fn/register') {
      registrations.push(JSON.parse(body));
      res.end(JSON.stringify({ ok: true, modified: true }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: `fake Inngest server has no ${req.method} ${path}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    eventBatches,
    registrations,
    reset() {
      eventBatches.length = 0;
      registrations.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the SDK at the fake server in dev mode; must run before `inngest/client` is first imported. */
export function useFakeInngestEnvironment(url: string) {
  process.env.INNGEST_DEV = '1';
  process.env.INNGEST_BASE_URL = url;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
