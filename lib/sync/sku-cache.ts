import type { Store } from '@/db/schema';
import type { WooClient } from '@/lib/woo/client';
import { findSkus } from '@/lib/woo/orders-api';

const SKUS_PER_LOOKUP = 100;

/** Which SKUs each target carries, asked at most once per SKU per run, 100 SKUs a request. */
export class SkuCache {
  private readonly known = new Map<string, Map<string, boolean>>();

  /** What an earlier slice of the run learned (`toRecord`), so a later one does not ask again. */
  constructor(learned: Record<string, Record<string, boolean>> = {}) {
    for (const [storeId, skus] of Object.entries(learned)) this.known.set(storeId, new Map(Object.entries(skus)));
  }

  toRecord(): Record<string, Record<string, boolean>> {
    return Object.fromEntries([...this.known].map(([storeId, skus]) => [storeId, Object.fromEntries(skus)]));
  }

  async ensure(store: Store, client: WooClient, skus: Iterable<string>, signal?: AbortSignal): Promise<void> {
    const forStore = this.forStore(store.id);
    // The store splits `?sku=` on commas, so a SKU containing one cannot be asked for: it stays unknown and its order is held.
    const unknown = [...new Set(skus)].filter((sku) => !forStore.has(sku));
    for (let i = 0; i < unknown.length; i += SKUS_PER_LOOKUP) {
      const chunk = unknown.slice(i, i + SKUS_PER_LOOKUP);
      const askable = chunk.filter((s) => !s.includes(','));
      const found = askable.length > 0 ? await findSkus(client, askable, signal) : new Set<string>();
      for (const sku of chunk) forStore.set(sku, found.has(sku));
    }
  }

  knownSkus(storeId: string): ReadonlySet<string> {
    const forStore = this.forStore(storeId);
    return new Set([...forStore].filter(([, present]) => present).map(([sku]) => sku));
  }

  private forStore(storeId: string): Map<string, boolean> {
    let forStore = this.known.get(storeId);
    if (!forStore) {
      forStore = new Map();
      this.known.set(storeId, forStore);
    }
    return forStore;
  }
}
