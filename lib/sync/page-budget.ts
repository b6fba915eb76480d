import type { Store } from '@/db/schema';
import { WooRequestError } from '@/lib/woo/errors';

/**
 * How many list pages each store may send in one run, all its listings together. A store's answers are
 * untrusted: one that pages forever (full pages of ever-new orders, nonsense X-WP-TotalPages) holds a run
 * and one of the global sync slots only this long.
 */
export class PageBudget {
  private readonly spent: Map<string, number>;

  /** `spentBefore`: what earlier slices of the same run used, so the budget is the run's, not a slice's. */
  constructor(
    readonly pagesPerStore: number,
    spentBefore: Record<string, number> = {},
  ) {
    this.spent = new Map(Object.entries(spentBefore));
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.spent);
  }

  /** Counts a page about to be asked for; false when the store has had all its pages this run. */
  take(storeId: string): boolean {
    const spent = this.spent.get(storeId) ?? 0;
    if (spent >= this.pagesPerStore) return false;
    this.spent.set(storeId, spent + 1);
    return true;
  }

  /** For listings that cannot stop half-way with a useful result: take a page or fail the listing. */
  takeOrThrow(store: Store, listing: string): void {
    if (!this.take(store.id)) throw new PageLimitError(store, listing, this.pagesPerStore);
  }
}

export class PageLimitError extends WooRequestError {
  constructor(store: Store, listing: string, pages: number) {
    super(
      `Stopped listing ${listing} on ${store.name}: it already sent ${pages} pages this run (maxStorePagesPerRun); the next run goes on`,
      { kind: 'permanent', code: 'PAGE_LIMIT' },
    );
    this.name = 'PageLimitError';
  }
}

export function pageLimitNote(store: Store, pages: number): string {
  return `Stopped reading ${store.name} after ${pages} pages of orders, the most one run reads from a store (maxStorePagesPerRun); the next run continues from where this one stopped`;
}
