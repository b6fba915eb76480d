import type { CarriedPacing } from '@/db/schema';
import type { ConcurrencyState } from './batch-concurrency';

/** What a slice learnt about a target's pace is trusted by the next slice this long; a store may have changed since. */
export const PACING_TRUSTED_MS = 5 * 60_000;

export type Pace = { concurrency: ConcurrencyState; msPerOrder: number | null };

/**
 * How fast each target took batches in this run: how many in flight (and how far the ramp got) and the time
 * per order. Carried from slice to slice so a slice starts at the pace the last one reached instead of
 * ramping up again. A carried record that is malformed or old is ignored: that target ramps from the start.
 */
export class TargetPacing {
  private readonly byStore = new Map<string, CarriedPacing>();

  constructor(carried?: Record<string, unknown> | null, now = Date.now()) {
    if (!carried || typeof carried !== 'object') return;
    for (const [storeId, value] of Object.entries(carried)) {
      const pacing = validPacing(value, now);
      if (pacing) this.byStore.set(storeId, pacing);
    }
  }

  get(storeId: string): Pace | null {
    const pacing = this.byStore.get(storeId);
    if (!pacing) return null;
    return { concurrency: { level: pacing.level, settled: pacing.settled, previous: pacing.previous }, msPerOrder: pacing.msPerOrder };
  }

  remember(storeId: string, pace: Pace, now = Date.now()): void {
    const { level, settled, previous } = pace.concurrency;
    this.byStore.set(storeId, { level, settled, previous, msPerOrder: pace.msPerOrder, savedAt: now });
  }

  toRecord(): Record<string, CarriedPacing> {
    return Object.fromEntries(this.byStore);
  }
}

function validPacing(value: unknown, now: number): CarriedPacing | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!isCount(v.level) || typeof v.settled !== 'boolean') return null;
  if (typeof v.savedAt !== 'number' || !(Math.abs(now - v.savedAt) <= PACING_TRUSTED_MS)) return null;
  if (v.msPerOrder !== null && !isPositive(v.msPerOrder)) return null;
  let previous: CarriedPacing['previous'] = null;
  if (v.previous !== null) {
    const p = v.previous as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object' || !isCount(p.inFlight) || !isPositive(p.msPerOrder)) return null;
    previous = { inFlight: p.inFlight, msPerOrder: p.msPerOrder };
  }
  return { level: v.level, settled: v.settled, previous, msPerOrder: v.msPerOrder, savedAt: v.savedAt };
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
