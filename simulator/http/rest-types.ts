import type { RequestBudget } from '@/simulator/cost-model';
import type { Posted } from '@/simulator/order-lines';
import type { QueryParams } from '@/simulator/order-query';
import type { RestError } from '@/simulator/rest-errors';

export interface RestRequest {
  method: string;
  routePath: string;
  pathParams: Record<string, string>;
  query: QueryParams;
  rawQuery: string;
  /** The decoded JSON (or form) body; `{}` when there is none. */
  body: Posted;
  /** Throws the route's permission error unless the request carries a valid key. */
  authorize(): void;
  budget: RequestBudget;
  /** `_fields` was given, so the response will be trimmed (and reading is cheaper). */
  fieldsTrimmed: boolean;
}

export interface RestResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteAction = 'list' | 'view' | 'create' | 'edit' | 'delete' | 'batch';

export interface RestRoute<Store> {
  /** A readable key for counters: 'GET /orders', 'POST /orders/batch', … */
  name: string;
  pattern: RegExp;
  paramNames: string[];
  /** Action per accepted method; the Allow header lists them. */
  actions: Partial<Record<string, RouteAction>>;
  allow: string;
  handle(request: RestRequest, store: Store): Promise<RestResponse> | RestResponse;
}

export type PermissionErrorFactory = (action: RouteAction) => RestError;
