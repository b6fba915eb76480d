import type { EmailTemplate } from './outbox';
import type { Order, OrderStatus } from './order-types';
import type { StoreState } from './store-state';

const FROM_UNPAID: ReadonlySet<OrderStatus> = new Set(['pending', 'failed', 'cancelled']);
const PAID_LIKE: ReadonlySet<OrderStatus> = new Set(['processing', 'completed', 'on-hold']);

/** The emails WooCommerce's email classes send for one status transition. */
export function emailsForTransition(from: OrderStatus, to: OrderStatus): EmailTemplate[] {
  const templates: EmailTemplate[] = [];
  if (FROM_UNPAID.has(from) && PAID_LIKE.has(to)) templates.push('new_order');
  if (to === 'processing' && (FROM_UNPAID.has(from) || from === 'on-hold')) templates.push('customer_processing_order');
  if (to === 'on-hold' && FROM_UNPAID.has(from)) templates.push('customer_on_hold_order');
  if (to === 'completed' && from !== 'completed') templates.push('customer_completed_order');
  return templates;
}

const SUBJECTS: Record<EmailTemplate, string> = {
  new_order: 'New order',
  customer_processing_order: 'Your order has been received!',
  customer_on_hold_order: 'Your order is on hold',
  customer_completed_order: 'Your order is now complete',
  customer_note: 'Note added to your order',
  customer_partially_refunded_order: 'Your order has been partially refunded',
  customer_refunded_order: 'Your order has been refunded',
};

export function sendOrderEmail(state: StoreState, order: Order, template: EmailTemplate, now: number): void {
  const subject = `[${state.identity.title}]: ${SUBJECTS[template]} #${order.id}`;
  if (template === 'new_order') {
    state.outbox.record({ sentAt: now, template, recipient: 'admin', orderId: order.id, subject });
    return;
  }
  const to = order.billing.email ?? '';
  if (!to) return;
  state.outbox.record({ sentAt: now, template, recipient: 'customer', to, orderId: order.id, subject });
}
