import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type StoreHandle, type WcOrder } from '@/simulator';
import { wcClient, type WcCall } from './support/wc-client';

/** What a real WooCommerce 9.9.5 store answered (../shared/woo/lifecycle-facts.json), replayed against the simulator. */
const facts = JSON.parse(readFileSync(new URL('../../../shared/woo/lifecycle-facts.json', import.meta.url), 'utf8'));

type Refund = {
  id: number;
  amount: string;
  refunded_payment: boolean;
  meta_data: Array<{ key: string; value: unknown }>;
  line_items: Array<{ id: number; quantity: number; total: string; sku: string }>;
};
type WcError = { code: string; message: string };

let sim: Simulator;
let store: StoreHandle;
let call: WcCall;

beforeAll(async () => {
  sim = await startSimulator({ stores: [{ name: 'main' }] });
  store = sim.store('main');
  call = wcClient(store.url, store.readWrite);
});
afterAll(() => sim.close());

/** The captured order: a mug line of 2 at 24.00 and a T-shirt at 20.00, processing, with a customer address. */
async function capturedOrder(): Promise<WcOrder> {
  const { lines } = facts.order as { lines: Array<{ sku: string; q: number; total: string }> };
  const created = await call<WcOrder>('POST', '/orders', {
    status: facts.order.status,
    billing: { email: 'shopper@example.com' },
    line_items: lines.map((l) => ({ sku: l.sku, quantity: l.q, subtotal: l.total, total: l.total })),
  });
  expect(created.body.total).toBe(facts.order.total);
  return created.body;
}

describe('refunds (lifecycle-facts.json)', () => {
  it('a partial refund with api_refund false: 201, lines negative, meta kept, restocked, order modified, customer emailed', async () => {
    const order = await capturedOrder();
    const mug = order.line_items.find((l) => l.sku === 'RW-MUG')!;
    const stockBefore = store.stockOf('RW-MUG')!;
    store.outbox.clear();
    sim.clock.advance(1000);
    const refund = await call<Refund>('POST', `/orders/${order.id}/refunds`, {
      amount: facts.partial.amount,
      reason: facts.afterPartial.refunds[0].reason,
      api_refund: false,
      api_restock: true,
      line_items: [{ id: mug.id, quantity: 1, refund_total: '12.00' }],
      meta_data: [{ key: facts.partial.meta[0].key, value: facts.partial.meta[0].value }],
    });
    expect(refund.status).toBe(facts.partial.status);
    expect(refund.body.amount).toBe(facts.partial.amount);
    expect(refund.body.refunded_payment).toBe(facts.partial.refunded_payment);
    expect(refund.body.line_items.map((l) => ({ q: l.quantity, total: l.total }))).toEqual(
      facts.partial.line_items.map((l: { q: number; total: string }) => ({ q: l.q, total: l.total })),
    );
    expect(refund.body.line_items[0].id).not.toBe(mug.id);
    expect(refund.body.meta_data.map((m) => ({ key: m.key, value: m.value }))).toEqual(
      facts.partial.meta.map((m: { key: string; value: string }) => ({ key: m.key, value: m.value })),
    );
    expect(store.stockOf('RW-MUG')! - stockBefore).toBe(facts.partialStock.after - facts.partialStock.before);
    expect(store.outbox.customerEmails().filter((e) => e.orderId === order.id)).toHaveLength(facts.partialMailsToCustomer);

    const after = (await call<WcOrder & { refunds: Array<{ id: number; reason: string; total: string }> }>('GET', `/orders/${order.id}`))
      .body;
    expect(after.status).toBe(facts.afterPartial.status);
    expect(after.total).toBe(facts.afterPartial.total);
    expect(after.refunds).toEqual([
      { id: refund.body.id, reason: facts.afterPartial.refunds[0].reason, total: facts.afterPartial.refunds[0].total },
    ]);
    expect(after.date_modified_gmt > order.date_modified_gmt).toBe(facts.afterPartial.modifiedChanged);

    const list = await call<Refund[]>('GET', `/orders/${order.id}/refunds`);
    expect(list.status).toBe(facts.list.status);
    expect(list.body).toHaveLength(facts.list.n);
    expect(list.body[0].meta_data.map((m) => ({ key: m.key, value: m.value }))).toEqual(
      facts.list.metaInList.map((m: { key: string; value: string }) => ({ key: m.key, value: m.value })),
    );

    const tooMuch = await call<WcError>('POST', `/orders/${order.id}/refunds`, { amount: '100.00', api_refund: false });
    expect(tooMuch.status).toBe(facts.tooMuch.status);
    expect(tooMuch.body.code).toBe(facts.tooMuch.json.code);
    expect(tooMuch.body.message).toBe(facts.tooMuch.json.message);

    const omitted = await call<WcError>('POST', `/orders/${order.id}/refunds`, { amount: '1.00' });
    expect(omitted.status).toBe(facts.apiRefundOmitted.status);
    expect(omitted.body).toMatchObject(facts.apiRefundOmitted.json);

    const batch = await call<WcError>('POST', `/orders/${order.id}/refunds/batch`, { create: [{ amount: '1.00', api_refund: false }] });
    expect(batch.status).toBe(facts.batch.status);
    expect(batch.body).toMatchObject(facts.batch.json);

    store.outbox.clear();
    const full = await call<Refund>('POST', `/orders/${order.id}/refunds`, { amount: facts.full.amount, api_refund: false });
    expect(full.status).toBe(facts.full.status);
    const afterFull = (await call<WcOrder & { refunds: unknown[] }>('GET', `/orders/${order.id}`)).body;
    expect(afterFull.status).toBe(facts.afterFull.status);
    expect(afterFull.refunds).toHaveLength(facts.afterFull.refunds);
    expect(store.outbox.customerEmails().filter((e) => e.orderId === order.id)).toHaveLength(facts.afterFull.mailsToCustomer);

    const deleted = await call('DELETE', `/orders/${order.id}/refunds/${full.body.id}?force=true`);
    expect(deleted.status).toBe(facts.deleteRefund.status);
    expect((await call<WcOrder>('GET', `/orders/${order.id}`)).body.status).toBe(facts.afterDelete.status);
  });

  it('no customer email from a refund on an order without a billing email', async () => {
    const order = (await call<WcOrder>('POST', '/orders', { status: 'processing', line_items: [{ sku: 'RW-MUG', quantity: 1 }] })).body;
    store.outbox.clear();
    const refund = await call('POST', `/orders/${order.id}/refunds`, { amount: '1.00', api_refund: false });
    expect(refund.status).toBe(201);
    expect(store.outbox.customerEmails()).toHaveLength(0);
  });

  it('restocks nothing on an order that never reduced stock (a copy under "leave stock")', async () => {
    const order = (
      await call<WcOrder>('POST', '/orders', {
        status: 'processing',
        line_items: [{ sku: 'RW-MUG', quantity: 2 }],
        meta_data: [{ key: '_order_stock_reduced', value: 'yes' }],
      })
    ).body;
    const before = store.stockOf('RW-MUG');
    await call('POST', `/orders/${order.id}/refunds`, {
      amount: '12.50',
      api_refund: false,
      api_restock: true,
      line_items: [{ id: order.line_items[0].id, quantity: 1, refund_total: '12.50' }],
    });
    expect(store.stockOf('RW-MUG')).toBe(before);
  });
});

