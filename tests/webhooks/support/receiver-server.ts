import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Db } from '@/db/client';
import { handleWebhookRequest } from '@/lib/webhooks/handle-request';
import type { WebhookSyncRequest, WebhookSyncStarter } from '@/lib/webhooks/receive-delivery';

export type ReceiverServer = {
  url: string;
  requests: WebhookSyncRequest[];
  answered: number[];
  setStarter: (starter: WebhookSyncStarter) => void;
  close: () => Promise<void>;
};

/** The receiver route's handler behind a real HTTP server, as `app/api/webhooks/woo/[token]/route.ts` serves it. */
export async function startReceiverServer(db: Db): Promise<ReceiverServer> {
  const requests: WebhookSyncRequest[] = [];
  const answered: number[] = [];
  let starter: WebhookSyncStarter = async (request) => {
    requests.push(request);
  };
  const server = http.createServer(async (incoming, outgoing) => {
    const match = /^\/api\/webhooks\/woo\/([^/?]+)$/.exec(incoming.url ?? '');
    if (!match || incoming.method !== 'POST') {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://receiver${incoming.url}`, {
      method: 'POST',
      headers,
      body: Readable.toWeb(incoming) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const response = await handleWebhookRequest(db, request, match[1], (request) => starter(request));
    answered.push(response.status);
    // An answer before the body was read (too large) closes the connection rather than reading the rest.
    outgoing
      .writeHead(response.status, { 'content-type': 'application/json', ...(response.status === 413 ? { connection: 'close' } : {}) })
      .end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answered,
    setStarter: (next) => {
      starter = async (request) => {
        requests.push(request);
        await next(request);
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
