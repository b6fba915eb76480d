import type { Workspace } from '@/db/schema';
import { WOO_ORDER_STATUSES, type WooAddress, type WooMeta } from '@/lib/woo/types';
import {
  COUPONS_META,
  CUSTOMER_EMAIL_LABEL_META,
  CUSTOMER_EMAIL_META,
  LINK_META,
  ORIGIN_META,
  SOURCE_LABEL_META,
  SOURCE_NUMBER_META,
  STOCK_REDUCED_META,
  originRef,
} from './copy-meta';
import type { OrderBody } from './order-snapshot';

export type CopyPolicy = Pick<Workspace, 'customerEmailPolicy' | 'stockPolicy' | 'currencyMismatchPolicy' | 'addCopyNote'>;

export type CopySource = {
  storeId: string;
  storeName: string;
  remoteId: number;
  number: string;
  status: string;
  currency: string;
  body: OrderBody;
};
export type CopyTarget = {
  name: string;
  currency: string | null;
  knownSkus: ReadonlySet<string>;
  /** The target's registered customers by lower-cased email: a copy for one of them names the account. */
  customerIds?: ReadonlyMap<string, number>;
};

export type CopyPlan = { kind: 'create'; payload: Record<string, unknown>; note: string | null } | { kind: 'hold'; reason: string };

export function isAcceptedStatus(status: string): boolean {
  return (WOO_ORDER_STATUSES as readonly string[]).includes(status);
}

/** An email as customers are matched by: trimmed and lower-cased; null for none. */
export function normalizedEmail(value: string | null | undefined): string | null {
  const email = (value ?? '').trim().toLowerCase();
  return email.length > 0 ? email : null;
}

/** The billing email a copy's customer is matched by. */
export function customerEmailOf(body: OrderBody): string | null {
  return normalizedEmail(body.billing?.email);
}

/** WooCommerce fills an empty billing email in from a named account, so only copies that keep the email name one. */
export function copiesNameAccounts(policy: CopyPolicy): boolean {
  return policy.customerEmailPolicy === 'allow';
}

/** Every SKU a copy of this order needs on its target. */
export function skusOf(body: OrderBody): string[] {
  return (body.line_items ?? []).map((l) => (l.sku ?? '').trim()).filter((s) => s.length > 0);
}

export function holdReason(source: CopySource, target: CopyTarget, policy: CopyPolicy): string | null {
  if (!isAcceptedStatus(source.status)) return `Status "${source.status}" is not an order status ${target.name} accepts`;
  if (policy.currencyMismatchPolicy === 'hold' && target.currency && source.currency && target.currency !== source.currency) {
    return `Currency ${source.currency} differs from ${target.name}'s ${target.currency}`;
  }
  const lines = source.body.line_items ?? [];
  if (lines.length === 0) return 'The order has no line items to copy';
  const unnamed = lines.find((l) => !(l.sku ?? '').trim());
  if (unnamed) return `Line "${unnamed.name || 'unnamed item'}" has no SKU, so it cannot be matched on ${target.name}`;
  const missing = [...new Set(skusOf(source.body).filter((sku) => !target.knownSkus.has(sku)))];
  if (missing.length === 1) return `SKU ${missing[0]} is not on ${target.name}`;
  if (missing.length > 1) return `SKUs ${missing.join(', ')} are not on ${target.name}`;
  return null;
}

