import { parseArgs } from 'node:util';
import { measureSimulatorOverhead, startSimulator } from '@/simulator';
import type { StoreOptions } from '@/simulator';

const STORE_NAMES = ['main', 'sub-a', 'sub-b'];

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: '3' },
    port: { type: 'string', default: '8181' },
    orders: { type: 'string', default: '0' },
    'order-rate': { type: 'string', default: '0' },
    'cost-scale': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'missing-sku': { type: 'string', multiple: true, default: [] },
    measure: { type: 'boolean', default: false },
  },
});

if (values.measure) {
  // On stderr, so stdout keeps exactly one JSON line per store.
  console.error(`simulator overhead: ${JSON.stringify(await measureSimulatorOverhead())}`);
}

const storeCount = Number(values.stores);
const firstPort = Number(values.port);
const seed = Number(values.seed);
const stores: StoreOptions[] = Array.from({ length: storeCount }, (_, index) => ({
  name: STORE_NAMES[index] ?? `sub-${String.fromCharCode(97 + index - 1)}`,
  port: firstPort + index,
  seed: seed * 1000 + index,
  cost: { scale: Number(values['cost-scale']) },
  // `--missing-sku sub-b:RW-CAP` takes a SKU off one store, for the "held" demo.
  missingSkus: (values['missing-sku'] ?? [])
    .map((entry) => entry.split(':'))
    .filter(([storeName]) => storeName === (STORE_NAMES[index] ?? ''))
    .map(([, sku]) => sku),
}));

const simulator = await startSimulator({ stores });
const stopFlows: Array<() => void> = [];
for (const store of simulator.stores) {
  if (Number(values.orders) > 0) store.seedOrders(Number(values.orders));
  if (Number(values['order-rate']) > 0) stopFlows.push(store.startOrderFlow(Number(values['order-rate'])));
  console.log(JSON.stringify({ name: store.name, url: store.url, readWrite: store.readWrite, readOnly: store.readOnly }));
}

const shutdown = async () => {
  stopFlows.forEach((stop) => stop());
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
