import type { IdSequence } from './id-sequence';
import type { Posted } from './order-lines';
import type { MetaEntry, Order } from './order-types';

/** Meta keys WooCommerce keeps as order properties, never shown in meta_data. */
const INTERNAL_KEYS = new Set([
  '_order_stock_reduced',
  '_recorded_sales',
  '_recorded_coupon_usage_counts',
  '_new_order_email_sent',
  '_order_key',
  '_billing_email',
  '_customer_user',
]);

const STOCK_REDUCED_KEY = '_order_stock_reduced';

function isTruthyFlag(value: unknown): boolean {
  return value === true || value === 1 || ['yes', '1', 'true'].includes(String(value).toLowerCase());
}

/** Applies posted meta_data: by id, else by key (first match), else a new entry. */
export function applyPostedMeta(order: Order, posted: Posted[], metaIds: IdSequence): boolean {
  let changed = false;
  for (const entry of posted) {
    const key = entry.key === undefined ? undefined : String(entry.key);
    if (key === STOCK_REDUCED_KEY) {
      order.stockReduced = isTruthyFlag(entry.value);
      changed = true;
      continue;
    }
    if (key !== undefined && INTERNAL_KEYS.has(key)) continue;
    const existing: MetaEntry | undefined =
      entry.id !== undefined ? order.meta.find((meta) => meta.id === Number(entry.id)) : order.meta.find((meta) => meta.key === key);
    if (existing) {
      if (entry.value === null) order.meta = order.meta.filter((meta) => meta !== existing);
      else existing.value = entry.value;
      if (key !== undefined) existing.key = key;
      changed = true;
    } else if (key !== undefined) {
      order.meta.push({ id: metaIds.next(), key, value: entry.value ?? '' });
      changed = true;
    }
  }
  return changed;
}
