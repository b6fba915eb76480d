import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipBomb, streamHugeBody, trickle } from '@/tests/support/hostile-bodies';

/**
 * What the store does with the sync's order listing (`GET orders?per_page=100`); the connection check's
 * `per_page=1` always gets a normal answer, so the store passes the check first.
 */
export type HostileOrders =
  'huge-body' | 'gzip-bomb' | 'endless-pages' | 'same-page-forever' | 'trickle' | 'unreadable-orders' | 'odd-typed-orders' | 'none';
export type HostileStoreOptions = {
  orders: HostileOrders;
  /** `endless`: full pages of SKUs nobody asked for, forever, with a nonsense X-WP-TotalPages. */
  products?: 'sane' | 'endless';
  /** `endless`: full pages of ever-new accounts, forever, with a nonsense X-WP-TotalPages. */
  customers?: 'sane' | 'endless';
};

export type HostileStore = {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** `GET orders` query strings the sync sent, in order. */
  orderListings: URLSearchParams[];
  requests: number;
  close(): Promise<void>;
};

// "-1" is nonsense too, but a loop that compares `page >= -1` happens to stop on it: the endless listings use these.
const ENDLESS_TOTAL_PAGES = ['abc', '1e9'];
const LONG_AGO = Date.parse('2020-01-01T00:00:00Z');

function json(res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function gmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** An order created long before any sync start (so nothing is copied), modified at `modifiedMs`. */
function oldOrder(id: number, modifiedMs: number) {
  return {
    id,
    number: String(id),
    status: 'completed',
    currency: 'USD',
    total: '10.00',
    date_created_gmt: gmt(LONG_AGO),
    date_modified_gmt: gmt(modifiedMs),
    billing: { first_name: 'Hostile', email: `buyer${id}@example.com` },
    line_items: [{ name: 'Mug', sku: 'RW-MUG', quantity: 1, total: '10.00' }],
    meta_data: [],
  };
}

/**
 * A store that answers Orderbridge's connection check like a real WooCommerce store, then misbehaves
 * on the requests a sync makes. A node:http server on loopback; it never checks credentials.
 */
export async function startHostileStore(options: HostileStoreOptions): Promise<HostileStore> {
  const bomb = options.orders === 'gzip-bomb' ? await gzipBomb(300_000_000) : null;
  const orderListings: URLSearchParams[] = [];
  let requests = 0;
  let nextOrderId = 1;
  let modifiedMs = Date.parse('2025-01-01T00:00:00Z');
  let nextCustomerId = 900_000_000;
  let listing = 0;
  let url = '';

  const server = http.createServer((req, res) => {
    requests += 1;
    const target = new URL(req.url ?? '/', url);
    const route = target.pathname.replace(/^\/wp-json\/wc\/v3\//, '');
    const query = target.searchParams;
    const nonsense = ENDLESS_TOTAL_PAGES[listing++ % ENDLESS_TOTAL_PAGES.length];
    if (target.pathname === '/wp-json/' || target.pathname === '/wp-json') {
      return json(res, { name: 'Hostile Shop', home: url, url, namespaces: ['wp/v2', 'wc/v3'], timezone_string: 'UTC', gmt_offset: 0 });
    }
    if (req.method === 'POST' && route === 'orders/batch') return json(res, {});
    if (route === 'system_status') return json(res, { environment: { version: '9.9.5' }, settings: { currency: 'USD' } });
    if (route === 'products') {
      if (options.products === 'endless') {
        return json(
          res,
          Array.from({ length: 100 }, (_, i) => ({ id: i + 1, sku: `JUNK-${listing}-${i}`, parent_id: 0 })),
          { 'x-wp-total': nonsense, 'x-wp-totalpages': nonsense },
        );
      }
      const skus = (query.get('sku') ?? '').split(',').filter(Boolean);
      return json(
        res,
        skus.map((sku, i) => ({ id: i + 1, sku, parent_id: 0 })),
        { 'x-wp-total': String(skus.length), 'x-wp-totalpages': 'abc' },
      );
    }
    if (route === 'customers') {
      if (options.customers === 'endless') {
        const page = Array.from({ length: 100 }, () => ({ id: (nextCustomerId -= 1), email: `shopper${nextCustomerId}@example.com` }));
        return json(res, page, { 'x-wp-total': nonsense, 'x-wp-totalpages': nonsense });
      }
      return json(res, [], { 'x-wp-total': '0', 'x-wp-totalpages': '0' });
    }
    if (req.method === 'GET' && route === 'orders') {
      if (query.get('per_page') === '1' || query.has('after')) return json(res, [], { 'x-wp-total': '0', 'x-wp-totalpages': '0' });
      orderListings.push(query);
      switch (options.orders) {
        case 'none':
          return json(res, [], { 'x-wp-total': '0', 'x-wp-totalpages': '0' });
        case 'huge-body':
          res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'x-wp-totalpages': '1' });
          return void streamHugeBody(res, 150_000_000);
        case 'gzip-bomb':
          res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-encoding': 'gzip', 'x-wp-totalpages': '1' });
          return void res.end(bomb);
        case 'endless-pages': {
          const page = Array.from({ length: 100 }, () => oldOrder(nextOrderId++, (modifiedMs += 1_000)));
          return json(res, page, { 'x-wp-total': '99999999900', 'x-wp-totalpages': '999999999' });
        }
        case 'same-page-forever': {
          const header = ['abc', '-1', '1e9'][orderListings.length % 3];
          return json(
            res,
            Array.from({ length: 100 }, (_, i) => oldOrder(i + 1, Date.parse('2025-01-01T00:00:00Z') + i * 1_000)),
            { 'x-wp-total': header, 'x-wp-totalpages': header },
          );
        }
        case 'unreadable-orders':
          return json(res, [null, { id: 'DROP TABLE', date_modified_gmt: 'yesterday' }, 7], { 'x-wp-total': '3', 'x-wp-totalpages': '1' });
        case 'odd-typed-orders': {
          const at = '2026-01-01T00:00:00';
          const odd = {
            id: 5,
            status: ['processing'],
            currency: { code: 'USD' },
            total: null,
            date_created_gmt: at,
            date_modified_gmt: at,
          };
          return json(res, [odd], { 'x-wp-total': '1', 'x-wp-totalpages': '1' });
        }
        case 'trickle':
          res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'x-wp-totalpages': '1' });
          res.flushHeaders();
          return trickle(res, `[${' '.repeat(3_600)}]`, 1_000);
      }
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    consumerKey: 'ck_hostile0000000000000000000000000000000',
    consumerSecret: 'cs_hostile0000000000000000000000000000000',
    orderListings,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
