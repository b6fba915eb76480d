import http from 'node:http';
import https from 'node:https';
import WooCommerceRestApiPkg from '@woocommerce/woocommerce-rest-api';
import type { Readable } from 'node:stream';
import { isResponseTooLargeError, readCappedBody, UNSUPPORTED_ENCODING } from '@/lib/net/capped-body';
import { ConcurrencyLimiter } from './limiter';
import { classifyResponseFailure, classifyTransportFailure, WooRequestError } from './errors';
import { retryDelayMs, type BackoffPolicy } from './backoff';
import { sleep } from '@/lib/utils/sleep';
import { normaliseStoreUrl } from './store-url';

type WooApiConstructor = typeof WooCommerceRestApiPkg;
// The package is CommonJS with `exports.default`; under ESM interop the class can sit one level deeper.
const WooCommerceRestApi: WooApiConstructor =
  (WooCommerceRestApiPkg as unknown as { default?: WooApiConstructor }).default ?? WooCommerceRestApiPkg;

export type WooClientOptions = {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Requests in flight to this store at once. */
  concurrency?: number;
  connectTimeoutMs?: number;
  /** Per attempt, for the whole exchange: a store trickling its answer cannot stretch it. */
  responseTimeoutMs?: number;
  /** A read and all its retries end within this, whatever the store does. */
  requestDeadlineMs?: number;
  /** Most bytes of one answer read, counted unpacked; larger answers fail with RESPONSE_TOO_LARGE. */
  maxResponseBytes?: number;
  /** Agents such as an SSRF guard's pinned agent; default Node's. */
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
  /** Aborts every request of this client (a cancelled run). */
  signal?: AbortSignal;
  /** Retries of reads and of requests the store did not apply (429, refused connections). */
  retry?: BackoffPolicy & { attempts: number };
  onRequest?: (event: WooRequestEvent) => void;
};

export type WooRequestEvent = { method: string; path: string; status: number | null; ms: number };
export type WooQuery = Record<string, string | number | boolean | undefined>;
export type WooResponse<T> = { status: number; headers: Record<string, string>; data: T };
export type WooMethod = 'get' | 'post' | 'put' | 'delete';

export type WooRequestOptions = { query?: WooQuery; body?: unknown; timeoutMs?: number; signal?: AbortSignal };

export type WooClient = {
  readonly url: string;
  readonly stats: { requests: number };
  request<T>(method: WooMethod, path: string, options?: WooRequestOptions): Promise<WooResponse<T>>;
  /** `request` plus retries for failures where the store did not apply anything; writes that may have landed are thrown. */
  requestWithRetry<T>(method: WooMethod, path: string, options?: WooRequestOptions): Promise<WooResponse<T>>;
};

export const WOO_CLIENT_DEFAULTS = {
  concurrency: 2,
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 60_000,
  requestDeadlineMs: 120_000,
  // A page of 100 full orders is ~135 KB (~6 KB with _fields): 20 MB is far above any real answer.
  maxResponseBytes: 20_000_000,
  retry: { attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000 },
};