describe('cancellation and line edits (lifecycle-facts.json)', () => {
  it('cancelling gives the stock back and emails no customer', async () => {
    const order = (
      await call<WcOrder>('POST', '/orders', {
        status: 'processing',
        billing: { email: 'shopper@example.com' },
        line_items: [{ sku: 'RW-TSHIRT', quantity: 3 }],
      })
    ).body;
    const before = store.stockOf('RW-TSHIRT')!;
    store.outbox.clear();
    const cancelled = await call<WcOrder>('PUT', `/orders/${order.id}`, { status: 'cancelled' });
    expect(cancelled.status).toBe(facts.cancel.status);
    expect(cancelled.body.status).toBe(facts.cancel.orderStatus);
    expect(store.stockOf('RW-TSHIRT')! - before).toBe(facts.cancel.stockAfter - facts.cancel.stockBefore);
    expect(store.outbox.customerEmails()).toHaveLength(facts.cancel.mailsToCustomer);
  });

  it('a quantity edit keeps the line total; a line by SKU is added; quantity 0 removes a line', async () => {
    const order = (
      await call<WcOrder>('POST', '/orders', {
        status: 'processing',
        line_items: [{ sku: 'RW-MUG', quantity: 1, subtotal: '12.00', total: '12.00' }],
      })
    ).body;
    const mugId = order.line_items[0].id;
    const edited = await call<WcOrder>('PUT', `/orders/${order.id}`, { line_items: [{ id: mugId, quantity: 3 }] });
    expect(edited.status).toBe(facts.editQty.status);
    expect(edited.body.line_items.map((l) => ({ q: l.quantity, total: l.total }))).toEqual(
      facts.editQty.lines.map((l: { q: number; total: string }) => ({ q: l.q, total: l.total })),
    );
    expect(edited.body.total).toBe(facts.editQty.total);

    const added = await call<WcOrder>('PUT', `/orders/${order.id}`, { line_items: [{ sku: 'RW-TSHIRT', quantity: 1 }] });
    expect(added.body.line_items.map((l) => ({ sku: l.sku, q: l.quantity, total: l.total }))).toEqual(
      facts.editAdd.lines.map((l: { sku: string; q: number; total: string }) => ({ sku: l.sku, q: l.q, total: l.total })),
    );
    expect(added.body.total).toBe(facts.editAdd.total);

    const removed = await call<WcOrder>('PUT', `/orders/${order.id}`, { line_items: [{ id: mugId, quantity: 0 }] });
    expect(removed.body.line_items.map((l) => ({ sku: l.sku, q: l.quantity }))).toEqual(
      facts.editRemove.lines.map((l: { sku: string; q: number }) => ({ sku: l.sku, q: l.q })),
    );
    expect(removed.body.total).toBe(facts.editRemove.total);

    const both = await call<WcOrder>('PUT', `/orders/${order.id}`, {
      line_items: [{ id: removed.body.line_items[0].id, quantity: 2, subtotal: '40.00', total: '40.00' }],
    });
    expect(both.body.total).toBe('40.00');
  });
});
