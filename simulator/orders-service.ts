import { applyPostedMeta } from './order-meta';
import { addOrderNote, applyStatusTransition } from './order-lifecycle';
import {
  checkBillingEmail,
  checkReferences,
  isPlainObject,
  postedList,
  resolveStatus,
  validateOrderSchema,
  type ValidationMode,
} from './order-input';
import { buildFeeLine, buildLineItem, buildShippingLine, updateLineItem, type Posted } from './order-lines';
import { recalculateTotals } from './order-totals';
import { emptyAddress, type Address, type Order, type OrderStatus } from './order-types';
import { invalidOrderId } from './rest-errors';
import type { StoreState } from './store-state';
import { truncateToSecond } from './wc-dates';

const PAID_ON_PAYMENT_COMPLETE: ReadonlySet<OrderStatus> = new Set(['pending', 'failed', 'on-hold', 'cancelled']);

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** WC_Order::maybe_set_user_billing_email: an order of a registered customer without a billing email gets the account's. */
function fillBillingEmailFromAccount(state: StoreState, order: Order): void {
  const account = order.customerId ? state.customers.get(order.customerId) : undefined;
  if (account && !order.billing.email) order.billing = { ...order.billing, email: account.email };
}

/** Replaces (never mutates) the address, since seeded orders share address objects. */
function mergeAddress(order: Order, field: 'billing' | 'shipping', posted: unknown): boolean {
  if (!isPlainObject(posted)) return false;
  const merged: Address = { ...order[field] };
  let changed = false;
  for (const [key, value] of Object.entries(posted)) {
    if (!(key in merged)) continue;
    (merged as unknown as Record<string, string>)[key] = text(value);
    changed = true;
  }
  order[field] = merged;
  return changed;
}

const SIMPLE_FIELDS: Array<[string, keyof Order]> = [
  ['payment_method', 'paymentMethod'],
  ['payment_method_title', 'paymentMethodTitle'],
  ['transaction_id', 'transactionId'],
  ['customer_note', 'customerNote'],
  ['currency', 'currency'],
  ['customer_ip_address', 'customerIpAddress'],
  ['customer_user_agent', 'customerUserAgent'],
];

function applySimpleFields(order: Order, posted: Posted): boolean {
  let changed = false;
  for (const [postedKey, orderKey] of SIMPLE_FIELDS) {
    if (posted[postedKey] === undefined) continue;
    (order as unknown as Record<string, unknown>)[orderKey] = text(posted[postedKey]);
    changed = true;
  }
  if (posted.parent_id !== undefined) {
    order.parentId = Number(posted.parent_id) || 0;
    changed = true;
  }
  return changed;
}

function applyLines(state: StoreState, order: Order, posted: Posted): boolean {
  let changed = false;
  for (const postedItem of postedList(posted.line_items)) {
    const existing = postedItem.id !== undefined ? order.lineItems.find((item) => item.id === Number(postedItem.id)) : undefined;
    if (existing && Number(postedItem.quantity) === 0 && postedItem.quantity !== undefined) {
      order.lineItems = order.lineItems.filter((item) => item !== existing);
    } else if (existing) {
      updateLineItem(existing, postedItem);
    } else {
      order.lineItems.push(buildLineItem(state.catalogue, state.ids, postedItem));
    }
    changed = true;
  }
  for (const postedLine of postedList(posted.shipping_lines)) {
    order.shippingLines.push(buildShippingLine(state.ids, postedLine));
    changed = true;
  }
  for (const postedFee of postedList(posted.fee_lines)) {
    order.feeLines.push(buildFeeLine(state.ids, postedFee));
    changed = true;
  }
  return changed;
}

export interface CreateOrderOptions {
  validation: ValidationMode;
  createdVia: string;
  defaultStatus?: OrderStatus;
}

