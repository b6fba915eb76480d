import { emailsForTransition, sendOrderEmail } from './order-emails';
import type { Order, OrderNote, OrderStatus } from './order-types';
import { STATUS_LABELS } from './order-types';
import { reduceStock, restoreStock } from './stock';
import type { StoreState } from './store-state';

const REDUCES_STOCK: ReadonlySet<OrderStatus> = new Set(['processing', 'completed', 'on-hold']);
const RESTORES_STOCK: ReadonlySet<OrderStatus> = new Set(['pending', 'cancelled']);
const MARKS_PAID: ReadonlySet<OrderStatus> = new Set(['processing', 'completed']);

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

/** What WooCommerce does when an order's status changes: stock, dates, notes and emails, in its order. */
export function applyStatusTransition(state: StoreState, order: Order, from: OrderStatus, to: OrderStatus, now: number): void {
  order.status = to;
  if (from === to) return;
  let stockNote: string | null = null;
  if (REDUCES_STOCK.has(to) && !order.stockReduced) stockNote = reduceStock(state, order, now);
  else if (RESTORES_STOCK.has(to) && order.stockReduced) stockNote = restoreStock(state, order, now);
  if (MARKS_PAID.has(to) && order.paidAt === null) order.paidAt = now;
  if (to === 'completed') order.completedAt = now;
  if (stockNote) addOrderNote(state, order, stockNote, { now });
  addOrderNote(state, order, `Order status changed from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}.`, { now });
  for (const template of emailsForTransition(from, to)) sendOrderEmail(state, order, template, now);
}
