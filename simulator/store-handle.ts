import { truncateToSecond } from './wc-dates';
import type { Server } from 'node:http';
import type { KeyPair } from './api-keys';
import type { Product } from './catalogue';
import type { SimClock } from './clock';
import { REAL_STORE_COST, type CostModel } from './cost-model';
import type { FaultInjector } from './faults';
import type { Posted } from './order-lines';
import { orderJson } from './order-json';
import type { OrderNote } from './order-types';
import { randomOrderBody } from './order-generator';
import { createOrder, touchOrder, updateOrder } from './orders-service';
import type { Outbox } from './outbox';
import { SeededRandom } from './random';
import type { RequestStats } from './request-stats';
import { RestError } from './rest-errors';
import { seedOrders, type SeedOptions } from './seed-orders';
import type { SimStore } from './sim-store';
import type { WebhookDispatcher } from './webhook-dispatcher';
import type { WcOrder } from './wc-json-types';
import { createRefund } from './order-refunds';
import { refundJson, type RefundJson } from './routes/order-refunds';

export interface CostControl {
  readonly current: CostModel;
  set(changes: Partial<CostModel>): void;
  /** Back to the real store's figures at the given scale (default: the current scale). */
  reset(scale?: number): void;
}

export interface OrderReader {
  readonly count: number;
  get(id: number): WcOrder | undefined;
  /** Every order, oldest first (serialising 100,000 takes a moment). */
  all(): WcOrder[];
  /** Orders carrying meta `key` (with `value`, if given) — how tests find copies by their link. */
  withMeta(key: string, value?: unknown): WcOrder[];
  notes(orderId: number): OrderNote[];
  /** The order's refunds as `GET /orders/{id}/refunds` lists them (newest first). */
  refunds(orderId: number): RefundJson[];
}

export interface StoreHandle {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly readWrite: KeyPair;
  readonly readOnly: KeyPair;
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly cost: CostControl;
  readonly outbox: Outbox;
  readonly webhooks: WebhookDispatcher;
  readonly orders: OrderReader;
  readonly requests: RequestStats;
  /** Requests served over the API since start or the last `requests.reset()`. */
  readonly requestCount: number;
  /** As if a shopper checked out: `created_via: checkout`, status processing unless given. */
  createOrderDirectly(body?: Posted): WcOrder;
  /** As if a shopper registered an account; returns the customer's id. */
  createCustomerDirectly(input: { email: string; firstName?: string; lastName?: string }): number;
  /** As if the merchant deleted the account in wp-admin. */
  deleteCustomerDirectly(id: number): void;
  /** As if the merchant edited the order in wp-admin. */
  updateOrderDirectly(id: number, body: Posted): WcOrder;
  /** As if the merchant refunded in wp-admin (same body as `POST /orders/{id}/refunds`). */
  refundOrderDirectly(id: number, body: Posted): RefundJson;
  /** Bumps the modified date only, as viewing an order in wp-admin can. */
  touchOrder(id: number): WcOrder;
  seedOrders(count: number, options?: SeedOptions): void;
  /** New shop orders arriving at `perSecond`; returns a function that stops them. */
  startOrderFlow(perSecond: number): () => void;
  product(sku: string): Product | undefined;
  stockOf(sku: string): number | null | undefined;
  /** The underlying store, for the admin API and advanced tests. */
  readonly store: SimStore;
  readonly server: Server;
}

function orThrow(error: unknown): never {
  if (error instanceof RestError) throw new Error(`${error.code}: ${error.message}`);
  throw error;
}

export function createStoreHandle(store: SimStore, server: Server, url: string, port: number): StoreHandle {
  const { state } = store;
  const json = (id: number) => {
    const order = state.book.get(id);
    return order && orderJson(order, state.identity);
  };
  const flowRandom = new SeededRandom((store.options.seed ?? 1) + 99);
  let flowSequence = 0;
  const orders: OrderReader = {
    get count() {
      return state.book.size;
    },
    get: json,
    all: () => Array.from({ length: state.book.byIdOrder.length }, (_, index) => orderJson(state.book.byIdOrder.at(index), state.identity)),
    withMeta: (key, value) => {
      const found: WcOrder[] = [];
      for (const order of state.book.values()) {
        const hit = order.meta.some((meta) => meta.key === key && (value === undefined || meta.value === value));
        if (hit) found.push(orderJson(order, state.identity));
      }
      return found;
    },
    notes: (orderId) => [...state.book.notesOf(orderId)],
    refunds: (orderId) => [...(state.book.get(orderId)?.refunds ?? [])].reverse().map((refund) => refundJson(refund, state.identity)),
  };
  const cost: CostControl = {
    get current() {
      return store.cost;
    },
    set: (changes) => store.setCost(changes),
    reset: (scale) => store.setCost({ ...REAL_STORE_COST, scale: scale ?? store.cost.scale }),
  };
  const handle: StoreHandle = {
    name: state.identity.name,
    url,
    port,
    readWrite: store.readWrite,
    readOnly: store.readOnly,
    clock: state.clock,
    faults: store.faults,
    cost,
    outbox: state.outbox,
    webhooks: store.webhooks,
    orders,
    requests: store.stats,
    get requestCount() {
      return store.stats.total;
    },
    createOrderDirectly: (body = randomOrderBody(flowRandom, state.catalogue, ++flowSequence)) => {
      try {
        const order = createOrder(state, body, { validation: 'lenient', createdVia: 'checkout', defaultStatus: 'processing' });
        return orderJson(order, state.identity);
      } catch (error) {
        return orThrow(error);
      }
    },
    createCustomerDirectly: (input) => state.customers.add(input, truncateToSecond(state.clock.now())).id,
    deleteCustomerDirectly: (id) => {
      state.customers.remove(id);
    },
    updateOrderDirectly: (id, body) => {
      const order = state.book.get(id);
      if (!order) throw new Error(`No order ${id} on ${state.identity.name}`);
      try {
        return orderJson(updateOrder(state, order, body, 'lenient'), state.identity);
      } catch (error) {
        return orThrow(error);
      }
    },
    refundOrderDirectly: (id, body) => {
      const order = state.book.get(id);
      if (!order) throw new Error(`No order ${id} on ${state.identity.name}`);
      try {
        return refundJson(createRefund(state, order, body), state.identity);
      } catch (error) {
        return orThrow(error);
      }
    },
    touchOrder: (id) => {
      const order = state.book.get(id);
      if (!order) throw new Error(`No order ${id} on ${state.identity.name}`);
      touchOrder(state, order);
      return orderJson(order, state.identity);
    },
    seedOrders: (count, options) => {
      seedOrders(state, count, options);
    },
    startOrderFlow: (perSecond) => {
      const timer = setInterval(() => handle.createOrderDirectly(), Math.max(1, 1000 / perSecond));
      timer.unref();
      return () => clearInterval(timer);
    },
    product: (sku) => state.catalogue.findBySku(sku),
    stockOf: (sku) => state.catalogue.findBySku(sku)?.stockQuantity,
    store,
    server,
  };
  return handle;
}
