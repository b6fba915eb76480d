import { defineRoute } from '@/simulator/http/route-builder';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import { formatCents } from '@/simulator/money';
import { createRefund, deleteRefund } from '@/simulator/order-refunds';
import type { Order, Refund } from '@/simulator/order-types';
import { RestError } from '@/simulator/rest-errors';
import { parseBooleanParam } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl, type StoreIdentity } from '@/simulator/store-identity';
import { formatWcDate } from '@/simulator/wc-dates';

export type RefundJson = ReturnType<typeof refundJson>;

export function refundJson(refund: Refund, identity: StoreIdentity) {
  const collection = restUrl(identity, `/wc/v3/orders/${refund.orderId}/refunds`);
  return {
    id: refund.id,
    date_created: formatWcDate(refund.createdAt, identity.utcOffsetMinutes),
    date_created_gmt: formatWcDate(refund.createdAt),
    amount: formatCents(refund.amountCents),
    reason: refund.reason,
    refunded_by: refund.refundedBy,
    refunded_payment: refund.refundedPayment,
    meta_data: refund.meta.map((entry) => ({ id: entry.id, key: entry.key, value: entry.value })),
    line_items: refund.lines.map((line) => ({
      id: line.id,
      name: line.name,
      product_id: line.productId,
      variation_id: line.variationId,
      quantity: line.quantity,
      tax_class: '',
      subtotal: formatCents(line.totalCents),
      subtotal_tax: '0.00',
      total: formatCents(line.totalCents),
      total_tax: '0.00',
      taxes: [],
      meta_data: [
        {
          id: 0,
          key: '_refunded_item_id',
          value: String(line.refundedItemId),
          display_key: '_refunded_item_id',
          display_value: String(line.refundedItemId),
        },
      ],
      sku: line.sku,
      price: line.quantity ? -Math.abs(line.totalCents / line.quantity / 100) : 0,
      image: { id: '', src: '' },
      parent_name: null,
    })),
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    _links: {
      self: [{ href: `${collection}/${refund.id}`, targetHints: { allow: ['GET', 'DELETE'] } }],
      collection: [{ href: collection }],
      up: [{ href: restUrl(identity, `/wc/v3/orders/${refund.orderId}`) }],
    },
  };
}

const invalidOrder = () => new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);

function findOrder(store: SimStore, request: RestRequest): Order {
  const order = store.state.book.get(Number(request.pathParams.id));
  if (!order) throw invalidOrder();
  return order;
}

async function refundsRoute(request: RestRequest, store: SimStore): Promise<RestResponse> {
  request.authorize();
  const identity = store.state.identity;
  const order = findOrder(store, request);
  if (request.method === 'GET') {
    const newestFirst = [...(order.refunds ?? [])].reverse();
    return { status: 200, body: newestFirst.map((refund) => refundJson(refund, identity)) };
  }
  await request.budget.spend(store.costNow().perOrderWriteMs);
  const refund = createRefund(store.state, order, request.body);
  return {
    status: 201,
    body: refundJson(refund, identity),
    headers: { Location: restUrl(identity, `/wc/v3/orders/${order.id}/refunds/${refund.id}`) },
  };
}

async function refundItemRoute(request: RestRequest, store: SimStore): Promise<RestResponse> {
  request.authorize();
  const order = findOrder(store, request);
  const refund = (order.refunds ?? []).find((candidate) => candidate.id === Number(request.pathParams.refundId));
  if (!refund) throw new RestError('woocommerce_rest_invalid_id', 'Invalid ID.', 404);
  const body = refundJson(refund, store.state.identity);
  if (request.method === 'DELETE') {
    const force = parseBooleanParam(typeof request.query.force === 'string' ? request.query.force : undefined, false);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Refunds do not support trashing.', 501);
    deleteRefund(store.state, order, refund);
  }
  return { status: 200, body };
}

/** No batch route: `POST /orders/{id}/refunds/batch` matches nothing and is a 404 rest_no_route, as on a real store. */
export const orderRefundRoutes = [
  defineRoute<SimStore>('/wc/v3/orders/:id/refunds', { GET: 'list', POST: 'create' }, 'GET, POST', refundsRoute),
  defineRoute<SimStore>('/wc/v3/orders/:id/refunds/:refundId', { GET: 'view', DELETE: 'delete' }, 'GET, DELETE', refundItemRoute),
];
