import http from 'node:http';
import https from 'node:https';
import type { GuardedAgents } from './guarded-agents';

export type GuardedRequest = {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  agents: GuardedAgents;
  /** Whole-request deadline: connecting, sending and reading the answer. */
  timeoutMs?: number;
  /** Redirects to follow (GET/HEAD only); each hop connects through the same guarded agents. */
  maxRedirects?: number;
  maxBodyBytes?: number;
};

export type GuardedResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  bodyText: string;
  /** The URL that finally answered, after any redirects that were followed. */
  url: string;
  redirects: string[];
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

function transportError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function sendOnce(request: GuardedRequest, url: URL): Promise<Omit<GuardedResponse, 'url' | 'redirects'>> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  const maxBodyBytes = request.maxBodyBytes ?? 2_000_000;
  const isHttps = url.protocol === 'https:';
  const send = isHttps ? https.request : http.request;
  return new Promise((resolve, reject) => {
    let connected = false;
    const req = send(url, {
      method: request.method ?? 'GET',
      headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) },
      agent: isHttps ? request.agents.httpsAgent : request.agents.httpAgent,
    });
    const timer = setTimeout(() => {
      const code = connected ? 'RESPONSE_TIMEOUT' : 'CONNECT_TIMEOUT';
      req.destroy(transportError(`${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s`, code));
    }, timeoutMs);
    req.on('socket', (socket) => {
      const markConnected = () => (connected = true);
      if (!socket.connecting) markConnected();
      socket.once(isHttps ? 'secureConnect' : 'connect', markConnected);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) req.destroy(transportError(`${url.host} sent more than ${maxBodyBytes} bytes`, 'RESPONSE_TOO_LARGE'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyText: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(request.body);
  });
}

/** One HTTP exchange with a merchant's store through the SSRF-guarded agents. */
export async function guardedRequest(request: GuardedRequest): Promise<GuardedResponse> {
  let url = new URL(request.url);
  const redirects: string[] = [];
  const canFollow = (request.method ?? 'GET') === 'GET' || request.method === 'HEAD';
  for (;;) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw transportError(`Refusing to follow a redirect to ${url.protocol} URL`, 'UNSUPPORTED_PROTOCOL');
    }
    const response = await sendOnce(request, url);
    const location = response.headers.location;
    if (!isRedirectStatus(response.status) || !location || !canFollow || redirects.length >= (request.maxRedirects ?? 0)) {
      return { ...response, url: url.toString(), redirects };
    }
    url = new URL(location, url);
    redirects.push(url.toString());
  }
}
