import type { Catalogue, Product } from './catalogue';
import { currencySymbol } from './currencies';
import { formatCents } from './money';
import { restUrl, type StoreIdentity } from './store-identity';
import { formatWcDate } from './wc-dates';

const ITEM_ALLOW = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function priceHtml(priceCents: number, currency: string): string {
  return (
    '<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">' +
    `${currencySymbol(currency).replace('$', '&#36;')}</span>${formatCents(priceCents)}</bdi></span>`
  );
}

/** Regular price only: the simulated shop runs no sales. */
function pricing(product: Product) {
  return {
    price: formatCents(product.priceCents),
    regular_price: formatCents(product.priceCents),
    sale_price: '',
    date_on_sale_from: null,
    date_on_sale_from_gmt: null,
    date_on_sale_to: null,
    date_on_sale_to_gmt: null,
    on_sale: false,
  };
}

function stockJson(product: Product) {
  const inStock = product.stockQuantity === null || product.stockQuantity > 0;
  return {
    manage_stock: product.manageStock,
    stock_quantity: product.stockQuantity,
    backorders: 'no',
    backorders_allowed: false,
    backordered: false,
    low_stock_amount: null,
    stock_status: inStock ? 'instock' : 'outofstock',
  };
}

function attributesJson(product: Product) {
  const attribute = product.attribute;
  if (!attribute) return [];
  if (product.type === 'variable') {
    const options = product.attributeOptions;
    return [{ id: 0, name: attribute.name, slug: attribute.slug, position: 0, visible: true, variation: true, options }];
  }
  return [{ id: 0, name: attribute.name, slug: attribute.slug, option: attribute.option }];
}

function permalink(catalogue: Catalogue, product: Product, store: StoreIdentity): string {
  const parent = catalogue.parentOf(product);
  if (parent && product.attribute) {
    return `${store.homeUrl}/product/${parent.slug}/?attribute_${product.attribute.slug}=${product.attribute.option}`;
  }
  return `${store.homeUrl}/product/${product.slug}/`;
}

/** A product (or a variation, as `GET /products?sku=` returns it) in the shape of captures 12 and 13. */
export function productJson(catalogue: Catalogue, product: Product, store: StoreIdentity): Record<string, unknown> {
  const offset = store.utcOffsetMinutes;
  const isVariation = product.type === 'variation';
  const stock = stockJson(product);
  const links: Record<string, unknown> = {
    self: [{ href: restUrl(store, `/wc/v3/products/${product.id}`), targetHints: { allow: ITEM_ALLOW } }],
    collection: [{ href: restUrl(store, '/wc/v3/products') }],
  };
  if (isVariation) links.up = [{ href: restUrl(store, `/wc/v3/products/${product.parentId}`) }];
  const relatedIds = isVariation
    ? []
    : catalogue
        .all()
        .filter((other) => other.type !== 'variation' && other.id !== product.id)
        .map((other) => other.id);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: permalink(catalogue, product, store),
    date_created: formatWcDate(product.createdAt, offset),
    date_created_gmt: formatWcDate(product.createdAt),
    date_modified: formatWcDate(product.modifiedAt, offset),
    date_modified_gmt: formatWcDate(product.modifiedAt),
    type: product.type,
    status: 'publish',
    featured: false,
    catalog_visibility: 'visible',
    description: '',
    short_description: '',
    sku: product.sku,
    ...pricing(product),
    purchasable: true,
    total_sales: isVariation ? String(product.totalSales) : product.totalSales,
    virtual: product.virtual,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    external_url: '',
    button_text: '',
    tax_status: 'taxable',
    tax_class: '',
    manage_stock: stock.manage_stock,
    stock_quantity: stock.stock_quantity,
    backorders: stock.backorders,
    backorders_allowed: stock.backorders_allowed,
    backordered: stock.backordered,
    low_stock_amount: stock.low_stock_amount,
    sold_individually: false,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_required: !product.virtual,
    shipping_taxable: !product.virtual,
    shipping_class: '',
    shipping_class_id: 0,
    reviews_allowed: !isVariation,
    average_rating: '0.00',
    rating_count: 0,
    upsell_ids: [],
    cross_sell_ids: [],
    parent_id: product.parentId,
    purchase_note: '',
    categories: isVariation ? [] : [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }],
    brands: [],
    tags: [],
    images: [],
    attributes: attributesJson(product),
    default_attributes: [],
    variations: product.variationIds,
    grouped_products: [],
    menu_order: 0,
    price_html: priceHtml(product.priceCents, store.currency),
    related_ids: relatedIds,
    meta_data: [],
    stock_status: stock.stock_status,
    has_options: product.type === 'variable',
    post_password: '',
    global_unique_id: '',
    _links: links,
  };
}

/** A variation as `GET /products/{id}/variations` shows it (capture 20). */
export function variationJson(catalogue: Catalogue, variation: Product, store: StoreIdentity): Record<string, unknown> {
  const offset = store.utcOffsetMinutes;
  const stock = stockJson(variation);
  const parentPath = `/wc/v3/products/${variation.parentId}`;
  return {
    id: variation.id,
    type: 'variation',
    date_created: formatWcDate(variation.createdAt, offset),
    date_created_gmt: formatWcDate(variation.createdAt),
    date_modified: formatWcDate(variation.modifiedAt, offset),
    date_modified_gmt: formatWcDate(variation.modifiedAt),
    description: '',
    permalink: permalink(catalogue, variation, store),
    sku: variation.sku,
    global_unique_id: '',
    ...pricing(variation),
    status: 'publish',
    purchasable: true,
    virtual: variation.virtual,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    tax_status: 'taxable',
    tax_class: '',
    ...stock,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_class: '',
    shipping_class_id: 0,
    image: null,
    attributes: attributesJson(variation),
    menu_order: 0,
    meta_data: [],
    name: variation.attribute?.option ?? variation.name,
    parent_id: variation.parentId,
    _links: {
      self: [{ href: restUrl(store, `${parentPath}/variations/${variation.id}`), targetHints: { allow: ITEM_ALLOW } }],
      collection: [{ href: restUrl(store, `${parentPath}/variations`) }],
      up: [{ href: restUrl(store, parentPath) }],
    },
  };
}
