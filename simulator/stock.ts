import type { Product } from './catalogue';
import type { Order } from './order-types';
import type { StoreState } from './store-state';

const REDUCED_STOCK_KEY = '_reduced_stock';

function formattedName(product: Product): string {
  const description = product.type === 'variation' ? '<span class="description"></span>' : '';
  return `${product.name} (${product.sku})${description}`;
}

/** wc_reduce_stock_levels: marks the order as reduced and returns the note to add, if any. */
export function reduceStock(state: StoreState, order: Order, now: number): string | null {
  const changes: string[] = [];
  for (const item of order.lineItems) {
    const product = state.catalogue.get(item.variationId || item.productId);
    if (!product?.manageStock || product.stockQuantity === null) continue;
    const before = product.stockQuantity;
    product.stockQuantity = before - item.quantity;
    product.modifiedAt = now;
    item.meta.push({ id: state.ids.meta.next(), key: REDUCED_STOCK_KEY, value: String(item.quantity) });
    changes.push(`${formattedName(product)} ${before}&rarr;${product.stockQuantity}`);
  }
  order.stockReduced = true;
  return changes.length ? `Stock levels reduced: ${changes.join(', ')}` : null;
}

/** wc_increase_stock_levels: gives back what each line took and returns the note to add, if any. */
export function restoreStock(state: StoreState, order: Order, now: number): string | null {
  const changes: string[] = [];
  for (const item of order.lineItems) {
    const reducedEntry = item.meta.find((entry) => entry.key === REDUCED_STOCK_KEY);
    if (!reducedEntry) continue;
    item.meta = item.meta.filter((entry) => entry !== reducedEntry);
    const product = state.catalogue.get(item.variationId || item.productId);
    if (!product?.manageStock || product.stockQuantity === null) continue;
    const before = product.stockQuantity;
    product.stockQuantity = before + Number(reducedEntry.value);
    product.modifiedAt = now;
    changes.push(`${formattedName(product)} ${before}&rarr;${product.stockQuantity}`);
  }
  order.stockReduced = false;
  return changes.length ? `Stock levels increased: ${changes.join(', ')}` : null;
}
