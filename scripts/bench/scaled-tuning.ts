import { DEFAULT_SYNC_TUNING, type SyncTuning } from '@/lib/sync';

/**
 * The engine sizes batches to take `batchBudgetMs` at the store's observed speed. Stores scaled down by
 * `scale` look `1/scale` times faster, so the budget is scaled alike: the engine then picks the batch
 * sizes it would pick against the real store. A run goes in slices of the budget Inngest gives each step
 * (240 s), scaled alike, so a backfill here is cut into as many slices as it would be against real stores.
 * Timeouts stay unscaled (safety nets, never reached here).
 */
export function scaledTuning(scale: number, sliceBudgetMs = DEFAULT_SYNC_TUNING.sliceBudgetMs): Partial<SyncTuning> {
  if (scale <= 0) return {};
  return { batchBudgetMs: DEFAULT_SYNC_TUNING.batchBudgetMs * scale, sliceBudgetMs: sliceBudgetMs * scale };
}
