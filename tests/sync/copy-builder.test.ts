import { describe, expect, it } from 'vitest';
import { buildCopy, buildUpdate, totalsWarning, type CopyPolicy, type CopySource } from '@/lib/sync/copy-builder';
import { summarise, emptyCounts } from '@/lib/sync/summary';

const policy: CopyPolicy = { customerEmailPolicy: 'suppress', stockPolicy: 'reduce', currencyMismatchPolicy: 'hold', addCopyNote: false };
const source: CopySource = {
  storeId: '11111111-1111-4111-8111-111111111111',
  storeName: 'Main Store',
  remoteId: 27,
  number: '27',
  status: 'processing',
  currency: 'USD',
  body: {
    customer_note: 'Leave at door',
    payment_method_title: 'Direct bank transfer',
    transaction_id: 'tx-1',
    billing: { first_name: 'Ada', email: 'ada@example.com', city: 'SF' },
    shipping: { first_name: 'Ada', city: 'SF' },
    line_items: [
      { name: 'T-Shirt', sku: 'RW-TSHIRT', quantity: 2, subtotal: '40.00', total: '36.00', product_id: 10 },
      { name: 'Socks', sku: 'RW-SOCKS-L', quantity: 1, subtotal: '7.50', total: '7.50', product_id: 14, variation_id: 16 },
    ],
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
    fee_lines: [{ name: 'Gift wrap', total: '2.00' }],
    coupon_lines: [{ code: 'TENOFF' }],
  },
};
const target = { name: 'Substore B', currency: 'USD', knownSkus: new Set(['RW-TSHIRT', 'RW-SOCKS-L']) };
const linkId = '22222222-2222-4222-8222-222222222222';

