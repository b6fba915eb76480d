import type { WooMeta } from '@/lib/woo/types';

/** Meta that marks an order as a copy made by Orderbridge; a copy is never a source. */
export const ORIGIN_META = '_orderbridge_origin';
export const LINK_META = '_orderbridge_link';
export const SOURCE_NUMBER_META = '_orderbridge_source_number';
export const CUSTOMER_EMAIL_META = '_orderbridge_customer_email';
export const COUPONS_META = '_orderbridge_coupon_codes';
export const STOCK_REDUCED_META = '_order_stock_reduced';
/**
 * Shown to the merchant in WooCommerce's order screen (Custom Fields lists keys without a leading `_`), so a
 * copy says where it came from inside its batch create, with no note request of its own.
 */
export const SOURCE_LABEL_META = 'Orderbridge source';
export const CUSTOMER_EMAIL_LABEL_META = 'Orderbridge customer email';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function metaValue(meta: WooMeta[] | undefined, key: string): string | null {
  const entry = meta?.find((m) => m.key === key);
  if (!entry || entry.value === null || entry.value === undefined) return null;
  return typeof entry.value === 'string' ? entry.value : String(entry.value);
}

export function linkIdFromMeta(meta: WooMeta[] | undefined): string | null {
  const value = metaValue(meta, LINK_META);
  return value && UUID.test(value) ? value.toLowerCase() : null;
}

export function originRef(storeId: string, remoteId: number): string {
  return `${storeId}:${remoteId}`;
}
