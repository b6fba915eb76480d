/** Batches sent at one level before its speed is judged. */
export const SAMPLES_PER_LEVEL = 3;
/** One more request in flight must raise the store's throughput by this much to be kept. */
export const REQUIRED_GAIN = 1.15;

type Level = { inFlight: number; msPerOrder: number };

/** Where a target's ramp stood: the next slice of a run resumes it instead of climbing again from the start. */
export type ConcurrencyState = { level: number; settled: boolean; previous: Level | null };

/**
 * How many batches a target gets in flight at once. It starts at `start` and adds one at a time while
 * the store turns the extra request into throughput (orders per second over all requests), up to `max`.
 * A store whose workers share a few cores answers each request more slowly instead: the level before
 * is kept. A timeout or a "slow down" answer takes one away for good.
 */
export class BatchConcurrency {
  private level: number;
  private settled = false;
  private samples: number[] = [];
  private previous: Level | null = null;
  private inFlight = 0;
  private requests = 0;

  constructor(
    private readonly max: number,
    start = 2,
  ) {
    this.max = Math.max(1, Math.floor(max));
    this.level = Math.max(1, Math.min(this.max, Math.floor(start)));
    if (this.level === this.max) this.settled = true;
  }

  /** Picks up a ramp where `state` left it, within today's `max`; no state → a fresh ramp. */
  static resume(max: number, state: ConcurrencyState | null): BatchConcurrency {
    if (!state) return new BatchConcurrency(max);
    const concurrency = new BatchConcurrency(max, state.level);
    concurrency.settled ||= state.settled;
    // A judged level below the resumed one still tells whether one more request paid off.
    if (state.previous && state.previous.inFlight < concurrency.level) concurrency.previous = { ...state.previous };
    return concurrency;
  }

  get limit(): number {
    return this.level;
  }

  /** Requests sent through `send` so far. */
  get sent(): number {
    return this.requests;
  }

  state(): ConcurrencyState {
    return { level: this.level, settled: this.settled, previous: this.previous ? { ...this.previous } : null };
  }

  /**
   * Sends one request counted as in flight; `answered` judges its speed against the number in flight when
   * it was sent.
   */
  async send<T>(request: (answered: (msPerOrder: number) => void) => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.requests += 1;
    const sentWith = this.inFlight;
    try {
      return await request((msPerOrder) => this.observe(msPerOrder, sentWith));
    } finally {
      this.inFlight -= 1;
    }
  }

  /** One answered batch: the whole request's time per order, and how many requests were in flight when it was sent. */
  observe(msPerOrder: number, inFlightWhenSent: number): void {
    if (this.settled || !(msPerOrder > 0) || inFlightWhenSent < this.level) return;
    this.samples.push(msPerOrder);
    if (this.samples.length < SAMPLES_PER_LEVEL) return;
    const current: Level = { inFlight: this.level, msPerOrder: median(this.samples) };
    this.samples = [];
    if (this.previous && throughput(current) < throughput(this.previous) * REQUIRED_GAIN) {
      this.level = this.previous.inFlight;
      this.settled = true;
      return;
    }
    this.previous = current;
    if (this.level >= this.max) this.settled = true;
    else this.level += 1;
  }

  /** The store timed out or asked us to slow down. */
  backOff(): void {
    this.level = Math.max(1, this.level - 1);
    this.samples = [];
    this.settled = true;
  }
}

function throughput(level: Level): number {
  return level.inFlight / level.msPerOrder;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
