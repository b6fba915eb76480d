import { expect, test } from '@playwright/test';
import { signUp, uniqueEmail } from './support/accounts';
import { connectStore, metaOf, saveScreenshot, simAdmin, type SimOrder } from './support/console';
import { startSimulatorProcess, type RunningSimulator } from './support/simulator';

const SIM_PORT = Number(process.env.E2E_LIFECYCLE_SIM_PORT ?? 8471);

let sim: RunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulatorProcess({ port: SIM_PORT, stores: 2 });
});
test.afterAll(async () => sim?.stop());

type Line = { id: number; sku: string };

test('a refund and a line edit after the copy was completed: the timeline shows both, the list filters "changed after copying"', async ({
  page,
}, testInfo) => {
  const [main, sub] = sim.stores;
  await signUp(page, uniqueEmail('lifecycle'));
  await connectStore(page, main, 'main', 'Main Store');
  await connectStore(page, sub, 'sub', 'Substore A');
  await page.waitForTimeout(1_100);
  const source = (await simAdmin.createOrder(sub, {
    line_items: [
      { sku: 'RW-MUG', quantity: 2 },
      { sku: 'RW-TSHIRT', quantity: 1 },
    ],
    billing: { first_name: 'Ada', email: 'ada@example.test' },
  })) as SimOrder & { line_items: Line[] };

  await page.goto('/orders');
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('sync-result')).toContainText('Synced 1 order', { timeout: 60_000 });
  const copy = (await simAdmin.orders(main)).find((o) => metaOf(o, '_orderbridge_origin')?.endsWith(`:${source.id}`))!;
  expect(copy).toBeDefined();

  // The main store ships its copy; then the substore refunds a mug and changes the quantity.
  await simAdmin.updateOrder(main, copy.id, { status: 'completed' });
  const mug = source.line_items.find((l) => l.sku === 'RW-MUG')!;
  const refund = await fetch(`${sub.url}/__sim/orders/${source.id}/refunds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      amount: '12.50',
      reason: 'one mug broken',
      api_refund: false,
      line_items: [{ id: mug.id, quantity: 1, refund_total: '12.50' }],
    }),
  });
  expect(refund.status).toBe(201);
  await simAdmin.updateOrder(sub, source.id, { line_items: [{ id: mug.id, quantity: 3, subtotal: '37.50', total: '37.50' }] });

  await page.goto('/orders?sync=changed');
  await expect(page.locator('[data-testid="order-row"]')).toHaveCount(0);
  await page.goto('/orders');
  await page
    .locator(`[data-testid="order-row"][data-store="Substore A"][data-order-number="${source.number}"]`)
    .getByRole('link', { name: new RegExp(`#${source.number}`) })
    .click();
  await page.getByRole('button', { name: 'Sync Order' }).click();
  await expect(page.getByTestId('sync-order-answer')).toContainText('Synced 1 order', { timeout: 60_000 });
  const timeline = page.getByTestId('order-timeline');
  await expect(timeline.locator('[data-kind="refunded"]')).toContainText('Refunded 12.50 on copy');
  await expect(timeline.locator('[data-kind="changed"]')).toContainText('RW-MUG quantity 2 → 3 (copy is completed)');
  await saveScreenshot(page, testInfo, 'lifecycle-timeline');

  const onMain = (await simAdmin.orders(main)).find((o) => o.id === copy.id) as SimOrder & {
    line_items: Array<Line & { quantity: number }>;
  };
  expect(onMain.status).toBe('completed');
  expect(onMain.line_items.find((l) => l.sku === 'RW-MUG')?.quantity).toBe(2);

  await page.goto('/orders');
  await page.getByLabel('Sync state').selectOption('changed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/sync=changed/);
  const rows = page.locator('[data-testid="order-row"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-order-number', source.number);
  await expect(rows.first().getByTestId('target-chip')).toContainText('changed after copying');
  await saveScreenshot(page, testInfo, 'lifecycle-changed-filter');
});
