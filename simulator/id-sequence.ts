/** Counters for the ids a store hands out (orders, items, meta, notes, webhooks). */
export class IdSequence {
  constructor(private nextValue: number) {}

  next(): number {
    return this.nextValue++;
  }

  peek(): number {
    return this.nextValue;
  }
}

export interface StoreIds {
  order: IdSequence;
  item: IdSequence;
  meta: IdSequence;
  note: IdSequence;
  webhook: IdSequence;
}