/** Creates an order as WooCommerce's REST controller (or its checkout) does. Throws RestError. */
export function createOrder(state: StoreState, posted: Posted, options: CreateOrderOptions): Order {
  if (options.validation === 'schema') validateOrderSchema(posted);
  checkBillingEmail(posted);
  checkReferences(state.customers, posted);
  const now = truncateToSecond(state.clock.now());
  const id = state.ids.order.next();
  const order: Order = {
    id,
    parentId: 0,
    status: 'pending',
    statusBeforeTrash: null,
    currency: state.identity.currency,
    createdAt: now,
    modifiedAt: now,
    completedAt: null,
    paidAt: null,
    customerId: Number(posted.customer_id ?? 0),
    orderKey: `wc_order_${state.random.alphanumeric(13)}`,
    billing: emptyAddress(true),
    shipping: emptyAddress(false),
    paymentMethod: '',
    paymentMethodTitle: '',
    transactionId: '',
    customerIpAddress: '',
    customerUserAgent: '',
    createdVia: text(posted.created_via) || options.createdVia,
    customerNote: '',
    meta: [],
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    totals: { discountCents: 0, shippingCents: 0, shippingTaxCents: 0, cartTaxCents: 0, totalCents: 0, totalTaxCents: 0 },
    stockReduced: false,
    salesRecorded: false,
  };
  mergeAddress(order, 'billing', posted.billing);
  mergeAddress(order, 'shipping', posted.shipping);
  fillBillingEmailFromAccount(state, order);
  applySimpleFields(order, posted);
  applyPostedMeta(order, postedList(posted.meta_data), state.ids.meta);
  applyLines(state, order, posted);
  recalculateTotals(order, state.identity.taxRatePercent);
  state.book.add(order);
  let target = resolveStatus(posted.status, options.defaultStatus ?? 'pending');
  if (posted.set_paid === true && PAID_ON_PAYMENT_COMPLETE.has(target)) {
    order.paidAt = now;
    target = 'processing';
  }
  state.book.change(order, () => applyStatusTransition(state, order, 'pending', target, now));
  state.events.emit({ kind: 'created', order });
  return order;
}

export function findOrderForUpdate(state: StoreState, id: number): Order {
  const order = state.book.get(id);
  if (!order) throw invalidOrderId(400);
  return order;
}

/** Applies a PUT /orders/{id} body. Throws RestError. */
export function updateOrder(state: StoreState, order: Order, posted: Posted, validation: ValidationMode): Order {
  if (validation === 'schema') validateOrderSchema(posted);
  checkBillingEmail(posted);
  if (posted.customer_id !== undefined || posted.coupon_lines !== undefined) checkReferences(state.customers, posted);
  const now = truncateToSecond(state.clock.now());
  state.book.change(order, () => {
    let changed = mergeAddress(order, 'billing', posted.billing);
    changed = mergeAddress(order, 'shipping', posted.shipping) || changed;
    changed = applySimpleFields(order, posted) || changed;
    changed = applyPostedMeta(order, postedList(posted.meta_data), state.ids.meta) || changed;
    if (applyLines(state, order, posted)) {
      recalculateTotals(order, state.identity.taxRatePercent);
      changed = true;
    }
    let target = posted.status === undefined ? order.status : resolveStatus(posted.status, order.status);
    if (posted.set_paid === true && PAID_ON_PAYMENT_COMPLETE.has(target)) {
      order.paidAt = now;
      target = 'processing';
    }
    if (target !== order.status) {
      applyStatusTransition(state, order, order.status, target, now);
      changed = true;
    }
    if (changed) order.modifiedAt = now;
  });
  state.events.emit({ kind: 'updated', order });
  return order;
}

/** Trashes an order, or deletes it for good with `force`. */
export function deleteOrder(state: StoreState, order: Order, force: boolean): void {
  const now = truncateToSecond(state.clock.now());
  if (force) {
    state.book.delete(order);
  } else {
    state.book.change(order, () => {
      order.statusBeforeTrash = order.status;
      order.status = 'trash';
      order.modifiedAt = now;
    });
  }
  state.events.emit({ kind: 'deleted', order });
}

/** Changes the modified date without changing anything else, as opening an order in wp-admin can. */
export function touchOrder(state: StoreState, order: Order): void {
  const now = truncateToSecond(state.clock.now());
  state.book.change(order, () => {
    order.modifiedAt = now;
  });
}

export function addNoteToOrder(state: StoreState, order: Order, note: string, customerNote: boolean, author?: string) {
  const now = truncateToSecond(state.clock.now());
  return addOrderNote(state, order, note, { customerNote, author, now });
}
