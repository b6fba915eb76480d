import { RestError } from '@/simulator/rest-errors';
import type { RestRequest, RestResponse, RestRoute, RouteAction } from './rest-types';

/** Turns '/wc/v3/orders/:id/notes' into a matcher that captures `id`. */
export function defineRoute<Store>(
  template: string,
  actions: Partial<Record<string, RouteAction>>,
  allow: string,
  handle: (request: RestRequest, store: Store) => Promise<RestResponse> | RestResponse,
): RestRoute<Store> {
  const paramNames: string[] = [];
  const source = template.replace(/:(\w+)/g, (_, name: string) => {
    paramNames.push(name);
    return '(\\d+)';
  });
  return {
    name: template.replace('/wc/v3', '').replace(/:(\w+)/g, '{$1}'),
    pattern: new RegExp(`^${source}/?$`),
    paramNames,
    actions,
    allow,
    handle,
  };
}

const PERMISSION_ERRORS: Record<RouteAction, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  view: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
  batch: ['woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.'],
};

/** The error a route's permission_callback returns to a request without a valid key (401, not logged in). */
export function permissionError(action: RouteAction): RestError {
  const [code, message] = PERMISSION_ERRORS[action];
  return new RestError(code, message, 401);
}

export interface RouteMatch<Store> {
  route: RestRoute<Store>;
  pathParams: Record<string, string>;
  action: RouteAction | undefined;
}

export function matchRoute<Store>(routes: RestRoute<Store>[], method: string, path: string): RouteMatch<Store> | null {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      pathParams[name] = match[index + 1];
    });
    return { route, pathParams, action: route.actions[method] };
  }
  return null;
}
