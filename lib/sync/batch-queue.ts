import { Pulse } from '@/lib/utils/pulse';

/**
 * Copies ready to send, between the code that loads and prepares them and the workers that batch them.
 * A worker takes a full batch, or a part-filled one only once nothing more is coming, so loading in
 * chunks (or as a pull goes on) never adds a request. The producer waits while the queue is full.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private closed = false;
  private failure: { error: unknown } | null = null;
  private readonly changes = new Pulse();

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length;
  }

  async push(items: T[]): Promise<void> {
    this.items.push(...items);
    this.changes.emit();
    while (this.items.length >= this.capacity && !this.failure) await this.changes.next();
    this.throwIfFailed();
  }

  /** Closed and emptied: no batch is left to take. */
  get finished(): boolean {
    return this.closed && this.items.length === 0;
  }

  /** Nothing more will be pushed. */
  close(): void {
    this.closed = true;
    this.changes.emit();
  }

  /** Stops producer and workers alike at their next wait. */
  fail(error: unknown): void {
    if (!this.failure) this.failure = { error };
    this.changes.emit();
  }

  /** Up to `size()` items: a full batch, or what is left once closed; null when closed and empty. */
  async take(size: () => number): Promise<T[] | null> {
    for (;;) {
      this.throwIfFailed();
      const wanted = Math.max(1, size());
      if (this.items.length >= wanted || (this.closed && this.items.length > 0)) {
        const batch = this.items.splice(0, wanted);
        this.changes.emit();
        return batch;
      }
      if (this.closed) return null;
      await this.changes.next();
    }
  }

  /** Waits for anything to happen: items, closing, failure, or a `nudge`. */
  async idle(): Promise<void> {
    this.throwIfFailed();
    await this.changes.next();
    this.throwIfFailed();
  }

  nudge(): void {
    this.changes.emit();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
