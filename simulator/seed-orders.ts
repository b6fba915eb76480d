import { buildLineItem, buildShippingLine } from './order-lines';
import { recalculateTotals } from './order-totals';
import { emptyAddress, type Address, type Order, type OrderStatus } from './order-types';
import { SeededRandom } from './random';
import type { StoreState } from './store-state';
import { truncateToSecond } from './wc-dates';

export interface SeedOptions {
  /** Creation time of the first order; default: `count × spacingMs` before now. */
  startAt?: number;
  /** Time between two orders (several orders then share a second when below 1000). Default 250 ms. */
  spacingMs?: number;
  createdVia?: string;
  statuses?: OrderStatus[];
  seed?: number;
}

const CUSTOMER_POOL = 500;

function customers(random: SeededRandom): Address[] {
  return Array.from({ length: CUSTOMER_POOL }, (_, index) => ({
    ...emptyAddress(true),
    first_name: `Customer${index}`,
    last_name: random.alphanumeric(6),
    email: `customer${index}@example.com`,
    country: 'US',
  }));
}

/**
 * Puts `count` orders straight into the store: no notes, emails, webhooks or stock changes,
 * addresses shared between orders — fast enough for 100,000 and light on memory.
 */
export function seedOrders(state: StoreState, count: number, options: SeedOptions = {}): number {
  const random = new SeededRandom(options.seed ?? 7);
  const spacing = options.spacingMs ?? 250;
  const start = options.startAt ?? state.clock.now() - count * spacing;
  const statuses = options.statuses ?? ['processing', 'completed', 'on-hold', 'pending'];
  const products = state.catalogue.purchasable();
  const pool = customers(random);
  const emptyShipping = emptyAddress(false);
  for (let index = 0; index < count; index++) {
    const at = truncateToSecond(start + index * spacing);
    const customer = pool[index % pool.length];
    const order: Order = {
      id: state.ids.order.next(),
      parentId: 0,
      status: statuses[index % statuses.length],
      statusBeforeTrash: null,
      currency: state.identity.currency,
      createdAt: at,
      modifiedAt: at,
      completedAt: null,
      paidAt: null,
      customerId: 0,
      orderKey: `wc_order_${random.alphanumeric(13)}`,
      billing: customer,
      shipping: emptyShipping,
      paymentMethod: 'bacs',
      paymentMethodTitle: 'Direct bank transfer',
      transactionId: '',
      customerIpAddress: '',
      customerUserAgent: '',
      createdVia: options.createdVia ?? 'checkout',
      customerNote: '',
      meta: [],
      lineItems: [buildLineItem(state.catalogue, state.ids, { sku: products[index % products.length].sku, quantity: 1 + (index % 3) })],
      shippingLines: [buildShippingLine(state.ids, { method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' })],
      feeLines: [],
      totals: { discountCents: 0, shippingCents: 0, shippingTaxCents: 0, cartTaxCents: 0, totalCents: 0, totalTaxCents: 0 },
      stockReduced: true,
      salesRecorded: true,
    };
    if (order.status === 'completed') order.completedAt = at;
    if (order.status !== 'pending' && order.status !== 'on-hold') order.paidAt = at;
    recalculateTotals(order, state.identity.taxRatePercent);
    state.book.add(order);
  }
  return count;
}
