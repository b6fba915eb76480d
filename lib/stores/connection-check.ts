import { createGuardedAgents, guardedRequest, type GuardedAgents, type GuardedResponse, type GuardOptions } from '@/lib/net';
import { failureMessages, type CheckStep, type ConnectionFailure, CHECK_STEPS } from './connection-failures';
import { signOAuthUrl } from './oauth1';
import { normaliseStoreUrl } from '@/lib/woo/store-url';
import { consumerKeyLast4 } from './store-url';
import { describeTransportFailure } from './transport-failure';
import { readStoreFacts, type StoreFacts } from './store-facts';

export type StepStatus = 'passed' | 'failed' | 'not_run';
export type CheckStepResult = { step: CheckStep; status: StepStatus; detail?: string };

export type ConnectionCheckResult = {
  url: string;
  ok: boolean;
  steps: CheckStepResult[];
  failure: ConnectionFailure | null;
  facts: StoreFacts | null;
  checkedAt: Date;
};

export type ConnectionCheckInput = { url: string; consumerKey: string; consumerSecret: string };
export type ConnectionCheckOptions = {
  guard?: GuardOptions;
  agents?: GuardedAgents;
  /** Per request. */
  timeoutMs?: number;
  now?: () => Date;
  /** Told of each step as soon as it passes or fails, so a form can tick the checklist while the check runs. */
  onStep?: (result: CheckStepResult) => void;
};

export type StoreHttp = {
  url: string;
  /** An authenticated request to a wc/v3 route: Basic auth over https, OAuth 1.0a over http. */
  woo(method: 'GET' | 'POST', route: string, body?: unknown, timeoutMs?: number): Promise<GuardedResponse>;
  timeoutMs: number;
};

class StepFailed extends Error {
  constructor(readonly failure: ConnectionFailure) {
    super(failure.message);
  }
}

type WooErrorBody = { code: string | null; message: string | null };

function parseJson(response: GuardedResponse): unknown {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('html') || /^\s*</.test(response.bodyText)) return undefined;
  try {
    return JSON.parse(response.bodyText) as unknown;
  } catch {
    return undefined;
  }
}

