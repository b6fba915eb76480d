import type { WooClient, WooQuery, WooResponse } from './client';
import { WooRequestError } from './errors';
import { isLastPage } from './paging';
import type { WooBatchResponse, WooOrder, WooOrderNote, WooProductSku, WooRefund } from './types';

export const WOO_PAGE_SIZE = 100;

/** What the sync reads from each order: everything a copy is built from, none of the links and HTML. */
export const ORDER_FIELDS = [
  'id',
  'number',
  'status',
  'currency',
  'total',
  'customer_id',
  'customer_note',
  'payment_method',
  'payment_method_title',
  'transaction_id',
  'prices_include_tax',
  'date_created_gmt',
  'date_modified_gmt',
  'billing',
  'shipping',
  'line_items',
  'shipping_lines',
  'fee_lines',
  'coupon_lines',
  'meta_data',
  'refunds',
].join(',');

export function listOrders(client: WooClient, query: WooQuery, signal?: AbortSignal): Promise<WooResponse<WooOrder[]>> {
  return client.requestWithRetry<WooOrder[]>('get', 'orders', {
    query: { per_page: WOO_PAGE_SIZE, dates_are_gmt: true, _fields: ORDER_FIELDS, ...query },
    signal,
  });
}

export async function getOrder(client: WooClient, remoteId: number, signal?: AbortSignal): Promise<WooOrder> {
  const response = await client.requestWithRetry<WooOrder>('get', `orders/${remoteId}`, { query: { _fields: ORDER_FIELDS }, signal });
  return response.data;
}

export async function batchOrders(
  client: WooClient,
  body: { create?: unknown[]; update?: unknown[] },
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WooBatchResponse> {
  const response = await client.request<WooBatchResponse>('post', 'orders/batch', { body, timeoutMs, signal });
  return response.data ?? {};
}

export async function listOrderNotes(client: WooClient, remoteId: number, signal?: AbortSignal): Promise<WooOrderNote[]> {
  const response = await client.requestWithRetry<WooOrderNote[]>('get', `orders/${remoteId}/notes`, {
    query: { type: 'internal', _fields: 'id,note,customer_note,date_created_gmt' },
    signal,
  });
  return response.data;
}

export async function addPrivateOrderNote(client: WooClient, remoteId: number, note: string, signal?: AbortSignal): Promise<void> {
  await client.request('post', `orders/${remoteId}/notes`, { body: { note, customer_note: false }, signal });
}

export async function listOrderRefunds(client: WooClient, remoteId: number, signal?: AbortSignal): Promise<WooRefund[]> {
  const response = await client.requestWithRetry<WooRefund[]>('get', `orders/${remoteId}/refunds`, {
    query: { per_page: WOO_PAGE_SIZE, _fields: 'id,amount,reason,date_created_gmt,meta_data,line_items' },
    signal,
  });
  return Array.isArray(response.data) ? response.data : [];
}

/** One refund per request (WooCommerce has no batch route for refunds); a write, so never retried blindly. */
export async function createOrderRefund(
  client: WooClient,
  remoteId: number,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<WooRefund> {
  const response = await client.request<WooRefund>('post', `orders/${remoteId}/refunds`, { body, signal });
  return response.data;
}

/**
 * `GET /products?sku=A,B` answers with products and variations carrying those SKUs. A SKU belongs to one
 * product or variation, so the answer fits in as many pages as SKUs asked for; a store sending more is
 * not believed.
 */
export async function findSkus(client: WooClient, skus: string[], signal?: AbortSignal): Promise<Set<string>> {
  const found = new Set<string>();
  const mostPages = Math.ceil(skus.length / WOO_PAGE_SIZE) + 1;
  for (let page = 1; page <= mostPages; page += 1) {
    const response = await client.requestWithRetry<WooProductSku[]>('get', 'products', {
      query: { sku: skus.join(','), per_page: WOO_PAGE_SIZE, page, _fields: 'id,sku,parent_id' },
      signal,
    });
    const products = Array.isArray(response.data) ? response.data : [];
    for (const product of products) if (product.sku) found.add(product.sku);
    if (isLastPage(products.length, WOO_PAGE_SIZE, page, response.headers['x-wp-totalpages'])) return found;
  }
  throw new WooRequestError(
    `GET products on ${new URL(client.url).host} kept sending full pages past the ${skus.length} SKU(s) asked for (${mostPages} pages); stopped reading`,
    { kind: 'permanent', code: 'PAGE_LIMIT' },
  );
}
