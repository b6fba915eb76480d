import { defineRoute } from '@/simulator/http/route-builder';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import { isPlainObject, postedList } from '@/simulator/order-input';
import { orderJson } from '@/simulator/order-json';
import { createOrder, deleteOrder, updateOrder } from '@/simulator/orders-service';
import { invalidOrderId, RestError } from '@/simulator/rest-errors';
import type { SimStore } from '@/simulator/sim-store';

export const BATCH_LIMIT = 100;

function itemError(id: number, error: unknown) {
  if (error instanceof RestError) return { id, error: { code: error.code, message: error.message, data: { status: error.status } } };
  throw error;
}

/**
 * POST /orders/batch: creates, then updates, then deletes — each item paying its cost in turn. Items are
 * not schema-validated (a bogus status becomes pending) and failures come back inside a 200.
 */
async function batchOrders(request: RestRequest, store: SimStore): Promise<RestResponse> {
  request.authorize();
  const body = isPlainObject(request.body) ? request.body : {};
  const creates = postedList(body.create);
  const updates = postedList(body.update);
  const deletes = Array.isArray(body.delete) ? body.delete : [];
  if (creates.length + updates.length + deletes.length > BATCH_LIMIT) {
    throw new RestError(
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
      413,
    );
  }
  const { state } = store;
  const perOrder = store.costNow().perOrderWriteMs;
  const response: Record<string, unknown[]> = {};
  // A time limit thrown from here leaves the items already done in place, as a killed PHP request does.
  const pay = () => request.budget.spend(perOrder);
  for (const posted of creates) {
    await pay();
    let result: unknown;
    try {
      result = orderJson(createOrder(state, posted, { validation: 'lenient', createdVia: 'rest-api' }), state.identity);
    } catch (error) {
      result = itemError(0, error);
    }
    (response.create ??= []).push(result);
  }
  for (const posted of updates) {
    await pay();
    const id = Number(posted.id ?? 0);
    const order = state.book.get(id);
    let result: unknown;
    try {
      if (!order) throw invalidOrderId(400);
      result = orderJson(updateOrder(state, order, posted, 'lenient'), state.identity);
    } catch (error) {
      result = itemError(id, error);
    }
    (response.update ??= []).push(result);
  }
  for (const rawId of deletes) {
    await pay();
    const id = Number(isPlainObject(rawId) ? rawId.id : rawId);
    const order = state.book.get(id);
    let result: unknown;
    if (order) {
      result = orderJson(order, state.identity);
      deleteOrder(state, order, true);
    } else {
      result = itemError(id, invalidOrderId(404));
    }
    (response.delete ??= []).push(result);
  }
  return { status: 200, body: Object.keys(response).length ? response : [] };
}

export const orderBatchRoute = defineRoute<SimStore>(
  '/wc/v3/orders/batch',
  { POST: 'batch', PUT: 'batch', PATCH: 'batch' },
  'POST, PUT, PATCH',
  batchOrders,
);
