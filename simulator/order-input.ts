import type { CustomerBook } from './customers';
import { WC_CURRENCIES } from './currencies';
import type { Posted } from './order-lines';
import { ORDER_STATUSES, type OrderStatus } from './order-types';
import { invalidParams, RestError, type InvalidParam } from './rest-errors';
import { checkEnum, isValidEmail } from './rest-validation';

/**
 * `POST /orders` and `PUT /orders/{id}` validate against the schema; batch items and the shop's own
 * checkout do not — which is how a bogus status silently becomes `pending` in a batch.
 */
export type ValidationMode = 'schema' | 'lenient';

export function isPlainObject(value: unknown): value is Posted {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function postedList(value: unknown): Posted[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

export function validateOrderSchema(posted: Posted): void {
  const problems: InvalidParam[] = [];
  if (posted.status !== undefined) {
    const problem = checkEnum('status', String(posted.status), ORDER_STATUSES);
    if (problem) problems.push(problem);
  }
  if (posted.currency !== undefined) {
    const problem = checkEnum('currency', String(posted.currency), WC_CURRENCIES);
    if (problem) problems.push(problem);
  }
  if (posted.billing !== undefined) {
    const billing = posted.billing;
    if (!isPlainObject(billing)) {
      problems.push({ param: 'billing', code: 'rest_invalid_type', message: 'billing is not of type object.' });
    } else if (billing.email !== undefined && !isValidEmail(String(billing.email))) {
      problems.push({ param: 'billing', code: 'rest_invalid_email', message: 'Invalid email address.' });
    }
  }
  for (const listKey of ['line_items', 'shipping_lines', 'fee_lines', 'coupon_lines', 'meta_data']) {
    if (posted[listKey] !== undefined && !Array.isArray(posted[listKey])) {
      problems.push({ param: listKey, code: 'rest_invalid_type', message: `${listKey} is not of type array.` });
    }
  }
  if (posted.customer_id !== undefined && !/^\d+$/.test(String(posted.customer_id))) {
    problems.push({ param: 'customer_id', code: 'rest_invalid_type', message: 'customer_id is not of type integer.' });
  }
  if (problems.length) throw invalidParams(problems);
}

/** WC_Order::set_status falls back to pending for a status it does not know. */
export function resolveStatus(raw: unknown, fallback: OrderStatus): OrderStatus {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = String(raw).replace(/^wc-/, '');
  return (ORDER_STATUSES as readonly string[]).includes(value) ? (value as OrderStatus) : 'pending';
}

/** WC_Order::set_billing_email rejects a malformed address, but an empty one is fine. */
export function checkBillingEmail(posted: Posted): void {
  const billing = posted.billing;
  if (!isPlainObject(billing) || billing.email === undefined) return;
  const email = String(billing.email);
  if (email !== '' && !isValidEmail(email)) {
    throw new RestError('order_invalid_billing_email', 'Invalid billing email address', 400);
  }
}

/** A customer id must name a registered customer (0 is a guest); coupons are never set up in the simulator. */
export function checkReferences(customers: CustomerBook, posted: Posted): void {
  const customerId = Number(posted.customer_id ?? 0);
  if (customerId !== 0 && !customers.get(customerId))
    throw new RestError('woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.', 400);
  for (const coupon of postedList(posted.coupon_lines)) {
    throw new RestError('woocommerce_rest_invalid_coupon', `Coupon "${String(coupon.code ?? '')}" does not exist!`, 400);
  }
}
