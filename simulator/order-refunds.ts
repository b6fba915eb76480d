import { sendOrderEmail } from './order-emails';
import { postedList } from './order-input';
import { addOrderNote, applyStatusTransition } from './order-lifecycle';
import type { Posted } from './order-lines';
import { parseCents } from './money';
import type { LineItem, MetaEntry, Order, Refund, RefundLine } from './order-types';
import { RestError } from './rest-errors';
import type { StoreState } from './store-state';
import { truncateToSecond } from './wc-dates';

const REDUCED_STOCK_KEY = '_reduced_stock';

const cannotRefund = (message: string, status: number) => new RestError('woocommerce_rest_cannot_create_order_refund', message, status);

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return ['1', 'true', 'yes'].includes(String(value).toLowerCase());
}

export function refundedCents(order: Order): number {
  return (order.refunds ?? []).reduce((sum, refund) => sum + refund.amountCents, 0);
}

/** wc_restock_refunded_items: only what the order took from stock (`_reduced_stock`) goes back. */
function restock(state: StoreState, order: Order, item: LineItem, quantity: number, now: number): void {
  const reduced = item.meta.find((entry) => entry.key === REDUCED_STOCK_KEY);
  if (!reduced || quantity <= 0) return;
  const product = state.catalogue.get(item.variationId || item.productId);
  if (!product?.manageStock || product.stockQuantity === null) return;
  const before = product.stockQuantity;
  product.stockQuantity = before + quantity;
  product.modifiedAt = now;
  reduced.value = String(Math.max(0, Number(reduced.value) - quantity));
  addOrderNote(state, order, `Item #${item.id} stock increased from ${before} to ${product.stockQuantity}.`, { now });
}

/**
 * `POST /orders/{id}/refunds` as WooCommerce 9.9 answers it (lifecycle-facts.json): the gateway is asked
 * for the money unless `api_refund` is false (the simulator has no gateway, so that fails); more than the
 * remaining total is a 500; the remaining total refunded turns the order `refunded`; the customer is emailed.
 */
export function createRefund(state: StoreState, order: Order, posted: Posted): Refund {
  const now = truncateToSecond(state.clock.now());
  const lines: Array<{ item: LineItem; quantity: number; totalCents: number }> = [];
  for (const line of postedList(posted.line_items)) {
    const item = order.lineItems.find((candidate) => candidate.id === Number(line.id));
    if (!item) continue;
    lines.push({
      item,
      quantity: Math.max(0, Number.parseInt(String(line.quantity ?? 0), 10) || 0),
      totalCents: parseCents(line.refund_total) ?? 0,
    });
  }
  const amountCents = parseCents(posted.amount) ?? lines.reduce((sum, line) => sum + line.totalCents, 0);
  if (amountCents <= 0) throw new RestError('woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.', 400);
  const remaining = order.totals.totalCents - refundedCents(order);
  if (amountCents > remaining) throw cannotRefund('Invalid refund amount.', 500);
  if (flag(posted.api_refund, true)) throw cannotRefund('The payment gateway for this order does not exist.', 500);

  const refundLines: RefundLine[] = lines.map(({ item, quantity, totalCents }) => ({
    id: state.ids.item.next(),
    refundedItemId: item.id,
    name: item.name,
    productId: item.productId,
    variationId: item.variationId,
    sku: item.sku,
    quantity: -quantity,
    totalCents: -totalCents,
  }));
  const meta: MetaEntry[] = postedList(posted.meta_data)
    .filter((entry) => entry.key !== undefined)
    .map((entry) => ({ id: state.ids.meta.next(), key: String(entry.key), value: entry.value ?? '' }));
  const refund: Refund = {
    id: state.ids.order.next(),
    orderId: order.id,
    createdAt: now,
    amountCents,
    reason: posted.reason === undefined || posted.reason === null ? '' : String(posted.reason),
    refundedBy: 1,
    refundedPayment: false,
    meta,
    lines: refundLines,
  };
  state.book.change(order, () => {
    order.refunds = [...(order.refunds ?? []), refund];
    if (flag(posted.api_restock, true)) for (const line of lines) restock(state, order, line.item, line.quantity, now);
    const full = amountCents === remaining;
    if (full && order.status !== 'refunded') applyStatusTransition(state, order, order.status, 'refunded', now);
    sendOrderEmail(state, order, full ? 'customer_refunded_order' : 'customer_partially_refunded_order', now);
    order.modifiedAt = now;
  });
  state.events.emit({ kind: 'updated', order });
  return refund;
}

/** `DELETE /orders/{id}/refunds/{rid}?force=true`: the refund goes, the order's status stays. */
export function deleteRefund(state: StoreState, order: Order, refund: Refund): void {
  const now = truncateToSecond(state.clock.now());
  state.book.change(order, () => {
    order.refunds = (order.refunds ?? []).filter((candidate) => candidate !== refund);
    order.modifiedAt = now;
  });
  state.events.emit({ kind: 'updated', order });
}