function wooError(body: unknown): WooErrorBody {
  const record = (body && typeof body === 'object' ? body : {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof record.code === 'string' ? record.code : null,
    message: typeof record.message === 'string' ? record.message.replace(/<[^>]*>/g, '').slice(0, 300) : null,
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function createStoreHttp(url: string, input: ConnectionCheckInput, agents: GuardedAgents, timeoutMs: number): StoreHttp {
  const isHttps = url.startsWith('https:');
  return {
    url,
    timeoutMs,
    woo: (method, route, body, requestTimeoutMs) => {
      const endpoint = `${url}/wp-json/wc/v3/${route}`;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (isHttps) headers.authorization = `Basic ${Buffer.from(`${input.consumerKey}:${input.consumerSecret}`).toString('base64')}`;
      const target = isHttps ? endpoint : signOAuthUrl(method, endpoint, input.consumerKey, input.consumerSecret);
      return guardedRequest({
        url: target,
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        agents,
        timeoutMs: requestTimeoutMs ?? timeoutMs,
      });
    },
  };
}

type IndexFacts = { homeUrl: string | null; siteName: string | null; timezone: string | null };

async function checkRestIndex(
  url: string,
  agents: GuardedAgents,
  timeoutMs: number,
  passed: (step: CheckStep, detail?: string) => void,
): Promise<IndexFacts> {
  const indexUrl = `${url}/wp-json/`;
  let response: GuardedResponse;
  try {
    response = await guardedRequest({ url: indexUrl, agents, timeoutMs, maxRedirects: 5, headers: { accept: 'application/json' } });
  } catch (error) {
    throw new StepFailed(describeTransportFailure(error, indexUrl, 'reachable', timeoutMs));
  }
  const finalLocation =
    response.redirects.at(-1) ??
    (typeof response.headers.location === 'string' ? new URL(response.headers.location, indexUrl).toString() : null);
  if (finalLocation) {
    let suggested: string;
    try {
      suggested = normaliseStoreUrl(finalLocation);
    } catch {
      suggested = finalLocation;
    }
    if (suggested !== url) {
      throw new StepFailed({
        step: 'reachable',
        code: 'redirect',
        message: failureMessages.redirect(url, finalLocation, suggested),
        suggestedUrl: suggested,
      });
    }
  }
  passed('reachable', `HTTP ${response.status} from ${new URL(url).host}`);
  if (response.status === 404)
    throw new StepFailed({ step: 'rest_api', code: 'rest_api_disabled', message: failureMessages.restApiDisabled(url) });
  const index = parseJson(response);
  if (index === undefined) {
    if (response.status >= 200 && response.status < 300)
      throw new StepFailed({ step: 'rest_api', code: 'html_instead_of_json', message: failureMessages.htmlInsteadOfJson(indexUrl) });
    throw new StepFailed({
      step: 'rest_api',
      code: 'unexpected_response',
      message: failureMessages.unexpected(indexUrl, response.status, null),
    });
  }
  if (response.status < 200 || response.status >= 300) {
    throw new StepFailed({
      step: 'rest_api',
      code: 'unexpected_response',
      message: failureMessages.unexpected(indexUrl, response.status, wooError(index).message),
    });
  }
  const record = (index && typeof index === 'object' ? index : {}) as Record<string, unknown>;
  if (!Array.isArray(record.namespaces))
    throw new StepFailed({ step: 'rest_api', code: 'not_wordpress', message: failureMessages.notWordPress(url) });
  const siteName = typeof record.name === 'string' ? record.name : null;
  passed('rest_api', siteName ? `WordPress site "${siteName}"` : undefined);
  if (!record.namespaces.includes('wc/v3'))
    throw new StepFailed({ step: 'woocommerce', code: 'not_woocommerce', message: failureMessages.notWooCommerce(url) });
  passed('woocommerce');
  const timezone =
    typeof record.timezone_string === 'string' && record.timezone_string ? record.timezone_string : gmtOffsetZone(record.gmt_offset);
  return { homeUrl: typeof record.home === 'string' ? withoutTrailingSlash(record.home) : null, siteName, timezone };
}

function gmtOffsetZone(offset: unknown): string | null {
  const hours = typeof offset === 'number' ? offset : typeof offset === 'string' && offset.trim() !== '' ? Number(offset) : NaN;
  if (!Number.isFinite(hours)) return null;
  if (hours === 0) return 'UTC';
  const sign = hours < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(hours) * 60);
  return `UTC${sign}${Math.floor(minutes / 60)}${minutes % 60 ? `:${String(minutes % 60).padStart(2, '0')}` : ''}`;
}

function authFailure(
  step: CheckStep,
  response: GuardedResponse,
  body: unknown,
  input: ConnectionCheckInput,
  url: string,
  homeUrl: string | null,
): ConnectionFailure {
  const last4 = consumerKeyLast4(input.consumerKey);
  const { code, message } = wooError(body);
  const text = message ?? '';
  if (/consumer key is invalid/i.test(text)) return { step, code: 'unknown_key', message: failureMessages.unknownKey(last4) };
  if (/invalid signature/i.test(text) && !/signature method/i.test(text)) {
    if (homeUrl && homeUrl !== url)
      return { step, code: 'host_mismatch', message: failureMessages.hostMismatch(url, homeUrl), suggestedUrl: homeUrl };
    return { step, code: 'secret_mismatch', message: failureMessages.secretMismatch(last4) };
  }
  if (/consumer secret is invalid/i.test(text)) return { step, code: 'secret_mismatch', message: failureMessages.secretMismatch(last4) };
  if (/write permissions/i.test(text)) return { step, code: 'read_only_key', message: failureMessages.readOnlyKey(last4) };
  // Over https an unknown key is not an error in WooCommerce: the request just runs anonymously.
  if (step === 'keys' && code === 'woocommerce_rest_cannot_view' && url.startsWith('https:')) {
    return { step, code: 'unknown_key', message: failureMessages.keyNotAccepted(last4) };
  }
  if (step === 'keys' && (/read permissions/i.test(text) || code === 'woocommerce_rest_cannot_view')) {
    return { step, code: 'cannot_read', message: failureMessages.cannotRead(last4, text || `HTTP ${response.status}`) };
  }
  return {
    step,
    code: 'unexpected_response',
    message: failureMessages.unexpected(`The store's ${step === 'write' ? 'write' : 'read'} check`, response.status, message),
  };
}

async function wooStep(
  http: StoreHttp,
  step: CheckStep,
  method: 'GET' | 'POST',
  route: string,
  body: unknown,
): Promise<{ response: GuardedResponse; json: unknown }> {
  let response: GuardedResponse;
  try {
    response = await http.woo(method, route, body);
  } catch (error) {
    throw new StepFailed(describeTransportFailure(error, http.url, step, http.timeoutMs));
  }
  const json = parseJson(response);
  if (json === undefined) {
    const endpoint = `${http.url}/wp-json/wc/v3/${route}`;
    if (response.status >= 200 && response.status < 300)
      throw new StepFailed({ step, code: 'html_instead_of_json', message: failureMessages.htmlInsteadOfJson(endpoint) });
    throw new StepFailed({ step, code: 'unexpected_response', message: failureMessages.unexpected(endpoint, response.status, null) });
  }
  return { response, json };
}

/**
 * The live check run before a store is saved, step by step: reachable → WordPress REST API → wc/v3 →
 * keys read → write permission (the side-effect-free empty batch) → store facts. Stops at the first
 * failure, which says what is wrong and what to do.
 */
export async function checkStoreConnection(
  input: ConnectionCheckInput,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionCheckResult> {
  const now = options.now ?? (() => new Date());
  const url = normaliseStoreUrl(input.url);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const agents = options.agents ?? createGuardedAgents(options.guard);
  const steps = new Map<CheckStep, CheckStepResult>(CHECK_STEPS.map((step) => [step, { step, status: 'not_run' }]));
  const record = (result: CheckStepResult) => {
    steps.set(result.step, result);
    options.onStep?.(result);
  };
  const passed = (step: CheckStep, detail?: string) => record({ step, status: 'passed', detail });
  let facts: StoreFacts | null = null;
  try {
    const index = await checkRestIndex(url, agents, timeoutMs, passed);
    const http = createStoreHttp(url, input, agents, timeoutMs);

    const read = await wooStep(http, 'keys', 'GET', 'orders?per_page=1', undefined);
    if (read.response.status !== 200) throw new StepFailed(authFailure('keys', read.response, read.json, input, url, index.homeUrl));
    passed('keys', `Key …${consumerKeyLast4(input.consumerKey)} can read orders`);

    const write = await wooStep(http, 'write', 'POST', 'orders/batch', {});
    if (write.response.status !== 200) throw new StepFailed(authFailure('write', write.response, write.json, input, url, index.homeUrl));
    passed('write', 'Key can create and update orders');

    const firstOrder = Array.isArray(read.json) ? (read.json[0] as { currency?: unknown } | undefined) : undefined;
    facts = await readStoreFacts(http, { ...index, orderCurrency: typeof firstOrder?.currency === 'string' ? firstOrder.currency : null });
    passed('facts', describeFacts(facts));
    return { url, ok: true, steps: [...steps.values()], failure: null, facts, checkedAt: now() };
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    record({ step: error.failure.step, status: 'failed', detail: error.failure.message });
    return { url, ok: false, steps: [...steps.values()], failure: error.failure, facts, checkedAt: now() };
  }
}

function describeFacts(facts: StoreFacts): string {
  return [
    facts.wooVersion ? `WooCommerce ${facts.wooVersion}` : 'WooCommerce version not reported',
    facts.currency ? `currency ${facts.currency}` : 'currency not reported',
    facts.timezone ? `time zone ${facts.timezone}` : 'time zone not reported',
  ].join(' · ');
}
