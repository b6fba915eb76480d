import { describe, expect, it } from 'vitest';
import { copyHasMovedOn, describeLineChanges, lineChanges, lineEditPayload } from '@/lib/sync/line-edits';
import { mirroredRefundIdsOn, planRefund, refundableCents, REFUND_ORIGIN_META } from '@/lib/sync/refunds';

const copy = {
  total: '45.00',
  refunds: [{ id: 9, total: '-5.00' }],
  line_items: [
    { id: 71, sku: 'RW-MUG', quantity: 2 },
    { id: 72, sku: 'RW-TSHIRT', quantity: 1 },
  ],
};
const ctx = { marker: 's:1:7', copy, copyNumber: '200', targetName: 'Main', sourceLabel: 'Sub A order #1', restock: true };

describe('a mirrored refund', () => {
  it('has the same amount and lines, on the copy’s own line ids, never through a gateway, with its marker', () => {
    const plan = planRefund(
      { id: 7, amount: '12.50', reason: 'broken', line_items: [{ sku: 'RW-MUG', quantity: -1, total: '-12.50' }] },
      ctx,
    );
    expect(plan).toEqual({
      kind: 'send',
      body: {
        amount: '12.50',
        reason: 'broken (refunded on Sub A order #1)',
        api_refund: false,
        api_restock: true,
        line_items: [{ id: 71, quantity: 1, refund_total: '12.50' }],
        meta_data: [{ key: REFUND_ORIGIN_META, value: 's:1:7' }],
      },
    });
  });

  it('is held when it is more than the copy has left, or names a line the copy lacks', () => {
    expect(refundableCents(copy)).toBe(4000);
    expect(planRefund({ id: 7, amount: '40.01' }, ctx)).toEqual({
      kind: 'hold',
      reason: 'Refund of 40.01 is more than the 40.00 left to refund on copy #200 on Main',
    });
    expect(planRefund({ id: 7, amount: '40.00' }, ctx).kind).toBe('send');
    expect(planRefund({ id: 7, amount: '15.00', line_items: [{ sku: 'RW-CAP', quantity: -1, total: '-15.00' }] }, ctx)).toEqual({
      kind: 'hold',
      reason: "The refund's line SKU RW-CAP is not a line of copy #200 on Main",
    });
  });

  it('is found on the copy by its marker, for this source order only', () => {
    const refunds = [
      { id: 1, amount: '1.00', meta_data: [{ key: REFUND_ORIGIN_META, value: 's:1:7' }] },
      { id: 2, amount: '1.00', meta_data: [{ key: REFUND_ORIGIN_META, value: 's:12:8' }] },
      { id: 3, amount: '1.00', meta_data: [{ key: 'other', value: 's:1:9' }] },
    ];
    expect([...mirroredRefundIdsOn(refunds, 's', 1)]).toEqual([7]);
  });
});

describe('a line edit', () => {
  const was = [
    { id: 1, sku: 'A', quantity: 2, subtotal: '20.00', total: '20.00' },
    { id: 2, sku: 'B', quantity: 1, total: '5.00' },
  ];
  it('is described and sent with the amounts, a new SKU added, a gone one removed', () => {
    const now = [
      { sku: 'A', quantity: 3, subtotal: '30.00', total: '30.00' },
      { sku: 'C', quantity: 1, total: '7.00' },
    ];
    const changes = lineChanges(now, was)!;
    expect(describeLineChanges(changes)).toBe('A quantity 2 → 3; C added (quantity 1, total 7.00); B removed');
    expect(lineEditPayload(changes)).toEqual([
      { id: 1, quantity: 3, subtotal: '30.00', total: '30.00' },
      { sku: 'C', quantity: 1, subtotal: '7.00', total: '7.00' },
      { id: 2, quantity: 0 },
    ]);
    expect(lineChanges(was, was)).toEqual([]);
    expect(lineChanges([...was, { sku: 'A', quantity: 1, total: '1.00' }], was)).toBeNull();
  });

  it('is never carried to a copy completed or refunded', () => {
    expect(copyHasMovedOn({ status: 'processing', refunds: [] })).toBe(false);
    expect(copyHasMovedOn({ status: 'completed' })).toBe(true);
    expect(copyHasMovedOn({ status: 'processing', refunds: [{ id: 1, total: '-1.00' }] })).toBe(true);
  });
});
