import type { WooClient } from './client';
import { WOO_PAGE_SIZE } from './orders-api';
import { isLastPage } from './paging';

export type WooCustomerEmail = { id: number; email: string };

/** One page of the store's registered customers (every role), newest account first. */
export async function listCustomersNewestFirst(
  client: WooClient,
  page: number,
  signal?: AbortSignal,
): Promise<{ customers: WooCustomerEmail[]; lastPage: boolean }> {
  const response = await client.requestWithRetry<WooCustomerEmail[]>('get', 'customers', {
    query: { role: 'all', orderby: 'id', order: 'desc', per_page: WOO_PAGE_SIZE, page, _fields: 'id,email' },
    signal,
  });
  const customers = Array.isArray(response.data) ? response.data : [];
  return { customers, lastPage: isLastPage(customers.length, WOO_PAGE_SIZE, page, response.headers['x-wp-totalpages']) };
}
