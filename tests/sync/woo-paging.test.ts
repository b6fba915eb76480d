import { afterEach, describe, expect, it } from 'vitest';
import { createWooClient } from '@/lib/woo/client';
import { listCustomersNewestFirst } from '@/lib/woo/customers-api';
import { findSkus } from '@/lib/woo/orders-api';
import { isLastPage, parseWpCount } from '@/lib/woo/paging';
import { PageBudget, PageLimitError } from '@/lib/sync/page-budget';
import { createStallCheck } from '@/lib/sync/keyset-cursor';
import { DEFAULT_SYNC_TUNING } from '@/lib/sync';
import type { Store } from '@/db/schema';
import { startLocalServer, type LocalServer } from '@/tests/stores/support/local-server';

describe('X-WP-Total / X-WP-TotalPages', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    [' 42 ', 42],
    ['100000000', 100_000_000],
  ])('reads %j as %d', (value, count) => expect(parseWpCount(value)).toBe(count));

  it.each([undefined, '', 'abc', '-1', '1e9', '2.5', '0x10', '999999999999', '100000001', '12abc', 'Infinity', 'NaN'])(
    'takes %j for no count',
    (value) => {
      expect(parseWpCount(value)).toBeNull();
    },
  );

  it('ends a listing on a short page, or where a sane header says, never on a nonsense one', () => {
    expect(isLastPage(99, 100, 1, 'abc')).toBe(true);
    expect(isLastPage(100, 100, 3, '3')).toBe(true);
    expect(isLastPage(100, 100, 2, '3')).toBe(false);
    expect(isLastPage(100, 100, 5, 'abc')).toBe(false);
    expect(isLastPage(100, 100, 5, '-1')).toBe(false);
    expect(isLastPage(100, 100, 5, undefined)).toBe(false);
  });
});

describe('listings a store pages through', () => {
  let server: LocalServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  /** Always a full page with a nonsense X-WP-TotalPages: the "loops forever" store. */
  async function endlessStore(header: string, item: (n: number) => unknown): Promise<ReturnType<typeof createWooClient>> {
    let n = 0;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-wp-totalpages': header, 'x-wp-total': header });
      res.end(JSON.stringify(Array.from({ length: 100 }, () => item((n += 1)))));
    });
    return createWooClient({ url: server.url, consumerKey: 'ck', consumerSecret: 'cs' });
  }

  it.each(['abc', '-1', '1e9'])('the SKU lookup stops after the pages its SKUs can fill (X-WP-TotalPages: %s)', async (header) => {
    const client = await endlessStore(header, (n) => ({ id: n, sku: `JUNK-${n}` }));
    const error = await findSkus(client, ['RW-MUG', 'RW-CAP']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAGE_LIMIT', kind: 'permanent' });
    expect((error as Error).message).toMatch(/kept sending full pages past the 2 SKU\(s\) asked for \(2 pages\)/);
    expect(server!.requests).toHaveLength(2);
  });

  it('a page of customers with a nonsense count is not the last one, and the next short page is', async () => {
    const client = await endlessStore('abc', (n) => ({ id: 1_000 - n, email: `c${n}@example.com` }));
    expect((await listCustomersNewestFirst(client, 7)).lastPage).toBe(false);
  });
});

describe('PageBudget', () => {
  const store = { id: 's1', name: 'Hostile Store' } as Store;

  it('by default lets the benchmarks through in one run: a 100,000-order pull reads 1,043 pages', () => {
    expect(DEFAULT_SYNC_TUNING.maxStorePagesPerRun).toBeGreaterThanOrEqual(1_043);
  });

  it('gives each store its pages per run, separately', () => {
    const budget = new PageBudget(2);
    expect([budget.take('s1'), budget.take('s1'), budget.take('s1'), budget.take('s2')]).toEqual([true, true, false, true]);
  });

  it('fails a listing that cannot stop half-way, naming the store and the limit', () => {
    const budget = new PageBudget(1);
    budget.takeOrThrow(store, 'customer accounts');
    expect(() => budget.takeOrThrow(store, 'customer accounts')).toThrow(PageLimitError);
    expect(() => budget.takeOrThrow(store, 'customer accounts')).toThrow(
      /Stopped listing customer accounts on Hostile Store: it already sent 1 pages this run \(maxStorePagesPerRun\)/,
    );
  });
});

describe('createStallCheck', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-01-01T00:00:05Z');

  it('sees a store answering the next page with the same orders', () => {
    const stalled = createStallCheck();
    expect(stalled(at, [1, 2, 3])).toBe(false);
    expect(stalled(at, [1, 2, 3])).toBe(true);
  });

  it('lets the same orders through once the cursor moved (more than a page in one second), and ignores empty pages', () => {
    const stalled = createStallCheck();
    expect(stalled(at, [1, 2, 3])).toBe(false);
    expect(stalled(later, [1, 2, 3])).toBe(false);
    expect(stalled(later, [4, 5, 6])).toBe(false);
    expect(stalled(later, [])).toBe(false);
    expect(stalled(later, [])).toBe(false);
  });
});
