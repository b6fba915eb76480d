import { describe, expect, it } from 'vitest';
import { oneStoreSimulator } from './support/one-store';
import type { WcCall } from './support/wc-client';

// No capture covers /customers: this follows WooCommerce's customers controller (v3) as documented.
const world = oneStoreSimulator();
const call: WcCall = (...args) => world.call(...args);

type CustomerBody = { id: number; email: string; role: string };
const line = { line_items: [{ sku: 'RW-MUG', quantity: 1 }] };

describe('customers', () => {
  it('registers a customer once per email and finds it by email, newest first by id', async () => {
    const created = await call<CustomerBody>('POST', '/customers', { email: 'ada@example.test', first_name: 'Ada' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.test', role: 'customer' });
    const again = await call<{ code: string }>('POST', '/customers', { email: 'ADA@example.test' });
    expect([again.status, again.body.code]).toEqual([400, 'registration-error-email-exists']);
    const grace = world.store.createCustomerDirectly({ email: 'grace@example.test' });

    const byEmail = await call<CustomerBody[]>('GET', '/customers?email=ada%40example.test&role=all');
    expect(byEmail.body.map((c) => c.id)).toEqual([created.body.id]);
    const newest = await call<CustomerBody[]>('GET', '/customers?orderby=id&order=desc&per_page=1&role=all');
    expect(newest.body.map((c) => c.id)).toEqual([grace]);
    expect(newest.headers.get('x-wp-total')).toBe('2');
    expect(newest.headers.get('x-wp-totalpages')).toBe('2');
    const bad = await call<{ code: string }>('GET', '/customers?orderby=email');
    expect([bad.status, bad.body.code]).toEqual([400, 'rest_invalid_param']);
  });

  it('an order may name a registered customer; an unknown or deleted one is refused, alone and in a batch', async () => {
    const id = world.store.createCustomerDirectly({ email: 'linus@example.test' });
    // Without a billing email, the order takes the account's (WC_Order::maybe_set_user_billing_email).
    const ok = await call<{ customer_id: number; billing: { email: string } }>('POST', '/orders', { ...line, customer_id: id });
    expect([ok.status, ok.body.customer_id, ok.body.billing.email]).toEqual([201, id, 'linus@example.test']);
    world.store.deleteCustomerDirectly(id);
    const refused = await call<{ code: string }>('POST', '/orders', { ...line, customer_id: id });
    expect([refused.status, refused.body.code]).toEqual([400, 'woocommerce_rest_invalid_customer_id']);
    const batch = await call<{ create: Array<{ id: number; error?: { code: string } }> }>('POST', '/orders/batch', {
      create: [{ ...line, customer_id: id }, line],
    });
    expect(batch.body.create[0].error?.code).toBe('woocommerce_rest_invalid_customer_id');
    expect(batch.body.create[1].id).toBeGreaterThan(0);
    const deleted = await call<{ code: string }>('DELETE', `/customers/${id}?force=true`);
    expect([deleted.status, deleted.body.code]).toEqual([404, 'woocommerce_rest_invalid_id']);
  });
});
