import { describe, expect, it } from 'vitest';
import { emptyCounts, summarise, type SyncIssue } from '@/lib/sync/summary';

const held = (orderNumber: string, reason: string): SyncIssue => ({
  orderId: orderNumber,
  orderNumber,
  sourceStoreName: 'Main Store',
  targetStoreName: 'Substore B',
  reason,
});

describe('the sentence a merchant reads after a run', () => {
  it('reads as the product brief says', () => {
    const counts = emptyCounts();
    counts.toSub.created = 8;
    counts.toMain.created = 4;
    expect(summarise(counts, [held('101', 'SKU RW-CAP is not on Substore B')], [])).toBe(
      'Synced 12 orders: 8 to substores, 4 to the main store. 1 held — SKU RW-CAP is not on Substore B.',
    );
  });

  it('names a reason shared by several orders once', () => {
    const reasons = ['SKU RW-CAP is not on Substore B', 'SKU RW-CAP is not on Substore B.', 'Currency EUR differs from USD on Main Store'];
    const text = summarise(
      emptyCounts(),
      reasons.map((r, i) => held(String(i), r)),
      [],
    );
    expect(text).toBe('No orders synced. 3 held — SKU RW-CAP is not on Substore B; Currency EUR differs from USD on Main Store.');
  });

  it('says when nothing was new', () => {
    expect(summarise(emptyCounts(), [], [])).toBe('Nothing new to sync — all orders are in sync.');
  });
});
