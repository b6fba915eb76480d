import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep } from '@/lib/utils/sleep';
import { RequestBudget, TimeLimitExceeded } from '@/simulator/cost-model';
import type { FaultKind } from '@/simulator/faults';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl } from '@/simulator/store-identity';
import {
  badGateway,
  criticalError,
  htmlPage,
  sendRaw,
  serviceUnavailable,
  timeLimitFatal,
  tooManyRequests,
  type RawResponse,
} from './fault-responses';
import { dispatchRest, findRoute, resolveRestTarget, type DispatchResult } from './rest-dispatch';
import { readBody, trimFields } from './request-parsing';

export type AdminHandler = (request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string) => Promise<void>;

type Outcome = number | 'dropped' | 'hung';

function faultBeforeWork(kind: FaultKind | null, retryAfterSeconds: number): RawResponse | null {
  switch (kind) {
    case 'error500':
      return criticalError();
    case 'error502':
      return badGateway();
    case 'error503':
      return serviceUnavailable(retryAfterSeconds);
    case 'rateLimit429':
      return tooManyRequests(retryAfterSeconds);
    case 'htmlInsteadOfJson':
      return htmlPage();
    default:
      return null;
  }
}

function drop(request: IncomingMessage, response: ServerResponse): Outcome {
  response.socket?.destroy();
  request.destroy();
  return 'dropped';
}

/** Holds the request open until the client gives up (or `hangMs` passes, then drops it). */
async function hang(request: IncomingMessage, response: ServerResponse, hangMs: number | null): Promise<Outcome> {
  await new Promise<void>((resolve) => {
    response.once('close', resolve);
    if (hangMs !== null) setTimeout(resolve, hangMs).unref();
  });
  drop(request, response);
  return 'hung';
}

function sendRest(store: SimStore, response: ServerResponse, result: DispatchResult, fields: string | null): void {
  // Plain JSON.stringify: PHP's escaped slashes cost more than the rest of the request at 100 orders a page.
  const body = JSON.stringify(fields === null ? result.body : trimFields(result.body, fields));
  const headers: Record<string, string> = {
    // The store's own clock, as a real server's Date header: the one its order dates are stamped by.
    Date: new Date(store.state.clock.now()).toUTCString(),
    'Content-Type': 'application/json; charset=UTF-8',
    Link: `<${restUrl(store.state.identity, '/')}>; rel="https://api.w.org/"`,
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    ...result.headers,
  };
  if (result.allow) headers.Allow = result.allow;
  response.writeHead(result.status, headers);
  response.end(body);
}

/** The request pipeline of one store: counting, faults, the worker queue, the cost of the work, then the API. */
export function createRequestListener(getStore: () => SimStore, admin: AdminHandler, isTls: boolean) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void serve(getStore(), admin, isTls, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendRaw(response, criticalError());
      else response.destroy();
      if (process.env.WOO_SIM_DEBUG) console.error(error);
    });
  };
}

async function serve(
  store: SimStore,
  admin: AdminHandler,
  isTls: boolean,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const startedAt = performance.now();
  const url = new URL(request.url ?? '/', 'http://simulator.invalid');
  const method = (request.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(request);
  if (url.pathname.startsWith('/__sim')) return admin(request, response, url, rawBody);

  const target = resolveRestTarget(url);
  const match = target.restPath === null ? null : findRoute(method, target.restPath);
  const routeKey = `${method} ${match?.route.name ?? target.restPath ?? url.pathname}`;
  store.stats.count(routeKey);
  const decision = store.faults.decide(routeKey, method === 'GET' && match?.action === 'list');
  const finish = (outcome: Outcome) =>
    store.stats.record({
      at: store.state.clock.now(),
      method,
      route: routeKey,
      path: url.pathname,
      status: outcome,
      durationMs: performance.now() - startedAt,
      fault: decision.kind,
    });

  if (decision.delayMs > 0) await sleep(decision.delayMs);
  const faults = store.faults.current;
  if (decision.kind === 'drop') return finish(drop(request, response));
  if (decision.kind === 'hang') return finish(await hang(request, response, faults.hangMs));
  const early = faultBeforeWork(decision.kind, faults.retryAfterSeconds);
  if (early) {
    sendRaw(response, early);
    return finish(early.status);
  }
  if (target.restPath === null) {
    sendRaw(response, { status: 404, contentType: 'text/html; charset=UTF-8', body: '<!DOCTYPE html><title>Page not found</title>' });
    return finish(404);
  }

  const forwardedHttps = store.options.trustForwardedProto === true && request.headers['x-forwarded-proto'] === 'https';
  const result = await store.workers.run(async () => {
    const budget = new RequestBudget(store.costNow, () => store.workers.active);
    try {
      await budget.spend(store.costNow().overheadMs);
      return await dispatchRest(store, {
        method,
        url,
        target,
        match,
        rawBody,
        contentType: request.headers['content-type'],
        authorization: request.headers.authorization,
        secure: isTls || forwardedHttps,
        budget,
      });
    } catch (error) {
      if (error instanceof TimeLimitExceeded) return error;
      throw error;
    }
  });

  if (result instanceof TimeLimitExceeded) {
    const cost = store.costNow();
    if (cost.timeLimitOutcome === 'drop') return finish(drop(request, response));
    const fatal = timeLimitFatal(Math.round((cost.timeLimitMs ?? 0) / 1000));
    sendRaw(response, fatal);
    return finish(fatal.status);
  }
  if (decision.kind === 'commitThenDrop') return finish(drop(request, response));
  if (decision.kind === 'commitThenError500') {
    sendRaw(response, criticalError());
    return finish(500);
  }
  const fields = url.searchParams.get('_fields');
  sendRest(store, response, result, fields);
  finish(result.status);
}
