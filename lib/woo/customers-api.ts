import type { WooClient } from './client';
import { WOO_PAGE_SIZE } from './orders-api';

export type WooCustomerEmail = { id: number; email: string };

/** One page of the store's registered customers (every role), newest account first. */
export async function listCustomersNewestFirst(client: WooClient, page: number, signal?: AbortSignal): Promise<{ customers: WooCustomerEmail[]; lastPage: boolean }> {
  const response = await client.requestWithRetry<WooCustomerEmail[]>('get', 'customers', {
    query: { role: 'all', orderby: 'id', order: 'desc', per_page: WOO_PAGE_SIZE, page, _fields: 'id,email' },
    signal,
  });
  const customers = Array.isArray(response.data) ? response.data : [];
  const totalPages = Number(response.headers['x-wp-totalpages'] ?? 1);
  return { customers, lastPage: customers.length < WOO_PAGE_SIZE || page >= totalPages };
}