describe('copy builder', () => {
  it('names the target account with the billing email (any case) only when emails are allowed', () => {
    const customerIds = new Map([['ada@example.com', 42]]);
    const customerOf = (p: CopyPolicy, ids: Map<string, number>) => {
      const plan = buildCopy(source, { ...target, customerIds: ids }, p, linkId);
      if (plan.kind !== 'create') throw new Error(plan.reason);
      return plan.payload.customer_id;
    };
    expect(customerOf({ ...policy, customerEmailPolicy: 'allow' }, customerIds)).toBe(42);
    expect(customerOf({ ...policy, customerEmailPolicy: 'allow' }, new Map())).toBe(0);
    // WooCommerce would fill the suppressed email in from the account.
    expect(customerOf(policy, customerIds)).toBe(0);
  });

  it('copies lines by SKU with the source line totals, never by product id, and tags the copy', () => {
    const plan = buildCopy(source, target, policy, linkId);
    if (plan.kind !== 'create') throw new Error(plan.reason);
    const lines = plan.payload.line_items as Array<Record<string, unknown>>;
    expect(lines).toEqual([
      { sku: 'RW-TSHIRT', quantity: 2, subtotal: '40.00', total: '36.00' },
      { sku: 'RW-SOCKS-L', quantity: 1, subtotal: '7.50', total: '7.50' },
    ]);
    expect(plan.payload).toMatchObject({
      status: 'processing',
      currency: 'USD',
      customer_id: 0,
      customer_note: 'Leave at door',
      transaction_id: 'tx-1',
    });
    const meta = Object.fromEntries((plan.payload.meta_data as Array<{ key: string; value: unknown }>).map((m) => [m.key, m.value]));
    expect(meta).toMatchObject({
      _orderbridge_origin: `${source.storeId}:27`,
      _orderbridge_link: linkId,
      _orderbridge_source_number: '27',
      _orderbridge_coupon_codes: 'TENOFF',
    });
  });

  it('suppressing emails leaves billing.email out (not empty) and shows it in visible meta, with no note by default', () => {
    const plan = buildCopy(source, target, policy, linkId);
    if (plan.kind !== 'create') throw new Error(plan.reason);
    expect(plan.payload.billing).toEqual({ first_name: 'Ada', city: 'SF' });
    expect(plan.payload.meta_data).toEqual(
      expect.arrayContaining([
        { key: '_orderbridge_customer_email', value: 'ada@example.com' },
        { key: 'Orderbridge source', value: 'Main Store order #27 (id 27)' },
        { key: 'Orderbridge customer email', value: 'ada@example.com (left off this copy so Substore B does not email the customer)' },
      ]),
    );
    expect(plan.note).toBeNull();

    const allowed = buildCopy(source, target, { ...policy, customerEmailPolicy: 'allow' }, linkId);
    if (allowed.kind !== 'create') throw new Error(allowed.reason);
    expect((allowed.payload.billing as Record<string, string>).email).toBe('ada@example.com');
    const visible = (allowed.payload.meta_data as Array<{ key: string }>).filter((m) => !m.key.startsWith('_'));
    expect(visible).toEqual([{ key: 'Orderbridge source', value: 'Main Store order #27 (id 27)' }]);
    expect(allowed.note).toBeNull();
  });

  it('the opt-in private note says the same as the visible meta', () => {
    const plan = buildCopy(source, target, { ...policy, addCopyNote: true }, linkId);
    if (plan.kind !== 'create') throw new Error(plan.reason);
    expect(plan.note).toBe(
      'Copied from Main Store order #27. Customer email: ada@example.com (left off this copy so Substore B does not email the customer).',
    );
    const allowed = buildCopy(source, target, { ...policy, customerEmailPolicy: 'allow', addCopyNote: true }, linkId);
    if (allowed.kind !== 'create') throw new Error(allowed.reason);
    expect(allowed.note).toBe('Copied from Main Store order #27.');
  });

  it('leaving stock alone marks the copy as already reduced', () => {
    const plan = buildCopy(source, target, { ...policy, stockPolicy: 'leave' }, linkId);
    if (plan.kind !== 'create') throw new Error(plan.reason);
    expect(plan.payload.meta_data).toContainEqual({ key: '_order_stock_reduced', value: 'yes' });
  });

  it('holds an order whose SKU the target lacks, a foreign currency, an unknown status, or a line without SKU', () => {
    expect(buildCopy(source, { ...target, knownSkus: new Set(['RW-TSHIRT']) }, policy, linkId)).toEqual({
      kind: 'hold',
      reason: 'SKU RW-SOCKS-L is not on Substore B',
    });
    expect(buildCopy(source, { ...target, currency: 'EUR' }, policy, linkId)).toEqual({
      kind: 'hold',
      reason: "Currency USD differs from Substore B's EUR",
    });
    expect(buildCopy(source, { ...target, currency: 'EUR' }, { ...policy, currencyMismatchPolicy: 'allow' }, linkId).kind).toBe('create');
    expect(buildCopy({ ...source, status: 'shipped' }, target, policy, linkId)).toEqual({
      kind: 'hold',
      reason: 'Status "shipped" is not an order status Substore B accepts',
    });
    const noSku = { ...source, body: { ...source.body, line_items: [{ name: 'Custom', sku: '', quantity: 1 }] } };
    expect(buildCopy(noSku, target, policy, linkId)).toEqual({
      kind: 'hold',
      reason: 'Line "Custom" has no SKU, so it cannot be matched on Substore B',
    });
  });

  it('updates carry status and customer note; invalid statuses never reach a batch', () => {
    expect(buildUpdate({ status: 'completed', body: { customer_note: 'x' } }, 9)).toEqual({
      kind: 'update',
      body: { id: 9, status: 'completed', customer_note: 'x' },
    });
    expect(buildUpdate({ status: 'bogus', body: {} }, 9).kind).toBe('hold');
  });

  it('warns when the copy total differs', () => {
    expect(totalsWarning('54.50', '54.50', 'USD', 'Sub')).toBeNull();
    expect(totalsWarning('54.50', '58.00', 'USD', 'Sub')).toContain('source 54.50 USD, copy on Sub 58.00 USD');
  });
});

describe('run summary', () => {
  it('reads like the console promises', () => {
    const counts = emptyCounts();
    counts.toSub.created = 8;
    counts.toMain.created = 3;
    counts.toMain.updated = 1;
    const held = [
      { orderId: 'x', orderNumber: '5', sourceStoreName: 'Main', targetStoreName: 'Substore B', reason: 'SKU RW-CAP is not on Substore B' },
    ];
    expect(summarise(counts, held, [])).toBe(
      'Synced 12 orders: 8 to substores, 4 to the main store. 1 held — SKU RW-CAP is not on Substore B.',
    );
    expect(summarise(emptyCounts(), [], [])).toBe('Nothing new to sync — all orders are in sync.');
  });
});