export function createWooClient(options: WooClientOptions): WooClient {
  const baseUrl = normaliseStoreUrl(options.url);
  const limiter = new ConcurrencyLimiter(options.concurrency ?? WOO_CLIENT_DEFAULTS.concurrency);
  const connectTimeoutMs = options.connectTimeoutMs ?? WOO_CLIENT_DEFAULTS.connectTimeoutMs;
  const responseTimeoutMs = options.responseTimeoutMs ?? WOO_CLIENT_DEFAULTS.responseTimeoutMs;
  const requestDeadlineMs = options.requestDeadlineMs ?? WOO_CLIENT_DEFAULTS.requestDeadlineMs;
  const maxResponseBytes = options.maxResponseBytes ?? WOO_CLIENT_DEFAULTS.maxResponseBytes;
  const retry = options.retry ?? WOO_CLIENT_DEFAULTS.retry;
  const host = new URL(baseUrl).host;
  const stats = { requests: 0 };

  async function send<T>(method: WooMethod, path: string, request: WooRequestOptions): Promise<WooResponse<T>> {
    const isWrite = method !== 'get';
    const what = `${method.toUpperCase()} ${path}`;
    const state = { sent: false, connectTimedOut: false, responseTimedOut: false };
    const controller = new AbortController();
    const signals = [options.signal, request.signal].filter((s): s is AbortSignal => Boolean(s));
    const onAbort = () => controller.abort();
    for (const s of signals) {
      if (s.aborted) throw abortedError(what, false, isWrite);
      s.addEventListener('abort', onAbort, { once: true });
    }
    const timeoutMs = request.timeoutMs ?? responseTimeoutMs;
    // For the whole exchange, body included: a store trickling its answer byte by byte cannot stretch it.
    const deadline = setTimeout(() => {
      state.responseTimedOut = true;
      controller.abort();
    }, timeoutMs);
    const api = new WooCommerceRestApi({
      url: baseUrl,
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      version: 'wc/v3',
      axiosConfig: {
        signal: controller.signal,
        maxRedirects: 0,
        validateStatus: () => true,
        // The body is read (and unpacked) here, capped; and a store is never reached through an
        // HTTP(S)_PROXY from the environment, which would bypass the SSRF guard's pinned connection.
        responseType: 'stream',
        decompress: false,
        proxy: false,
        transport: connectTrackingTransport(baseUrl, connectTimeoutMs, state),
        httpAgent: options.httpAgent,
        httpsAgent: options.httpsAgent,
      },
    });
    const started = Date.now();
    stats.requests += 1;
    try {
      const query = cleanQuery(request.query);
      const response =
        method === 'get'
          ? await api.get(path, query)
          : method === 'delete'
            ? await api.delete(path, query)
            : await api[method](path, request.body ?? {}, query);
      const headers = lowerCaseHeaders(response.headers as Record<string, unknown>);
      const body = await readCappedBody(response.data as Readable, {
        maxBytes: maxResponseBytes,
        contentEncoding: headers['content-encoding'],
        host,
        signal: controller.signal,
      });
      const data = parseBody(body);
      options.onRequest?.({ method, path, status: response.status, ms: Date.now() - started });
      if (response.status >= 200 && response.status < 300) {
        // A challenge page or a PHP notice instead of JSON: nothing we can read, and a write may have happened.
        if (typeof data === 'string' && data.trim() !== '') {
          throw new WooRequestError(`${what} answered with a page that is not JSON (a firewall or an error page?)`, {
            kind: isWrite ? 'ambiguous' : 'retryable',
            status: response.status,
            code: 'NOT_JSON',
          });
        }
        return { status: response.status, headers, data: data as T };
      }
      throw classifyResponseFailure({ status: response.status, body: data, retryAfter: headers['retry-after'], isWrite, what });
    } catch (error) {
      if (error instanceof WooRequestError) throw error;
      options.onRequest?.({ method, path, status: null, ms: Date.now() - started });
      // Asking again brings the same answer; a write it answered has landed.
      if (isResponseTooLargeError(error))
        throw new WooRequestError(`${what} failed: ${error.message} (setting maxResponseBytes)`, {
          kind: isWrite ? 'ambiguous' : 'permanent',
          code: error.code,
        });
      if ((error as { code?: string }).code === UNSUPPORTED_ENCODING)
        throw new WooRequestError(`${what} failed: ${(error as Error).message}`, {
          kind: isWrite ? 'ambiguous' : 'permanent',
          code: UNSUPPORTED_ENCODING,
        });
      if (state.connectTimedOut) throw classifyTransportFailure(what, 'CONNECT_TIMEOUT', false, isWrite);
      if (state.responseTimedOut) throw classifyTransportFailure(what, 'RESPONSE_TIMEOUT', state.sent, isWrite, timeoutMs);
      if (controller.signal.aborted) throw abortedError(what, state.sent, isWrite);
      const code = (error as { code?: string }).code;
      throw classifyTransportFailure(what, code, state.sent, isWrite);
    } finally {
      clearTimeout(deadline);
      for (const s of signals) s.removeEventListener('abort', onAbort);
    }
  }

  const request = <T>(method: WooMethod, path: string, req: WooRequestOptions = {}) => limiter.run(() => send<T>(method, path, req));

  async function requestWithRetry<T>(method: WooMethod, path: string, req: WooRequestOptions = {}): Promise<WooResponse<T>> {
    const deadline = Date.now() + requestDeadlineMs;
    for (let attempt = 0; ; attempt += 1) {
      const left = deadline - Date.now();
      try {
        return await request<T>(method, path, { ...req, timeoutMs: Math.max(1, Math.min(req.timeoutMs ?? responseTimeoutMs, left)) });
      } catch (error) {
        const retryable = error instanceof WooRequestError && error.kind === 'retryable';
        if (!retryable || attempt + 1 >= retry.attempts || options.signal?.aborted || req.signal?.aborted) throw error;
        const delay = retryDelayMs(attempt, retry, error.retryAfterMs);
        if (Date.now() + delay >= deadline) throw error;
        await sleep(delay, req.signal ?? options.signal);
      }
    }
  }

  return { url: baseUrl, stats, request, requestWithRetry };
}

function abortedError(what: string, sent: boolean, isWrite: boolean): WooRequestError {
  const kind = sent && isWrite ? 'ambiguous' : 'retryable';
  return new WooRequestError(`${what} was cancelled`, { kind, code: 'ABORTED' });
}

/** As axios read JSON: parsed when it is JSON, else the text (a web page, a PHP notice), '' when empty. */
function parseBody(body: Buffer): unknown {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function cleanQuery(query: WooQuery | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const source =
    typeof (headers as { toJSON?: () => Record<string, unknown> }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : headers;
  for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== null) out[key.toLowerCase()] = String(value);
  return out;
}

/**
 * Axios has no connect timeout, and cannot tell "never reached the store" from "sent, then lost".
 * Both matter: only the second can have created an order.
 */
function connectTrackingTransport(baseUrl: string, connectTimeoutMs: number, state: { sent: boolean; connectTimedOut: boolean }) {
  const native = baseUrl.startsWith('https:') ? https : http;
  return {
    request(requestOptions: http.RequestOptions, callback: (res: http.IncomingMessage) => void) {
      const req = native.request(requestOptions, callback);
      req.on('socket', (socket) => {
        const connecting = (socket as { connecting?: boolean }).connecting;
        if (!connecting) {
          state.sent = true;
          return;
        }
        const timer = setTimeout(() => {
          state.connectTimedOut = true;
          req.destroy(Object.assign(new Error('connect timeout'), { code: 'CONNECT_TIMEOUT' }));
        }, connectTimeoutMs);
        const connectedEvent = native === https ? 'secureConnect' : 'connect';
        socket.once(connectedEvent, () => {
          clearTimeout(timer);
          state.sent = true;
        });
        socket.once('close', () => clearTimeout(timer));
      });
      return req;
    },
  };
}
