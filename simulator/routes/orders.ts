import { defineRoute } from '@/simulator/http/route-builder';
import { listResponse } from '@/simulator/http/list-response';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import { orderJson } from '@/simulator/order-json';
import { parseOrderListQuery, runOrderListQuery } from '@/simulator/order-query';
import { createOrder, deleteOrder, findOrderForUpdate, updateOrder } from '@/simulator/orders-service';
import { invalidOrderId } from '@/simulator/rest-errors';
import { parseBooleanParam } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl } from '@/simulator/store-identity';

const LIST_DEFAULTS: Array<[string, string]> = [
  ['status[0]', 'any'],
  ['dp', '2'],
  ['context', 'view'],
];

async function listOrders(request: RestRequest, store: SimStore): Promise<RestResponse> {
  const { identity, book } = store.state;
  const query = parseOrderListQuery(request.query, identity.utcOffsetMinutes);
  request.authorize();
  const page = runOrderListQuery(book, query);
  const readFactor = request.fieldsTrimmed ? store.costNow().trimmedReadFactor : 1;
  await request.budget.spend(page.orders.length * store.costNow().perOrderReadMs * readFactor);
  return listResponse(
    page.orders.map((order) => orderJson(order, identity)),
    page.total,
    page.totalPages,
    { collectionUrl: restUrl(identity, '/wc/v3/orders'), request, page: query.page, defaults: LIST_DEFAULTS },
  );
}

async function createOrderRoute(request: RestRequest, store: SimStore): Promise<RestResponse> {
  request.authorize();
  await request.budget.spend(store.costNow().perOrderWriteMs);
  const order = createOrder(store.state, request.body, { validation: 'schema', createdVia: 'rest-api' });
  return {
    status: 201,
    body: orderJson(order, store.state.identity),
    headers: { Location: restUrl(store.state.identity, `/wc/v3/orders/${order.id}`) },
  };
}

async function orderItemRoute(request: RestRequest, store: SimStore): Promise<RestResponse> {
  const id = Number(request.pathParams.id);
  const { identity, book } = store.state;
  request.authorize();
  if (request.method === 'GET') {
    const order = book.get(id);
    if (!order) throw invalidOrderId(404);
    await request.budget.spend(store.costNow().perOrderReadMs);
    return { status: 200, body: orderJson(order, identity) };
  }
  if (request.method === 'DELETE') {
    const order = book.get(id);
    if (!order) throw invalidOrderId(404);
    const force = parseBooleanParam(typeof request.query.force === 'string' ? request.query.force : undefined, false);
    const before = orderJson(order, identity);
    await request.budget.spend(store.costNow().perOrderWriteMs);
    deleteOrder(store.state, order, force);
    return { status: 200, body: force ? before : orderJson(order, identity) };
  }
  const order = findOrderForUpdate(store.state, id);
  await request.budget.spend(store.costNow().perOrderWriteMs);
  updateOrder(store.state, order, request.body, 'schema');
  return { status: 200, body: orderJson(order, identity) };
}

export const orderRoutes = [
  defineRoute<SimStore>('/wc/v3/orders', { GET: 'list', POST: 'create' }, 'GET, POST', (request, store) =>
    request.method === 'GET' ? listOrders(request, store) : createOrderRoute(request, store),
  ),
  defineRoute<SimStore>(
    '/wc/v3/orders/:id',
    { GET: 'view', POST: 'edit', PUT: 'edit', PATCH: 'edit', DELETE: 'delete' },
    'GET, POST, PUT, PATCH, DELETE',
    orderItemRoute,
  ),
];
