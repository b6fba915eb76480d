/**
 * Seeds a benchmark workspace: N orders (default 100,000) across a main store and two substores, with
 * links in realistic states and "created" events over the last 14 days, in the database of DATABASE_URL.
 *
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/seed-orders.ts [--count 100000] [--email bench@…] [--password …]
 *
 * Prints the sign-in of the workspace's owner, so `/orders` can be measured signed in.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { orderEvents, orderLinks, orders, stores, workspaces, type LinkState, type Store } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    email: { type: 'string' },
    password: { type: 'string', default: 'benchmark password 1' },
    seed: { type: 'string', default: '42' },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
  throw new Error(`--count must be a whole number from 1 to 5,000,000; got "${values.count}"`);
const email = values.email ?? `bench-${Date.now().toString(36)}@orderbridge.test`;

/** mulberry32: the same --seed gives the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(Number(values.seed));
const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Niklaus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Wirth'];
const PRODUCTS = [
  { name: 'Rainwear cap', sku: 'RW-CAP', price: 15 },
  { name: 'Wool socks', sku: 'WS-01', price: 7.5 },
  { name: 'Trail jacket', sku: 'TJ-200', price: 129 },
  { name: 'Canvas tote', sku: 'CT-10', price: 22 },
];
const STATUSES = ['processing', 'processing', 'processing', 'completed', 'completed', 'on-hold', 'pending', 'cancelled'] as const;

function linkState(): LinkState {
  const roll = next();
  if (roll < 0.94) return 'synced';
  if (roll < 0.97) return 'pending';
  if (roll < 0.985) return 'held';
  return 'failed';
}

const handle = await openDatabase();
await migrateDatabase(handle);
const { db } = handle;
const started = Date.now();

const { workspace } = await signUp(db, { name: 'Benchmark', email, password: values.password, workspaceName: 'Benchmark stores' });
await db
  .update(workspaces)
  .set({ onboardingStep: null, syncStartAt: new Date(Date.now() - 400 * 86_400_000) })
  .where(sql`${workspaces.id} = ${workspace.id}`);
const storeRows = ['Main Store', 'Substore A', 'Substore B'].map((name, index) => ({
  workspaceId: workspace.id,
  role: index === 0 ? ('main' as const) : ('sub' as const),
  name,
  // Port 9 (discard) on loopback: nothing answers, so an accidental sync reaches no real store.
  url: `http://127.0.0.1:9/store-${index + 1}`,
  ...encryptNewStoreCredentials({ consumerKey: `ck_benchmark_${index}`, consumerSecret: `cs_benchmark_${index}` }),
}));
const [main, subA, subB] = (await db.insert(stores).values(storeRows).returning()).sort((a, b) =>
  a.role === 'main' ? -1 : b.role === 'main' ? 1 : a.name.localeCompare(b.name),
) as [Store, Store, Store];

const BATCH = 1000;
const now = Date.now();
const spanMs = 365 * 86_400_000;
// Separate number ranges per store, so an order number names one order.
const remoteIds = new Map<string, number>([
  [main.id, 1_000_000],
  [subA.id, 6_000_000],
  [subB.id, 8_000_000],
]);

for (let offset = 0; offset < count; offset += BATCH) {
  const size = Math.min(BATCH, count - offset);
  const orderRows = Array.from({ length: size }, (_, index) => {
    const store = next() < 0.6 ? main : next() < 0.5 ? subA : subB;
    const remoteId = remoteIds.get(store.id)! + 1;
    remoteIds.set(store.id, remoteId);
    const created = new Date(now - spanMs * ((count - offset - index) / count) + Math.floor(next() * 1000));
    const first = pick(FIRST);
    const last = pick(LAST);
    const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
      const product = pick(PRODUCTS);
      const quantity = 1 + Math.floor(next() * 3);
      const total = (product.price * quantity).toFixed(2);
      return { name: product.name, sku: product.sku, quantity, subtotal: total, total };
    });
    const total = lines.reduce((sum, line) => sum + Number(line.total), 0).toFixed(2);
    const customerEmail = `${first}.${last}${remoteId}@example.test`.toLowerCase();
    return {
      workspaceId: workspace.id,
      storeId: store.id,
      remoteId,
      number: String(remoteId),
      status: pick(STATUSES),
      currency: 'EUR',
      total,
      customerEmail,
      customerName: `${first} ${last}`,
      dateCreatedGmt: created,
      dateModifiedGmt: created,
      body: { line_items: lines, billing: { first_name: first, last_name: last, email: customerEmail, city: 'Utrecht', country: 'NL' } },
    };
  });
  const inserted = await db
    .insert(orders)
    .values(orderRows)
    .returning({ id: orders.id, storeId: orders.storeId, dateCreatedGmt: orders.dateCreatedGmt });
  const linkRows = inserted.flatMap((order) => {
    const targets = order.storeId === main.id ? [subA, subB] : [main];
    return targets.map((target) => {
      const state = linkState();
      const synced = state === 'synced';
      return {
        workspaceId: workspace.id,
        sourceOrderId: order.id,
        targetStoreId: target.id,
        direction: target.role === 'main' ? ('to_main' as const) : ('to_sub' as const),
        state,
        targetRemoteId: synced ? 10_000_000 + Math.floor(next() * 10_000_000) : null,
        targetNumber: null,
        lastError: state === 'held' ? `SKU RW-CAP is not on ${target.name}` : state === 'failed' ? 'Invalid email address.' : null,
        createdAt: order.dateCreatedGmt,
        updatedAt: order.dateCreatedGmt,
      };
    });
  });
  const links = await db.insert(orderLinks).values(linkRows).returning({
    id: orderLinks.id,
    sourceOrderId: orderLinks.sourceOrderId,
    state: orderLinks.state,
    targetStoreId: orderLinks.targetStoreId,
    targetRemoteId: orderLinks.targetRemoteId,
    createdAt: orderLinks.createdAt,
  });
  const storeName = new Map([main, subA, subB].map((store) => [store.id, store.name]));
  const eventRows = links
    .filter((link) => link.state === 'synced' || link.state === 'held')
    .map((link) => ({
      workspaceId: workspace.id,
      orderId: link.sourceOrderId,
      linkId: link.id,
      kind: link.state === 'synced' ? ('created' as const) : ('held' as const),
      message:
        link.state === 'synced'
          ? `Created copy #${link.targetRemoteId} on ${storeName.get(link.targetStoreId)}`
          : `Held for ${storeName.get(link.targetStoreId)}: SKU RW-CAP is not on it`,
      at: new Date(link.createdAt.getTime() + 60_000),
    }));
  if (eventRows.length) await db.insert(orderEvents).values(eventRows);
  if ((offset / BATCH) % 10 === 0)
    process.stdout.write(`\rseeded ${(offset + size).toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} orders`);
}
// VACUUM, not only ANALYZE: a live database is vacuumed by autovacuum, which sets the visibility map that
// index-only scans rely on. Right after a bulk load it is still empty, so every such scan would visit the table.
for (const table of [orders, orderLinks, orderEvents]) await db.execute(sql`vacuum analyze ${table}`);
await handle.close();
console.log(
  `\nseeded ${count.toLocaleString('en-GB')} orders in ${((Date.now() - started) / 1000).toFixed(1)} s (${handle.target.driver})`,
);
console.log(JSON.stringify({ workspaceId: workspace.id, workspaceSlug: workspace.slug, email, password: values.password }));
