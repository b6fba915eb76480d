/** The parts of WooCommerce's REST order we read or write (wc/v3, 9.9.5). */
export type WooMeta = { id?: number; key: string; value: unknown };

export type WooAddress = Record<string, string | undefined> & { email?: string };

export type WooLineItem = {
  id?: number;
  name?: string;
  product_id?: number;
  variation_id?: number;
  quantity: number;
  sku?: string | null;
  subtotal?: string;
  total?: string;
  meta_data?: WooMeta[];
};

export type WooShippingLine = { method_id?: string; method_title?: string; total?: string };
export type WooFeeLine = { name?: string; total?: string; tax_status?: string; tax_class?: string };
export type WooCouponLine = { code?: string; discount?: string };

export type WooOrder = {
  id: number;
  number: string;
  status: string;
  currency: string;
  total: string;
  customer_id?: number;
  customer_note?: string;
  payment_method?: string;
  payment_method_title?: string;
  transaction_id?: string;
  prices_include_tax?: boolean;
  date_created_gmt: string;
  date_modified_gmt: string;
  billing?: WooAddress;
  shipping?: WooAddress;
  line_items?: WooLineItem[];
  shipping_lines?: WooShippingLine[];
  fee_lines?: WooFeeLine[];
  coupon_lines?: WooCouponLine[];
  meta_data?: WooMeta[];
  /** The order's refunds, newest first; `total` is negative. */
  refunds?: WooRefundSummary[];
};

export type WooRefundSummary = { id: number; reason?: string; total: string };

/** `GET /orders/{id}/refunds`: refund lines point at the order's lines by SKU; quantities and totals are negative. */
export type WooRefund = {
  id: number;
  amount: string;
  reason?: string;
  date_created_gmt?: string;
  meta_data?: WooMeta[];
  line_items?: Array<{ id?: number; name?: string; sku?: string | null; quantity: number; total: string }>;
};

export type WooOrderNote = { id: number; note: string; customer_note: boolean; date_created_gmt: string };

export type WooBatchItemResult = { id: number; error?: { code: string; message: string; data?: { status?: number } } } & Partial<WooOrder>;
export type WooBatchResponse = { create?: WooBatchItemResult[]; update?: WooBatchItemResult[]; delete?: WooBatchItemResult[] };

export type WooProductSku = { id: number; sku: string; parent_id?: number };

/** Order statuses WooCommerce 9.9.5 accepts (the enum of `PUT /orders/{id}`); batch does not check them. */
export const WOO_ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

/** WooCommerce's GMT fields have no zone suffix; they are UTC. */
export function parseWooGmt(value: string): Date {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  if (Number.isNaN(date.getTime())) throw new Error(`The store sent an unreadable date "${value}"`);
  return date;
}

/** ISO 8601 in UTC without milliseconds, as `modified_after`/`after` with `dates_are_gmt=true` expect. */
export function formatWooGmt(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}
