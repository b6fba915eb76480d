import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type WcOrder } from '@/simulator';
import { wcClient, type WcCall } from './support/wc-client';

let sim: Simulator;
let main: WcCall;
let subB: WcCall;

beforeAll(async () => {
  sim = await startSimulator({
    stores: [{ name: 'main' }, { name: 'sub-a' }, { name: 'sub-b', missingSkus: ['RW-CAP'], currency: 'EUR' }],
  });
  main = wcClient(sim.store('main').url, sim.store('main').readWrite);
  subB = wcClient(sim.store('sub-b').url, sim.store('sub-b').readWrite);
});
afterAll(() => sim.close());

describe('orders', () => {
  it('creates an order by SKU with totals from lines, posted line amounts winning', async () => {
    const created = await main<WcOrder>('POST', '/orders', {
      status: 'processing',
      billing: { email: 'ada@example.com' },
      line_items: [
        { sku: 'RW-TSHIRT', quantity: 2 },
        { sku: 'RW-SOCKS-L', quantity: 1, subtotal: '7.50', total: '7.50' },
      ],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
      fee_lines: [{ name: 'Gift wrap', total: '2.00' }],
      meta_data: [{ key: '_orderbridge_link', value: 'link-1' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.total).toBe('54.50');
    expect(created.body.created_via).toBe('rest-api');
    expect(created.body.number).toBe(String(created.body.id));
    expect(created.body.meta_data).toEqual([{ id: expect.any(Number), key: '_orderbridge_link', value: 'link-1' }]);
    const socks = created.body.line_items[1];
    expect(socks.variation_id).not.toBe(0);
    expect(socks.parent_name).toBe('RealWoo Socks');
    expect(sim.store('main').orders.withMeta('_orderbridge_link', 'link-1')).toHaveLength(1);
  });

  it('resolves the same SKU to different product ids on different stores', async () => {
    const onMain = sim.store('main').product('RW-MUG');
    const onSubA = sim.store('sub-a').product('RW-MUG');
    expect(onMain?.id).toBeDefined();
    expect(onMain?.id).not.toBe(onSubA?.id);
    const found = await subB<Array<{ sku: string }>>('GET', '/products?sku=RW-CAP,RW-MUG,RW-SOCKS-S&per_page=100');
    expect(found.body.map((product) => product.sku).sort()).toEqual(['RW-MUG', 'RW-SOCKS-S']);
  });

  it('creates an empty line item, with 201, for a SKU the store lacks', async () => {
    const created = await subB<WcOrder>('POST', '/orders', { line_items: [{ sku: 'RW-CAP', quantity: 1 }] });
    expect(created.status).toBe(201);
    expect(created.body.line_items[0]).toMatchObject({ product_id: 0, name: '', total: '0.00', sku: null });
    expect(created.body.currency).toBe('EUR');
  });

  it('lists by modified date with strictly-after modified_after and second precision', async () => {
    const store = sim.store('sub-a');
    store.clock.freeze(new Date('2030-01-01T10:00:00Z'));
    try {
      const first = store.createOrderDirectly();
      store.clock.advance(400);
      const sameSecond = store.createOrderDirectly();
      store.clock.advance(1000);
      const later = store.createOrderDirectly();
      const subA = wcClient(store.url, store.readOnly);
      const after = await subA<WcOrder[]>(
        'GET',
        `/orders?orderby=modified&order=asc&dates_are_gmt=true&modified_after=${first.date_modified_gmt}`,
      );
      expect(after.body.map((order) => order.id)).toEqual([later.id]);
      const all = await subA<WcOrder[]>('GET', '/orders?orderby=modified&order=asc&per_page=2');
      expect(all.headers.get('x-wp-total')).toBe('3');
      expect(all.headers.get('x-wp-totalpages')).toBe('2');
      expect(all.body.map((order) => order.id)).toEqual([first.id, sameSecond.id]);
      expect(all.headers.get('link')).toContain('rel="next"');
      expect(all.headers.get('link')).toContain('oauth_consumer_key=');
    } finally {
      store.clock.unfreeze();
    }
  });

  it('returns 404 on GET and 400 on PUT for a missing order', async () => {
    const get = await main<{ code: string; data: { status: number } }>('GET', '/orders/987654');
    const put = await main<{ code: string; data: { status: number } }>('PUT', '/orders/987654', { status: 'completed' });
    expect([get.status, get.body.code]).toEqual([404, 'woocommerce_rest_shop_order_invalid_id']);
    expect([put.status, put.body.data.status]).toEqual([400, 400]);
  });

  it('batch turns a bogus status into pending and reports per-item errors inside a 200', async () => {
    const batch = await main<{ create: WcOrder[]; update: Array<{ id: number; error?: { code: string } }> }>('POST', '/orders/batch', {
      create: [{ status: 'nonsense', line_items: [{ sku: 'RW-MUG', quantity: 1 }] }],
      update: [{ id: 987654, status: 'completed' }],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.create[0].status).toBe('pending');
    expect(batch.body.update[0]).toMatchObject({ id: 987654, error: { code: 'woocommerce_rest_shop_order_invalid_id' } });
  });

  it('refuses more than 100 batch items in all', async () => {
    const tooMany = await main<{ code: string }>('POST', '/orders/batch', {
      create: Array.from({ length: 60 }, () => ({ line_items: [] })),
      update: Array.from({ length: 41 }, (_, index) => ({ id: index + 1 })),
    });
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'woocommerce_rest_request_entity_too_large']);
    expect(sim.store('main').orders.count).toBeLessThan(60);
  });

  it('rejects a read-only key on writes and answers {} batches with [] for a read-write key', async () => {
    const readOnly = wcClient(sim.store('main').url, sim.store('main').readOnly);
    const denied = await readOnly<{ message: string }>('POST', '/orders/batch', {});
    expect([denied.status, denied.body.message]).toEqual([401, 'The API key provided does not have write permissions.']);
    const probe = await main('POST', '/orders/batch', {});
    expect([probe.status, probe.body]).toEqual([200, []]);
  });
});
