import { describe, expect, it } from 'vitest';
import { batchSizeFor, clampBatchSize, FIRST_BATCH_SIZE, observeBatchSpeed, shrinkAfterTimeout } from '@/lib/sync/batch-sizing';

describe('batch sizing', () => {
  it('starts small until the store has shown its speed', () => {
    expect(batchSizeFor({ msPerOrder: null }, 15_000, FIRST_BATCH_SIZE)).toBe(FIRST_BATCH_SIZE);
  });

  it('fits the time budget at the observed per-order cost, never above the API cap of 100', () => {
    const realStore = observeBatchSpeed({ msPerOrder: null }, 1_600, 10); // 160 ms per order
    expect(batchSizeFor(realStore, 15_000, 10)).toBe(93);
    const fast = observeBatchSpeed({ msPerOrder: null }, 50, 10);
    expect(batchSizeFor(fast, 15_000, 10)).toBe(100);
    const slowHost = observeBatchSpeed({ msPerOrder: null }, 10_000, 10); // 1 s per order
    expect(batchSizeFor(slowHost, 15_000, 10)).toBe(15);
  });

  it('smooths observations and halves after a timeout', () => {
    const a = observeBatchSpeed({ msPerOrder: 100 }, 3_000, 10);
    expect(a.msPerOrder).toBe(200);
    expect(shrinkAfterTimeout(100)).toBe(50);
    expect(shrinkAfterTimeout(1)).toBe(1);
    expect(clampBatchSize(0)).toBe(1);
    expect(clampBatchSize(250)).toBe(100);
  });
});
