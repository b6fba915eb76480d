import { signOAuthUrl } from './oauth-signature';
import { startSimulator } from './simulator';
import type { StoreHandle } from './store-handle';

export interface OverheadReport {
  /** Median time the simulator spends on an empty poll (server side, cost model off). */
  emptyRequestMs: number;
  /** Median time to serve a page of 100 full orders out of `orders`. */
  pageOf100Ms: number;
  orders: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function serverMedian(store: StoreHandle, path: string, times: number): Promise<number> {
  const run = async () => {
    const url = signOAuthUrl({ method: 'GET', url: `${store.url}/wp-json/wc/v3${path}`, ...store.readOnly });
    await (await fetch(url)).arrayBuffer();
  };
  for (let warmUp = 0; warmUp < 10; warmUp++) await run();
  store.requests.reset();
  for (let index = 0; index < times; index++) await run();
  return median(store.requests.entries().map((entry) => entry.durationMs));
}

/** Measures the simulator's own cost per request, so benchmarks can show it is never the bottleneck. */
export async function measureSimulatorOverhead(orders = 100_000): Promise<OverheadReport> {
  const simulator = await startSimulator({ stores: [{ name: 'overhead' }] });
  try {
    const store = simulator.stores[0];
    const emptyRequestMs = await serverMedian(store, '/orders?per_page=100&modified_after=2100-01-01T00:00:00', 100);
    store.seedOrders(orders);
    const pageOf100Ms = await serverMedian(store, '/orders?per_page=100&orderby=modified&order=asc&page=100', 50);
    return { emptyRequestMs, pageOf100Ms, orders };
  } finally {
    await simulator.close();
  }
}
