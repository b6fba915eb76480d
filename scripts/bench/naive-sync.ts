import { createWooClient, type WooClient } from '@/lib/woo/client';
import { listOrders } from '@/lib/woo/orders-api';
import type { WooOrder } from '@/lib/woo/types';
import { formatWooGmt } from '@/lib/woo/types';
import type { StoreHandle } from '@/simulator';
import { PAGE_SIZE } from './lower-bound';

/**
 * The way order-by-order sync plugins work: read the new orders, then for each order and each target
 * one `POST /orders`, one request at a time. The same listing as the engine, so only the writing differs.
 */
export type NaiveOutcome = { copies: number; listRequests: number; listMs: number; copyMs: number };

/** `sample` < 1 copies only that share of each store's orders (every listing is still read in full). */
export async function naiveBackfill(main: StoreHandle, subs: StoreHandle[], syncStartAt: Date, sample = 1): Promise<NaiveOutcome> {
  const client = (store: StoreHandle) =>
    createWooClient({
      url: store.url,
      consumerKey: store.readWrite.consumerKey,
      consumerSecret: store.readWrite.consumerSecret,
      concurrency: 1,
    });
  const clients = new Map([main, ...subs].map((s) => [s.name, client(s)]));
  const outcome: NaiveOutcome = { copies: 0, listRequests: 0, listMs: 0, copyMs: 0 };
  const copyTo = async (order: WooOrder, source: StoreHandle, targets: StoreHandle[]) => {
    const started = performance.now();
    for (const target of targets) {
      await clients.get(target.name)!.request('post', 'orders', { body: naiveCopyBody(order, source.name) });
      outcome.copies += 1;
    }
    outcome.copyMs += performance.now() - started;
  };
  const copyFrom = async (source: StoreHandle, targets: StoreHandle[]) => {
    const started = performance.now();
    const orders = await readNewOrders(clients.get(source.name)!, syncStartAt, outcome);
    outcome.listMs += performance.now() - started;
    for (const order of orders.slice(0, Math.ceil(orders.length * sample))) await copyTo(order, source, targets);
  };
  await copyFrom(main, subs);
  for (const sub of subs) await copyFrom(sub, [main]);
  return outcome;
}

async function readNewOrders(client: WooClient, since: Date, outcome: NaiveOutcome): Promise<WooOrder[]> {
  const orders: WooOrder[] = [];
  for (let page = 1; ; page += 1) {
    const response = await listOrders(client, { orderby: 'modified', order: 'asc', modified_after: formatWooGmt(since), page });
    outcome.listRequests += 1;
    orders.push(...response.data);
    const totalPages = Number(response.headers['x-wp-totalpages'] ?? 0);
    if (response.data.length < PAGE_SIZE || (totalPages > 0 && page >= totalPages)) return orders;
  }
}

function naiveCopyBody(order: WooOrder, sourceName: string): Record<string, unknown> {
  return {
    status: order.status,
    currency: order.currency,
    customer_note: order.customer_note,
    payment_method: order.payment_method,
    payment_method_title: order.payment_method_title,
    billing: order.billing,
    shipping: order.shipping,
    line_items: (order.line_items ?? []).map((line) => ({ sku: line.sku, quantity: line.quantity })),
    shipping_lines: (order.shipping_lines ?? []).map((line) => ({
      method_id: line.method_id,
      method_title: line.method_title,
      total: line.total,
    })),
    meta_data: [{ key: '_naive_copy_of', value: `${sourceName}#${order.id}` }],
  };
}
