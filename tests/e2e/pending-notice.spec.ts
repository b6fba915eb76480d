import { expect, test } from '@playwright/test';
import { signUp, uniqueEmail } from './support/accounts';
import { connectStore, saveScreenshot, simAdmin } from './support/console';
import { startSimulatorProcess, type RunningSimulator } from './support/simulator';

const SIM_PORT = Number(process.env.E2E_PENDING_SIM_PORT ?? 8491);
/** How long the main store takes to answer every request: longer than the page takes to render. */
const SLOW_STORE_MS = 2_500;

let sim: RunningSimulator;

test.beforeAll(async () => {
  sim = await startSimulatorProcess({ port: SIM_PORT, stores: 3 });
});
test.afterAll(async () => sim?.stop());

test('before any sync, the order list and the dashboard say how many orders wait on the stores, and the page does not wait for them', async ({
  page,
}, testInfo) => {
  const [main, subA, subB] = sim.stores;
  await signUp(page, uniqueEmail('pending'));
  await connectStore(page, main, 'main', 'Main Store');
  await connectStore(page, subA, 'sub', 'Substore A');
  await connectStore(page, subB, 'sub', 'Substore B');
  // As in the demo: orders placed after the stores were connected (whole seconds later), none synced yet.
  await page.waitForTimeout(1_100);
  const order = { line_items: [{ sku: 'RW-MUG', quantity: 1 }], billing: { first_name: 'Ada', email: 'ada@example.test' } };
  for (let i = 0; i < 9; i += 1) await simAdmin.createOrder(main, order);
  for (let i = 0; i < 3; i += 1) await simAdmin.createOrder(subA, order);
  for (let i = 0; i < 2; i += 1) await simAdmin.createOrder(subB, order);
  await simAdmin.faults(main, { latencyMs: SLOW_STORE_MS });

  const started = Date.now();
  await page.goto('/orders', { waitUntil: 'commit' });
  const notice = page.getByTestId('pending-notice').filter({ visible: true });
  // The page is there while the slow store is still being asked.
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await expect(notice).toHaveAttribute('data-stores', 'checking');
  await expect(notice).toContainText('Checking your stores for waiting orders');
  expect(Date.now() - started).toBeLessThan(SLOW_STORE_MS);
  await saveScreenshot(page, testInfo, '01-orders-checking-stores');

  await expect(notice).toHaveAttribute('data-stores', 'counted', { timeout: 10_000 });
  await expect(notice).toContainText('14 orders waiting to sync — 9 from the main store, 5 from substores');
  await expect(notice).toContainText('no sync has run yet');
  await expect(notice).not.toContainText('No sync has run yet');
  await saveScreenshot(page, testInfo, '02-orders-waiting-counted');

  // The dashboard shares the count the order list just took: no second wait on the slow store.
  await page.goto('/dashboard');
  await expect(page.getByTestId('pending-total').filter({ visible: true })).toHaveText('14');
  await expect(page.getByTestId('pending-card').filter({ visible: true })).toContainText('9 from the main store, 5 from substores');
  await simAdmin.faults(main, null);
});
