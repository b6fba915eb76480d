import { sleep } from '@/lib/utils/sleep';

/**
 * What a request costs a store, with defaults from a real WooCommerce 9.9.5 store (shared/woo/README.md):
 * ~65 ms of WordPress boot per request, ~150 ms per order written (serially, inside the request),
 * ~4.8 ms per order read into a page, 4 PHP workers. `scale` multiplies every duration.
 */
export interface CostModel {
  overheadMs: number;
  perOrderWriteMs: number;
  perOrderReadMs: number;
  /** Share of the read cost left when `_fields` trims the response (550 ms → 210 ms measured). */
  trimmedReadFactor: number;
  workers: number;
  /**
   * CPU cores the workers share. With more requests at work than cores, each one's work takes that much
   * longer (the measured store: ≈ 6.7 orders/s alone, ≈ 11 with two or more at once). Null: a core each.
   */
  sharedCores: number | null;
  /** Like PHP's max_execution_time, in unscaled ms; null = no limit. */
  timeLimitMs: number | null;
  /** What the client sees when the time limit kills a request: a PHP fatal error page, or nothing. */
  timeLimitOutcome: 'error' | 'drop';
  scale: number;
}

export const REAL_STORE_COST: CostModel = {
  overheadMs: 65,
  perOrderWriteMs: 150,
  perOrderReadMs: 4.8,
  trimmedReadFactor: 0.3,
  workers: 4,
  sharedCores: null,
  timeLimitMs: null,
  timeLimitOutcome: 'error',
  scale: 1,
};

/** Thrown inside a handler when the time limit is reached; what was already done stays done. */
export class TimeLimitExceeded extends Error {
  constructor() {
    super('Maximum execution time exceeded');
  }
}

/**
 * The clock of one request inside a worker. Costs accumulate on a timeline and the request sleeps
 * until that timeline, so many tiny scaled costs add up exactly instead of rounding to 0 or 1 ms each.
 */
export class RequestBudget {
  private readonly startedAt = performance.now();
  private spentMs = 0;

  constructor(
    private readonly cost: () => CostModel,
    /** Requests at work on the store right now. */
    private readonly load: () => number = () => 1,
  ) {}

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Pays `unscaledMs` of work; throws TimeLimitExceeded (after using up the time left) when it does not fit. */
  async spend(unscaledMs: number): Promise<void> {
    const model = this.cost();
    const slowdown = model.sharedCores === null ? 1 : Math.max(1, this.load() / model.sharedCores);
    const scaled = unscaledMs * model.scale * slowdown;
    const limit = model.timeLimitMs === null ? Number.POSITIVE_INFINITY : model.timeLimitMs * model.scale;
    if (this.spentMs + scaled > limit) {
      this.spentMs = limit;
      await this.waitForTimeline();
      throw new TimeLimitExceeded();
    }
    this.spentMs += scaled;
    await this.waitForTimeline();
  }

  private async waitForTimeline(): Promise<void> {
    const ahead = this.spentMs - this.elapsedMs;
    if (ahead >= 1) await sleep(ahead);
  }
}

/** A store's PHP workers: requests beyond the count wait their turn, first come first served. */
export class WorkerPool {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  /** Most requests in work, and waiting, at once (tests and benchmarks reset them). */
  peakActive = 0;
  peakQueued = 0;

  constructor(private readonly capacity: () => number) {}

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.busy;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy >= Math.max(1, this.capacity())) {
      const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
      this.peakQueued = Math.max(this.peakQueued, this.waiting.length);
      await turn;
    } else this.busy++;
    this.peakActive = Math.max(this.peakActive, this.busy);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
