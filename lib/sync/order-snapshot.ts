import type { PulledOrderRow } from '@/lib/data/orders';
import { parseWooGmt, type WooOrder } from '@/lib/woo/types';
import { linkIdFromMeta, metaValue, ORIGIN_META } from './copy-meta';

/** What the order index keeps of a store's order: the fields a copy or an update is built from. */
export type OrderBody = Pick<
  WooOrder,
  | 'customer_id'
  | 'customer_note'
  | 'payment_method'
  | 'payment_method_title'
  | 'transaction_id'
  | 'billing'
  | 'shipping'
  | 'line_items'
  | 'shipping_lines'
  | 'fee_lines'
  | 'coupon_lines'
  | 'meta_data'
  | 'refunds'
>;

export function toPulledOrderRow(order: WooOrder): PulledOrderRow {
  if (!Number.isInteger(order.id) || order.id <= 0) throw new Error(`The store sent an order without a valid id (${String(order.id)})`);
  const billing = order.billing ?? {};
  const name = [billing.first_name, billing.last_name].filter(Boolean).join(' ').trim();
  const body: OrderBody = {
    customer_id: order.customer_id,
    customer_note: order.customer_note,
    payment_method: order.payment_method,
    payment_method_title: order.payment_method_title,
    transaction_id: order.transaction_id,
    billing: order.billing,
    shipping: order.shipping,
    line_items: (order.line_items ?? []).map((l) => ({
      id: l.id,
      name: l.name,
      sku: l.sku,
      quantity: l.quantity,
      subtotal: l.subtotal,
      total: l.total,
      product_id: l.product_id,
      variation_id: l.variation_id,
    })),
    shipping_lines: (order.shipping_lines ?? []).map((s) => ({ method_id: s.method_id, method_title: s.method_title, total: s.total })),
    fee_lines: (order.fee_lines ?? []).map((f) => ({ name: f.name, total: f.total, tax_status: f.tax_status, tax_class: f.tax_class })),
    coupon_lines: (order.coupon_lines ?? []).map((c) => ({ code: c.code, discount: c.discount })),
    refunds: (order.refunds ?? []).map((r) => ({ id: r.id, total: r.total })),
    meta_data: (order.meta_data ?? [])
      .filter((m) => typeof m.key === 'string' && m.key.startsWith('_orderbridge_'))
      .map((m) => ({ key: m.key, value: m.value })),
  };
  return {
    remoteId: order.id,
    number: textOf(order.number ?? order.id, 'number'),
    status: textOf(order.status, 'status'),
    currency: textOf(order.currency ?? '', 'currency'),
    total: textOf(order.total ?? '0.00', 'total'),
    customerEmail: billing.email ? String(billing.email) : null,
    customerName: name || null,
    dateCreatedGmt: parseWooGmt(order.date_created_gmt),
    dateModifiedGmt: parseWooGmt(order.date_modified_gmt),
    originRef: metaValue(order.meta_data, ORIGIN_META),
    originLinkId: linkIdFromMeta(order.meta_data),
    body: body as Record<string, unknown>,
  };
}

/** A field the index keeps as text: WooCommerce sends a string (an id as a number); anything else is refused. */
function textOf(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(`The store sent an order whose ${field} is not text (${JSON.stringify(value)?.slice(0, 40) ?? String(value)})`);
}
