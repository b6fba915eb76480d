import type { Order } from './order-types';

export type OrderEventKind = 'created' | 'updated' | 'deleted' | 'restored';

export interface OrderEvent {
  kind: OrderEventKind;
  order: Order;
}

export type OrderEventListener = (event: OrderEvent) => void;

export class OrderEvents {
  private readonly listeners: OrderEventListener[] = [];

  subscribe(listener: OrderEventListener): void {
    this.listeners.push(listener);
  }

  emit(event: OrderEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
