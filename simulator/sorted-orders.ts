import type { Order } from './order-types';

export type OrderSortKey = (order: Order) => number;

/**
 * Orders kept sorted by (key, id) so a page or a time range is a binary search away,
 * never a sort per request. Moving an order (e.g. when it is modified) costs one splice.
 */
export class SortedOrders {
  private readonly items: Order[] = [];

  constructor(private readonly keyOf: OrderSortKey) {}

  get length(): number {
    return this.items.length;
  }

  at(position: number): Order {
    return this.items[position];
  }

  insert(order: Order): void {
    const key = this.keyOf(order);
    const last = this.items[this.items.length - 1];
    if (!last || this.compare(last, key, order.id) < 0) {
      this.items.push(order);
      return;
    }
    this.items.splice(this.lowerBound(key, order.id), 0, order);
  }

  /** Removes an order that was indexed under `previousKey`. */
  remove(order: Order, previousKey: number): void {
    const position = this.lowerBound(previousKey, order.id);
    if (this.items[position] === order) this.items.splice(position, 1);
    else {
      const fallback = this.items.indexOf(order);
      if (fallback >= 0) this.items.splice(fallback, 1);
    }
  }

  /** First position whose (key, id) is ≥ (key, id). */
  lowerBound(key: number, id: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle], key, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** First position whose key is strictly greater than `key`. */
  firstAfterKey(key: number): number {
    return this.lowerBound(key, Number.POSITIVE_INFINITY);
  }

  /** First position whose key is ≥ `key`. */
  firstAtOrAfterKey(key: number): number {
    return this.lowerBound(key, Number.NEGATIVE_INFINITY);
  }

  private compare(order: Order, key: number, id: number): number {
    const orderKey = this.keyOf(order);
    if (orderKey !== key) return orderKey < key ? -1 : 1;
    return order.id === id ? 0 : order.id < id ? -1 : 1;
  }
}
