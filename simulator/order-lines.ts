import type { Catalogue, Product } from './catalogue';
import type { StoreIds } from './id-sequence';
import { parseCents } from './money';
import type { FeeLine, LineItem, ShippingLine } from './order-types';
import { RestError } from './rest-errors';

export type Posted = Record<string, unknown>;

function text(value: unknown, fallback = ''): string {
  return value === undefined || value === null ? fallback : String(value);
}

function positiveInteger(value: unknown): number {
  const parsed = Number.parseInt(text(value, '0'), 10);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** As WooCommerce's get_product_id: sku first, then variation_id, then product_id. */
function postedProductId(catalogue: Catalogue, posted: Posted): number {
  if (posted.sku) return catalogue.findBySku(text(posted.sku))?.id ?? 0;
  if (posted.variation_id) return positiveInteger(posted.variation_id);
  if (posted.product_id) return positiveInteger(posted.product_id);
  throw new RestError('woocommerce_rest_required_product_reference', 'Product ID or SKU is required.', 400);
}

/**
 * Builds a line item the way WooCommerce does — including its trap: an unknown SKU or product id
 * yields an empty line (product 0, no name, no price) and no error.
 */
export function buildLineItem(catalogue: Catalogue, ids: StoreIds, posted: Posted): LineItem {
  const product: Product | undefined = catalogue.get(postedProductId(catalogue, posted));
  const purchasable = product && product.type !== 'variable' ? product : undefined;
  const quantity = posted.quantity === undefined ? 1 : positiveInteger(posted.quantity);
  const listCents = purchasable ? purchasable.priceCents * quantity : 0;
  const subtotalCents = parseCents(posted.subtotal) ?? listCents;
  const totalCents = parseCents(posted.total) ?? parseCents(posted.subtotal) ?? listCents;
  const parent = purchasable ? catalogue.parentOf(purchasable) : undefined;
  const item: LineItem = {
    id: ids.item.next(),
    name: text(posted.name, purchasable?.name ?? ''),
    productId: parent ? parent.id : (purchasable?.id ?? 0),
    variationId: parent && purchasable ? purchasable.id : 0,
    quantity,
    taxClass: text(posted.tax_class),
    subtotalCents,
    totalCents,
    subtotalTaxCents: 0,
    totalTaxCents: 0,
    meta: [],
    sku: purchasable?.sku ?? null,
    parentName: parent?.name ?? null,
    imageIdBlank: purchasable?.type === 'simple',
    needsProcessing: purchasable ? !purchasable.virtual : false,
  };
  if (purchasable?.attribute) {
    item.meta.push({
      id: ids.meta.next(),
      key: purchasable.attribute.slug,
      value: purchasable.attribute.option,
      displayKey: purchasable.attribute.name,
    });
  }
  return item;
}

/** A REST edit does not recalculate the line: a new quantity without `subtotal`/`total` keeps the old amounts. */
export function updateLineItem(item: LineItem, posted: Posted): void {
  if (posted.quantity !== undefined) item.quantity = positiveInteger(posted.quantity);
  if (posted.name !== undefined) item.name = text(posted.name);
  const subtotal = parseCents(posted.subtotal);
  const total = parseCents(posted.total);
  if (subtotal !== null) item.subtotalCents = subtotal;
  if (total !== null) item.totalCents = total;
}

export function buildShippingLine(ids: StoreIds, posted: Posted): ShippingLine {
  return {
    id: ids.item.next(),
    methodTitle: text(posted.method_title),
    methodId: text(posted.method_id),
    instanceId: text(posted.instance_id),
    totalCents: parseCents(posted.total) ?? 0,
    taxCents: 0,
    meta: [],
  };
}

export function buildFeeLine(ids: StoreIds, posted: Posted): FeeLine {
  return {
    id: ids.item.next(),
    name: text(posted.name),
    taxClass: text(posted.tax_class),
    taxStatus: text(posted.tax_status, 'taxable'),
    totalCents: parseCents(posted.total) ?? 0,
    taxCents: 0,
    meta: [],
  };
}
