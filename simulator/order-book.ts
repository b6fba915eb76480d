import type { Order, OrderNote } from './order-types';
import { HIDDEN_FROM_ANY } from './order-types';
import { SortedOrders } from './sorted-orders';

/** All orders and notes of one store, indexed by id, creation time and modification time. */
export class OrderBook {
  private readonly byId = new Map<number, Order>();
  readonly byCreated = new SortedOrders((order) => order.createdAt);
  readonly byModified = new SortedOrders((order) => order.modifiedAt);
  readonly byIdOrder = new SortedOrders(() => 0);
  private readonly notesByOrder = new Map<number, OrderNote[]>();
  private hiddenCount = 0;

  get size(): number {
    return this.byId.size;
  }

  /** True when every order is visible under `status=any`, which allows the fast listing path. */
  get allVisibleUnderAny(): boolean {
    return this.hiddenCount === 0;
  }

  get(id: number): Order | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<Order> {
    return this.byId.values();
  }

  add(order: Order): void {
    this.byId.set(order.id, order);
    this.byCreated.insert(order);
    this.byModified.insert(order);
    this.byIdOrder.insert(order);
    if (HIDDEN_FROM_ANY.has(order.status)) this.hiddenCount++;
  }

  /** Every change to an order goes through here so the indexes stay true. */
  change(order: Order, mutate: (order: Order) => void): void {
    const previousModified = order.modifiedAt;
    const wasHidden = HIDDEN_FROM_ANY.has(order.status);
    mutate(order);
    if (order.modifiedAt !== previousModified) {
      this.byModified.remove(order, previousModified);
      this.byModified.insert(order);
    }
    const isHidden = HIDDEN_FROM_ANY.has(order.status);
    if (wasHidden !== isHidden) this.hiddenCount += isHidden ? 1 : -1;
  }

  delete(order: Order): void {
    if (!this.byId.delete(order.id)) return;
    this.byCreated.remove(order, order.createdAt);
    this.byModified.remove(order, order.modifiedAt);
    this.byIdOrder.remove(order, 0);
    this.notesByOrder.delete(order.id);
    if (HIDDEN_FROM_ANY.has(order.status)) this.hiddenCount--;
  }

  addNote(note: OrderNote): void {
    const notes = this.notesByOrder.get(note.orderId);
    if (notes) notes.push(note);
    else this.notesByOrder.set(note.orderId, [note]);
  }

  notesOf(orderId: number): OrderNote[] {
    return this.notesByOrder.get(orderId) ?? [];
  }
}
