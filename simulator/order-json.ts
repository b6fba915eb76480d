import { currencySymbol } from './currencies';
import { centsToNumber, formatCents } from './money';
import type { Address, LineItem, MetaEntry, Order } from './order-types';
import { restUrl, type StoreIdentity } from './store-identity';
import { formatWcDate, formatWcDateOrNull } from './wc-dates';
import type { WcAddress, WcOrder } from './wc-json-types';

export const WC_VERSION = '9.9.5';
const ITEM_ALLOW = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function addressJson(address: Address, withEmail: boolean): WcAddress {
  const { first_name, last_name, company, address_1, address_2, city, state, postcode, country, phone } = address;
  const place = { first_name, last_name, company, address_1, address_2, city, state, postcode, country };
  // The billing address shows its email between country and phone.
  return withEmail ? { ...place, email: address.email ?? '', phone } : { ...place, phone };
}

const metaJson = (meta: MetaEntry[]) => meta.map((entry) => ({ id: entry.id, key: entry.key, value: entry.value }));

function lineMetaJson(meta: MetaEntry[]) {
  return meta.map((entry) => ({
    id: entry.id,
    key: entry.key,
    value: entry.value,
    display_key: entry.displayKey ?? entry.key,
    display_value: entry.value,
  }));
}

function lineTaxes(item: { subtotalTaxCents?: number; totalTaxCents: number }, taxRatePercent: number) {
  if (taxRatePercent === 0) return [];
  return [{ id: 1, total: formatCents(item.totalTaxCents), subtotal: formatCents(item.subtotalTaxCents ?? item.totalTaxCents) }];
}

function lineItemJson(item: LineItem, taxRatePercent: number) {
  return {
    id: item.id,
    name: item.name,
    product_id: item.productId,
    variation_id: item.variationId,
    quantity: item.quantity,
    tax_class: item.taxClass,
    subtotal: formatCents(item.subtotalCents),
    subtotal_tax: formatCents(item.subtotalTaxCents),
    total: formatCents(item.totalCents),
    total_tax: formatCents(item.totalTaxCents),
    taxes: lineTaxes(item, taxRatePercent),
    meta_data: lineMetaJson(item.meta),
    sku: item.sku,
    price: item.quantity ? centsToNumber(item.totalCents) / item.quantity : 0,
    image: { id: item.imageIdBlank ? '' : 0, src: '' },
    parent_name: item.parentName,
  };
}

function taxLinesJson(order: Order, taxRatePercent: number) {
  if (taxRatePercent === 0 || order.totals.totalTaxCents === 0) return [];
  return [
    {
      id: 1,
      rate_code: 'SIM-TAX-1',
      rate_id: 1,
      label: 'Tax',
      compound: false,
      tax_total: formatCents(order.totals.cartTaxCents),
      shipping_tax_total: formatCents(order.totals.shippingTaxCents),
      rate_percent: taxRatePercent,
      meta_data: [],
    },
  ];
}

const EDITABLE = new Set(['pending', 'on-hold', 'auto-draft']);
const AWAITING_PAYMENT = new Set(['pending', 'failed']);

/** The order exactly as `GET /wp-json/wc/v3/orders/{id}` shows it, field order included. */
export function orderJson(order: Order, store: StoreIdentity): WcOrder {
  const offset = store.utcOffsetMinutes;
  const rate = store.taxRatePercent;
  const self = restUrl(store, `/wc/v3/orders/${order.id}`);
  return {
    id: order.id,
    parent_id: order.parentId,
    status: order.status,
    currency: order.currency,
    version: WC_VERSION,
    prices_include_tax: false,
    date_created: formatWcDate(order.createdAt, offset),
    date_modified: formatWcDate(order.modifiedAt, offset),
    discount_total: formatCents(order.totals.discountCents),
    discount_tax: '0.00',
    shipping_total: formatCents(order.totals.shippingCents),
    shipping_tax: formatCents(order.totals.shippingTaxCents),
    cart_tax: formatCents(order.totals.cartTaxCents),
    total: formatCents(order.totals.totalCents),
    total_tax: formatCents(order.totals.totalTaxCents),
    customer_id: order.customerId,
    order_key: order.orderKey,
    billing: addressJson(order.billing, true),
    shipping: addressJson(order.shipping, false),
    payment_method: order.paymentMethod,
    payment_method_title: order.paymentMethodTitle,
    transaction_id: order.transactionId,
    customer_ip_address: order.customerIpAddress,
    customer_user_agent: order.customerUserAgent,
    created_via: order.createdVia,
    customer_note: order.customerNote,
    date_completed: formatWcDateOrNull(order.completedAt, offset),
    date_paid: formatWcDateOrNull(order.paidAt, offset),
    cart_hash: '',
    number: String(order.id),
    meta_data: metaJson(order.meta),
    line_items: order.lineItems.map((item) => lineItemJson(item, rate)),
    tax_lines: taxLinesJson(order, rate),
    shipping_lines: order.shippingLines.map((line) => ({
      id: line.id,
      method_title: line.methodTitle,
      method_id: line.methodId,
      instance_id: line.instanceId,
      total: formatCents(line.totalCents),
      total_tax: formatCents(line.taxCents),
      taxes: lineTaxes({ totalTaxCents: line.taxCents }, rate),
      tax_status: 'taxable',
      meta_data: metaJson(line.meta),
    })),
    fee_lines: order.feeLines.map((fee) => ({
      id: fee.id,
      name: fee.name,
      tax_class: fee.taxClass,
      tax_status: fee.taxStatus,
      amount: '',
      total: formatCents(fee.totalCents),
      total_tax: formatCents(fee.taxCents),
      taxes: lineTaxes({ totalTaxCents: fee.taxCents }, rate),
      meta_data: metaJson(fee.meta),
    })),
    coupon_lines: [],
    refunds: [...(order.refunds ?? [])]
      .reverse()
      .map((refund) => ({ id: refund.id, reason: refund.reason, total: formatCents(-refund.amountCents) })),
    payment_url: `${store.homeUrl}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
    is_editable: EDITABLE.has(order.status),
    needs_payment: AWAITING_PAYMENT.has(order.status) && order.totals.totalCents > 0,
    needs_processing: order.lineItems.some((item) => item.needsProcessing),
    date_created_gmt: formatWcDate(order.createdAt),
    date_modified_gmt: formatWcDate(order.modifiedAt),
    date_completed_gmt: formatWcDateOrNull(order.completedAt),
    date_paid_gmt: formatWcDateOrNull(order.paidAt),
    currency_symbol: currencySymbol(order.currency),
    _links: {
      self: [{ href: self, targetHints: { allow: ITEM_ALLOW } }],
      collection: [{ href: restUrl(store, '/wc/v3/orders') }],
      email_templates: [{ embeddable: true, href: `${self}/actions/email_templates` }],
    },
  };
}