export function buildCopy(source: CopySource, target: CopyTarget, policy: CopyPolicy, linkId: string): CopyPlan {
  const reason = holdReason(source, target, policy);
  if (reason) return { kind: 'hold', reason };
  const body = source.body;
  const email = (body.billing?.email ?? '').trim();
  const suppressEmail = policy.customerEmailPolicy === 'suppress' && email.length > 0;
  const coupons = (body.coupon_lines ?? []).map((c) => c.code).filter((c): c is string => Boolean(c));

  const meta: WooMeta[] = [
    { key: ORIGIN_META, value: originRef(source.storeId, source.remoteId) },
    { key: LINK_META, value: linkId },
    { key: SOURCE_NUMBER_META, value: source.number },
  ];
  if (suppressEmail) meta.push({ key: CUSTOMER_EMAIL_META, value: email });
  if (coupons.length > 0) meta.push({ key: COUPONS_META, value: coupons.join(', ') });
  if (policy.stockPolicy === 'leave') meta.push({ key: STOCK_REDUCED_META, value: 'yes' });
  meta.push(...provenanceMeta(source, target, suppressEmail ? email : null));

  const payload: Record<string, unknown> = {
    // Created "refunded", WooCommerce would refund the copy by itself; its mirrored refunds make it so instead.
    status: source.status === 'refunded' ? 'processing' : source.status,
    currency: source.currency,
    customer_id: (copiesNameAccounts(policy) && target.customerIds?.get(customerEmailOf(body) ?? '')) || 0,
    set_paid: false,
    payment_method: body.payment_method ?? '',
    payment_method_title: body.payment_method_title ?? '',
    transaction_id: body.transaction_id ?? '',
    customer_note: body.customer_note ?? '',
    billing: copyAddress(body.billing, { keepEmail: !suppressEmail }),
    shipping: copyAddress(body.shipping, { keepEmail: false }),
    line_items: (body.line_items ?? []).map((l) =>
      withoutUndefined({ sku: (l.sku ?? '').trim(), quantity: l.quantity, subtotal: l.subtotal, total: l.total }),
    ),
    shipping_lines: (body.shipping_lines ?? []).map((s) =>
      withoutUndefined({ method_id: s.method_id, method_title: s.method_title, total: s.total }),
    ),
    fee_lines: (body.fee_lines ?? []).map((f) =>
      withoutUndefined({ name: f.name, total: f.total, tax_status: f.tax_status, tax_class: f.tax_class }),
    ),
    meta_data: meta,
  };
  return { kind: 'create', payload, note: copyNote(source, target, policy, suppressEmail ? email : null) };
}

/** An empty billing email is rejected by WooCommerce; leaving the key out is how an order goes without one. */
function copyAddress(address: WooAddress | undefined, { keepEmail }: { keepEmail: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(address ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'email' && (!keepEmail || !String(value).trim())) continue;
    out[key] = String(value);
  }
  return out;
}

/** What the copy's private note would say, as meta the merchant sees in the order screen's Custom Fields. */
export function provenanceMeta(
  source: Pick<CopySource, 'storeName' | 'number' | 'remoteId'>,
  target: Pick<CopyTarget, 'name'>,
  suppressedEmail: string | null,
): WooMeta[] {
  const meta: WooMeta[] = [{ key: SOURCE_LABEL_META, value: `${source.storeName} order #${source.number} (id ${source.remoteId})` }];
  if (suppressedEmail)
    meta.push({
      key: CUSTOMER_EMAIL_LABEL_META,
      value: `${suppressedEmail} (left off this copy so ${target.name} does not email the customer)`,
    });
  return meta;
}

/** The private note a copy gets only when the workspace asks for it: one request per copy, since notes cannot be batched. */
export function copyNote(
  source: Pick<CopySource, 'storeName' | 'number'>,
  target: Pick<CopyTarget, 'name'>,
  policy: CopyPolicy,
  suppressedEmail: string | null,
): string | null {
  if (!policy.addCopyNote) return null;
  const parts = [`Copied from ${source.storeName} order #${source.number}.`];
  if (suppressedEmail) parts.push(`Customer email: ${suppressedEmail} (left off this copy so ${target.name} does not email the customer).`);
  return parts.join(' ');
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function suppressedEmailOf(body: OrderBody, policy: CopyPolicy): string | null {
  const email = (body.billing?.email ?? '').trim();
  return policy.customerEmailPolicy === 'suppress' && email.length > 0 ? email : null;
}

/**
 * What a later change carries to an existing copy: status and customer note (notes, refunds go separately).
 * "Refunded" comes from the mirrored refunds themselves: set as a status, WooCommerce would refund the rest
 * of the copy on its own, without our marker.
 */
export function buildUpdate(
  source: Pick<CopySource, 'status' | 'body'>,
  targetRemoteId: number,
): { kind: 'update'; body: Record<string, unknown> } | { kind: 'hold'; reason: string } {
  if (!isAcceptedStatus(source.status))
    return { kind: 'hold', reason: `Status "${source.status}" is not an order status WooCommerce accepts` };
  const status = source.status === 'refunded' ? {} : { status: source.status };
  return { kind: 'update', body: { id: targetRemoteId, ...status, customer_note: source.body.customer_note ?? '' } };
}

/** A totals difference after creation (the target's own taxes, rounding) is worth a warning, not a failure. */
export function totalsWarning(sourceTotal: string, copyTotal: string | undefined, currency: string, targetName: string): string | null {
  if (copyTotal === undefined) return null;
  const a = Number(sourceTotal);
  const b = Number(copyTotal);
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) < 0.005) return null;
  return `Totals differ: source ${sourceTotal} ${currency}, copy on ${targetName} ${copyTotal} ${currency} (the target's taxes or prices?)`;
}
