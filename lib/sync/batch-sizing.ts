/** WooCommerce caps `/orders/batch` at 100 items in all. */
export const MAX_BATCH_SIZE = 100;
/** Used once per store, before its speed is known: small enough to be safe on a slow host, big enough to measure. */
export const FIRST_BATCH_SIZE = 10;

export type BatchSpeed = { msPerOrder: number | null };

/** Smoothed cost of one order inside a batch, from one more observation (whole request time / orders). */
export function observeBatchSpeed(speed: BatchSpeed, elapsedMs: number, orders: number): BatchSpeed {
  if (orders <= 0) return speed;
  const observed = elapsedMs / orders;
  return { msPerOrder: speed.msPerOrder === null ? observed : speed.msPerOrder * 0.5 + observed * 0.5 };
}

/** As many orders as fit the time budget at the observed speed, within 1…100. */
export function batchSizeFor(speed: BatchSpeed, budgetMs: number, fallback: number): number {
  if (speed.msPerOrder === null || speed.msPerOrder <= 0) return clampBatchSize(fallback);
  return clampBatchSize(Math.floor(budgetMs / speed.msPerOrder));
}

/** A batch that timed out is the strongest signal: halve. */
export function shrinkAfterTimeout(size: number): number {
  return clampBatchSize(Math.floor(size / 2));
}

export function clampBatchSize(size: number): number {
  if (!Number.isFinite(size)) return MAX_BATCH_SIZE;
  return Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(size)));
}
