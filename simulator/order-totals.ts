import type { Order } from './order-types';

/** WooCommerce's calculate_totals, with one flat tax rate (the store's) on lines, shipping and fees. */
export function recalculateTotals(order: Order, taxRatePercent: number): void {
  const tax = (cents: number): number => Math.round((cents * taxRatePercent) / 100);
  let cartTax = 0;
  let discount = 0;
  let lines = 0;
  for (const item of order.lineItems) {
    item.subtotalTaxCents = tax(item.subtotalCents);
    item.totalTaxCents = tax(item.totalCents);
    cartTax += item.totalTaxCents;
    discount += item.subtotalCents - item.totalCents;
    lines += item.totalCents;
  }
  let shipping = 0;
  let shippingTax = 0;
  for (const line of order.shippingLines) {
    line.taxCents = tax(line.totalCents);
    shipping += line.totalCents;
    shippingTax += line.taxCents;
  }
  let fees = 0;
  for (const fee of order.feeLines) {
    fee.taxCents = fee.taxStatus === 'taxable' ? tax(fee.totalCents) : 0;
    fees += fee.totalCents;
    cartTax += fee.taxCents;
  }
  const totalTax = cartTax + shippingTax;
  order.totals = {
    discountCents: discount,
    shippingCents: shipping,
    shippingTaxCents: shippingTax,
    cartTaxCents: cartTax,
    totalTaxCents: totalTax,
    totalCents: lines + shipping + fees + totalTax,
  };
}
