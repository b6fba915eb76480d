import { eq } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { openDatabase, type DbHandle } from '@/db/client';
import { workspaces } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { connectStore } from '@/lib/stores/store-service';
import { startSimulator, type Simulator } from '@/simulator';
import { localServerEnv } from '@/tests/support/local-server-env';
import { PASSWORD, signIn, uniqueEmail } from './support/accounts';

/**
 * An order placed on a store reaches the other store and shows as synced in the order list, with nobody pressing
 * anything: the store's webhook starts the sync. This server runs without Inngest and without a schedule, so
 * nothing else could have synced it.
 */
const databaseUrl = process.env.DATABASE_URL ?? '';
test.skip(
  !databaseUrl.startsWith('postgres'),
  'the test connects the stores from its own process, which cannot share an embedded PGlite folder',
);
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let database: DbHandle;
let sim: Simulator;

test.beforeAll(async () => {
  process.env.ORDERBRIDGE_ENCRYPTION_KEY ??= localServerEnv('http://x', {}).ORDERBRIDGE_ENCRYPTION_KEY;
  process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
  database = await openDatabase({ driver: 'node-postgres', url: databaseUrl });
  // Deliveries a moment to a few seconds late, as WP-Cron sends them.
  sim = await startSimulator({
    stores: [
      { name: 'Hook Main', webhooks: { delayMs: 300, delayJitterMs: 1_500 } },
      { name: 'Hook Sub', webhooks: { delayMs: 300, delayJitterMs: 1_500 } },
    ],
  });
});

test.afterAll(async () => {
  await sim?.close();
  await database?.close();
});

test('an order placed on the main store appears synced in the order list within seconds, with nothing pressed', async ({
  page,
  baseURL,
}) => {
  const email = uniqueEmail('webhooks');
  const { workspace } = await signUp(database.db, { name: 'Hook Merchant', email, password: PASSWORD });
  await database.db.update(workspaces).set({ onboardingStep: null }).where(eq(workspaces.id, workspace.id));
  const webhooks = { config: { baseUrl: baseURL! } };
  for (const [store, role] of [
    [sim.stores[0], 'main'],
    [sim.stores[1], 'sub'],
  ] as const) {
    const connected = await connectStore(
      database.db,
      workspace.id,
      { role, name: store.name, url: store.url, ...store.readWrite },
      { webhooks },
    );
    expect(connected.store, JSON.stringify(connected.check.failure)).not.toBeNull();
  }
  await page.goto('/sign-in');
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/);

  await page.goto('/stores');
  await expect(page.getByTestId('store-webhooks')).toHaveCount(2);
  for (const status of await page.getByTestId('store-webhooks').all()) await expect(status).toHaveAttribute('data-state', 'active');

  // Whole seconds: an order stamped in the second its store was connected would read as history.
  await page.waitForTimeout(1_100);
  const placedAt = Date.now();
  const order = sim.stores[0].createOrderDirectly();
  const row = page.locator(`[data-testid="order-row"][data-store="Hook Main"][data-order-number="${order.number}"]`);
  await expect(async () => {
    await page.goto('/orders');
    await expect(row.locator('[data-testid="target-chip"][data-state="synced"]')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500] });
  const seconds = (Date.now() - placedAt) / 1000;
  test.info().annotations.push({ type: 'order to synced in the list', description: `${seconds.toFixed(1)} s` });
  expect(seconds).toBeLessThan(30);
  expect(
    sim.stores[1].orders
      .withMeta('_orderbridge_origin')
      .map((copy) => copy.meta_data.find((meta) => meta.key === '_orderbridge_source_number')?.value),
  ).toEqual([order.number]);

  await page.goto('/stores');
  await expect(page.getByTestId('store-webhooks').first()).toContainText('Last delivery:');
});
