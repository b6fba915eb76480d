import http from 'node:http';
import https from 'node:https';
import { readCappedBody } from './capped-body';
import type { GuardedAgents } from './guarded-agents';

export type GuardedRequest = {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  agents: GuardedAgents;
  /** Whole-request deadline: connecting, sending and reading the answer, redirects included. */
  timeoutMs?: number;
  /** Redirects to follow (GET/HEAD only); each hop connects through the same guarded agents. */
  maxRedirects?: number;
  /** Most bytes of the answer read (unpacked); past it the exchange fails with RESPONSE_TOO_LARGE. */
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

export const GUARDED_REQUEST_DEFAULTS = { timeoutMs: 15_000, maxBodyBytes: 2_000_000 };

function sendOnce(request: GuardedRequest, url: URL, deadline: number): Promise<Omit<GuardedResponse, 'url' | 'redirects'>> {
  const timeoutMs = request.timeoutMs ?? GUARDED_REQUEST_DEFAULTS.timeoutMs;
  const maxBodyBytes = request.maxBodyBytes ?? GUARDED_REQUEST_DEFAULTS.maxBodyBytes;
  const isHttps = url.protocol === 'https:';
  const send = isHttps ? https.request : http.request;
  return new Promise((resolve, reject) => {
    let connected = false;
    let timedOut: Error | null = null;
    const req = send(url, {
      method: request.method ?? 'GET',
      headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) },
      agent: isHttps ? request.agents.httpsAgent : request.agents.httpAgent,
    });
    // A deadline for the whole exchange, not an idle timeout: a store trickling a byte a second cannot extend it.
    const timer = setTimeout(
      () => {
        const code = connected ? 'RESPONSE_TIMEOUT' : 'CONNECT_TIMEOUT';
        timedOut = transportError(`${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s`, code);
        req.destroy(timedOut);
      },
      Math.max(0, deadline - Date.now()),
    );
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(timedOut ?? error);
    };
    req.on('socket', (socket) => {
      const markConnected = () => (connected = true);
      if (!socket.connecting) markConnected();
      socket.once(isHttps ? 'secureConnect' : 'connect', markConnected);
    });
    req.on('error', fail);
    req.on('response', (res) => {
      readCappedBody(res, { maxBytes: maxBodyBytes, contentEncoding: headerText(res.headers['content-encoding']), host: url.host }).then(
        (body) => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyText: body.toString('utf8') });
        },
        (error: unknown) => {
          req.destroy();
          fail(error);
        },
      );
    });
    req.end(request.body);
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** One HTTP exchange with a merchant's store through the SSRF-guarded agents. */
export async function guardedRequest(request: GuardedRequest): Promise<GuardedResponse> {
  let url = new URL(request.url);
  const redirects: string[] = [];
  const canFollow = (request.method ?? 'GET') === 'GET' || request.method === 'HEAD';
  const deadline = Date.now() + (request.timeoutMs ?? GUARDED_REQUEST_DEFAULTS.timeoutMs);
  for (;;) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw transportError(`Refusing to follow a redirect to ${url.protocol} URL`, 'UNSUPPORTED_PROTOCOL');
    }
    const response = await sendOnce(request, url, deadline);
    const location = response.headers.location;
    if (!isRedirectStatus(response.status) || !location || !canFollow || redirects.length >= (request.maxRedirects ?? 0)) {
      return { ...response, url: url.toString(), redirects };
    }
    url = new URL(location, url);
    redirects.push(url.toString());
  }
}
