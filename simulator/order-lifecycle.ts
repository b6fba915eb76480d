import { emailsForTransition, sendOrderEmail } from './order-emails';
import type { Order, OrderNote, OrderStatus } from './order-types';
import { STATUS_LABELS } from './order-types';
import { reduceStock, restoreStock } from './stock';
import type { StoreState } from './store-state';

const REDUCES_STOCK: ReadonlySet<OrderStatus> = new Set(['processing', 'completed', 'on-hold']);
const RESTORES_STOCK: ReadonlySet<OrderStatus> = new Set(['pending', 'cancelled']);

export function addOrderNote(
  state: StoreState,
  order: Order,
  text: string,
  options: { customerNote?: boolean; author?: string; now: number },
): OrderNote {
  const note: OrderNote = {
    id: state.ids.note.next(),
    orderId: order.id,
    author: options.author ?? 'WooCommerce',
    createdAt: options.now,
    note: text,
    customerNote: options.customerNote ?? false,
  };
  state.book.addNote(note);
  if (note.customerNote) sendOrderEmail(state, order, 'customer_note', options.now);
  return note;
}

/** WC_Order::maybe_set_date_paid: processing counts as paid only for orders that need processing. */
function reachesPaymentComplete(order: Order, to: OrderStatus): boolean {
  if (to === 'completed') return true;
  return to === 'processing' && order.lineItems.some((item) => item.needsProcessing);
}

/** wc_update_total_sales_counts: variations count towards their parent product. */
function recordSales(state: StoreState, order: Order): void {
  for (const item of order.lineItems) {
    const product = state.catalogue.get(item.productId);
    if (product) product.totalSales += item.quantity;
  }
  order.salesRecorded = true;
}

/** What WooCommerce does when an order's status changes: stock, dates, notes and emails, in its order. */
export function applyStatusTransition(state: StoreState, order: Order, from: OrderStatus, to: OrderStatus, now: number): void {
  order.status = to;
  if (from === to) return;
  let stockNote: string | null = null;
  if (REDUCES_STOCK.has(to) && !order.stockReduced) stockNote = reduceStock(state, order, now);
  else if (RESTORES_STOCK.has(to) && order.stockReduced) stockNote = restoreStock(state, order, now);
  if (REDUCES_STOCK.has(to) && !order.salesRecorded) recordSales(state, order);
  if (order.paidAt === null && reachesPaymentComplete(order, to)) order.paidAt = now;
  if (to === 'completed') order.completedAt = now;
  if (stockNote) addOrderNote(state, order, stockNote, { now });
  addOrderNote(state, order, `Order status changed from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}.`, { now });
  for (const template of emailsForTransition(from, to)) sendOrderEmail(state, order, template, now);
}
