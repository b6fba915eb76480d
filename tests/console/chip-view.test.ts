import { describe, expect, it } from 'vitest';
import { chipView } from '@/lib/console/chip-view';
import type { TargetChip } from '@/lib/data/order-list';

const chip = (overrides: Partial<TargetChip>): TargetChip => ({
  linkId: 'link-1',
  storeId: 'store-1',
  storeName: 'Substore B',
  storeUrl: 'https://b.example.test/',
  state: 'synced',
  needsUpdate: false,
  targetRemoteId: 812,
  targetNumber: 'B-812',
  lastError: null,
  changedAfterCopy: null,
  retryScheduled: false,
  refundHeld: false,
  ...overrides,
});

describe('a target chip', () => {
  it('links a synced copy to its edit screen in the target’s WooCommerce admin', () => {
    expect(chipView(chip({}))).toEqual({
      state: 'synced',
      text: '#B-812 on Substore B',
      tip: 'Open order #B-812 in Substore B’s WooCommerce admin (new tab)',
      href: 'https://b.example.test/wp-admin/admin.php?page=wc-orders&action=edit&id=812',
    });
    expect(chipView(chip({ targetNumber: null })).text).toBe('#812 on Substore B');
  });

  it('says a copy whose original changed is waiting for its update, and still links it', () => {
    const view = chipView(chip({ needsUpdate: true }));
    expect(view).toMatchObject({ state: 'updating', text: '#B-812 on Substore B · update waiting' });
    expect(view.href).not.toBeNull();
  });

  it('gives a held or failed copy the store’s reason, and no link', () => {
    expect(
      chipView(chip({ state: 'held', targetRemoteId: null, targetNumber: null, lastError: 'SKU RW-CAP is not on Substore B' })),
    ).toEqual({
      state: 'held',
      text: 'Held for Substore B',
      tip: 'SKU RW-CAP is not on Substore B',
      href: null,
    });
    expect(chipView(chip({ state: 'failed', targetRemoteId: null, lastError: null })).tip).toBe(
      'No reason was recorded. Sync the order again to see the store’s answer.',
    );
  });

  it('tells a failure that will be retried from one that will not', () => {
    const view = chipView(chip({ state: 'failed', targetRemoteId: null, lastError: 'The store timed out.', retryScheduled: true }));
    expect(view).toMatchObject({
      state: 'retrying',
      text: 'Retrying for Substore B',
      tip: 'The store timed out. It is tried again on the next sync.',
    });
  });

  it('says a copy was changed after copying, with what differs', () => {
    const view = chipView(chip({ changedAfterCopy: 'RW-MUG quantity 2 → 3 (copy is completed)' }));
    expect(view.state).toBe('synced');
    expect(view.text).toBe('#B-812 on Substore B · changed after copying');
    expect(view.tip).toMatch(
      /^Changed after copying: RW-MUG quantity 2 → 3 \(copy is completed\)\. The copy was left as it is, for you to decide\. Open order #B-812/,
    );
    expect(view.href).not.toBeNull();
  });

  it('shows a copy holding a refund as held, with the reason, and still links it', () => {
    const view = chipView(
      chip({
        changedAfterCopy: 'RW-MUG quantity 2 → 3 (copy is completed)',
        lastError: 'Refund of 5.00 is more than the 1.00 left to refund on copy #B-812 on Substore B',
        refundHeld: true,
      }),
    );
    expect(view.state).toBe('held');
    expect(view.text).toBe('#B-812 on Substore B · refund held');
    expect(view.tip).toMatch(
      /^Changed after copying: RW-MUG quantity 2 → 3 \(copy is completed\)\. The copy was left as it is, for you to decide\. Refund of 5\.00 is more than/,
    );
    expect(view.href).not.toBeNull();
  });

  it('shows a copy being created as pending', () => {
    expect(chipView(chip({ state: 'creating', targetRemoteId: null, targetNumber: null }))).toMatchObject({
      state: 'pending',
      text: 'Pending for Substore B',
      href: null,
    });
  });
});
