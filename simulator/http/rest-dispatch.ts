import { authenticate, checkKeyPermission } from '@/simulator/auth';
import type { RequestBudget } from '@/simulator/cost-model';
import { noRoute, RestError } from '@/simulator/rest-errors';
import { REST_ROUTES } from '@/simulator/routes';
import { namespaceIndex, siteIndex } from '@/simulator/routes/discovery';
import type { SimStore } from '@/simulator/sim-store';
import { isFormBody, parseBody, parseQuery } from './request-parsing';
import { matchRoute, permissionError, type RouteMatch } from './route-builder';
import type { RestResponse } from './rest-types';

/** Where a URL points: the REST index, a wc/v3 route (via /wp-json/ or ?rest_route=), or nothing. */
export interface RestTarget {
  restPath: string | null;
  /** `?rest_route=` requests never authenticate with WooCommerce keys. */
  viaRestRoute: boolean;
}

export function resolveRestTarget(url: URL): RestTarget {
  if (url.pathname === '/wp-json' || url.pathname.startsWith('/wp-json/')) {
    return { restPath: url.pathname.slice('/wp-json'.length) || '/', viaRestRoute: false };
  }
  const restRoute = url.searchParams.get('rest_route');
  if ((url.pathname === '/' || url.pathname === '/index.php') && restRoute !== null) {
    return { restPath: restRoute || '/', viaRestRoute: true };
  }
  return { restPath: null, viaRestRoute: false };
}

export function findRoute(method: string, restPath: string): RouteMatch<SimStore> | null {
  return matchRoute(REST_ROUTES, method, restPath);
}

export interface DispatchInput {
  method: string;
  url: URL;
  target: RestTarget;
  match: RouteMatch<SimStore> | null;
  rawBody: string;
  contentType: string | undefined;
  authorization: string | undefined;
  secure: boolean;
  budget: RequestBudget;
}

export type DispatchResult = RestResponse & { allow?: string };

function errorResult(error: RestError, allow?: string): DispatchResult {
  return { status: error.status, body: error.toBody(), allow };
}

/** WordPress's order of checks: authentication, key permission, route match, arguments, permission, handler. */
export async function dispatchRest(store: SimStore, input: DispatchInput): Promise<DispatchResult> {
  const { method, url, target, match } = input;
  const restPath = target.restPath ?? '/';
  const identity = store.state.identity;
  if (restPath === '/' && method === 'GET') return { status: 200, body: siteIndex(identity) };
  if (/^\/wc\/v3\/?$/.test(restPath) && method === 'GET') return { status: 200, body: namespaceIndex() };

  const rawQuery = url.search.slice(1);
  let authenticated = false;
  if (restPath.startsWith('/wc/') && !target.viaRestRoute) {
    const outcome = authenticate(
      {
        method,
        secure: input.secure,
        homeOrigin: new URL(identity.homeUrl).origin,
        path: url.pathname,
        rawQuery,
        authorization: input.authorization,
        formBody: isFormBody(input.contentType) ? input.rawBody : null,
        nowSeconds: Math.floor(Date.now() / 1000),
      },
      store.keys,
    );
    if (outcome.kind === 'error') return errorResult(outcome.error);
    if (outcome.kind === 'key') {
      const denied = checkKeyPermission(outcome.key, method);
      if (denied) return errorResult(denied);
      authenticated = true;
    }
  }
  if (!match?.action) return errorResult(noRoute());
  const action = match.action;
  const allow = match.route.allow;
  try {
    const query = parseQuery(rawQuery);
    const response = await match.route.handle(
      {
        method,
        routePath: restPath,
        pathParams: match.pathParams,
        query,
        rawQuery,
        body: method === 'GET' ? {} : parseBody(input.rawBody, input.contentType),
        authorize: () => {
          if (!authenticated) throw permissionError(action);
        },
        budget: input.budget,
        fieldsTrimmed: query._fields !== undefined,
      },
      store,
    );
    return { ...response, allow };
  } catch (error) {
    if (error instanceof RestError) return errorResult(error, allow);
    throw error;
  }
}
