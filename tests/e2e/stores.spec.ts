import { expect, test, type Locator, type Page } from '@playwright/test';
import { signUp, uniqueEmail } from './support/accounts';
import { simAdmin } from './support/console';
import { startSimulatorProcess, type RunningSimulator, type SimulatedStore } from './support/simulator';

const SIM_PORT = Number(process.env.E2E_STORES_SIM_PORT ?? 8395);
const CHECK_STEPS = ['reachable', 'rest_api', 'woocommerce', 'keys', 'write', 'facts'];

test.describe.configure({ mode: 'serial' });

let sim: RunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulatorProcess({ port: SIM_PORT, stores: 3 });
});
test.afterAll(async () => sim?.stop());

async function fillStoreForm(form: Locator, store: SimulatedStore, secret = store.readWrite.consumerSecret) {
  await form.getByLabel('Store address').fill(store.url);
  await form.getByLabel('Consumer key').fill(store.readWrite.consumerKey);
  await form.getByLabel('Consumer secret').fill(secret);
}

async function expectAllGreen(form: Locator) {
  for (const step of CHECK_STEPS)
    await expect(form.getByTestId(`check-step-${step}`)).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(form.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

/** Every response the app sends the browser (HTML, RSC payloads, JSON), to prove no credential comes back. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(test.info().project.use.baseURL ?? '')) return;
    try {
      bodies.push(await response.text());
    } catch {
      // Redirects and aborted navigations have no body to read.
    }
  });
  return bodies;
}

test('a new merchant connects three stores through the wizard, and a wrong secret is named precisely', async ({ page }) => {
  const [main, subA, subB] = sim.stores;
  const responses = recordResponses(page);
  await signUp(page, uniqueEmail('stores'));
  await expect(page).toHaveURL(/\/onboarding/);

  await page.getByLabel('Workspace name').fill('Ridgeway Outfitters');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your main store' })).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toHaveText('Ridgeway Outfitters');

  const mainForm = page.getByTestId('connect-main-form');
  await fillStoreForm(mainForm, main);
  await expect(mainForm.getByLabel('Consumer secret')).toHaveAttribute('type', 'password');
  await mainForm.getByRole('button', { name: 'Check and connect main store' }).click();
  await expectAllGreen(mainForm);
  await page.getByRole('button', { name: 'Continue to substores' }).click();

  // Leaving halfway keeps the progress.
  await expect(page.getByRole('heading', { name: 'Connect your substores' })).toBeVisible();
  await page.goto('/dashboard');
  await page.goto('/onboarding');
  await expect(page.getByRole('heading', { name: 'Connect your substores' })).toBeVisible();

  const subForm = page.getByTestId('connect-sub-form');
  await fillStoreForm(subForm, subA, `cs_${'0'.repeat(40)}`);
  await subForm.getByRole('button', { name: 'Check and connect substore' }).click();
  const last4 = subA.readWrite.consumerKey.slice(-4);
  await expect(subForm.getByTestId('check-failure')).toHaveText(
    `The consumer secret does not match the key ending in …${last4}. Paste the secret (it starts with cs_) exactly as WooCommerce showed it; WooCommerce shows it only once, so if you no longer have it, create a new key in WooCommerce → Settings → Advanced → REST API.`,
  );
  for (const step of ['reachable', 'rest_api', 'woocommerce'])
    await expect(subForm.getByTestId(`check-step-${step}`)).toHaveAttribute('data-status', 'passed');
  await expect(subForm.getByTestId('check-step-keys')).toHaveAttribute('data-status', 'failed');
  await expect(subForm.getByTestId('check-step-write')).toHaveAttribute('data-status', 'not_run');

  await subForm.getByLabel('Consumer secret').fill(subA.readWrite.consumerSecret);
  await subForm.getByRole('button', { name: 'Check and connect substore' }).click();
  await expectAllGreen(subForm);
  await fillStoreForm(subForm, subB);
  await subForm.getByRole('button', { name: 'Check and connect substore' }).click();
  await expect(page.getByRole('list', { name: 'Connected stores' }).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expectAllGreen(subForm);

  // Orders placed after connecting are what the first sync would copy: one main order to two substores, one back.
  await simAdmin.createOrder(main, {
    line_items: [{ sku: 'RW-MUG', quantity: 1 }],
    billing: { first_name: 'Ada', email: 'ada@example.test' },
  });
  await simAdmin.createOrder(subA, {
    line_items: [{ sku: 'RW-MUG', quantity: 2 }],
    billing: { first_name: 'Grace', email: 'grace@example.test' },
  });

  await page.getByRole('button', { name: 'Continue to sync settings' }).click();
  const settings = page.getByTestId('sync-settings-form');
  await expect(settings.getByRole('radio', { name: 'Suppress (recommended)' })).toBeChecked();
  await expect(settings.getByRole('radio', { name: 'When each store was connected' })).toBeChecked();
  // The note on every copy costs a request each: off unless the merchant asks, and it says so.
  await expect(settings.getByRole('checkbox', { name: 'Add a private note to every copy (one request per copy)' })).not.toBeChecked();
  await expect(settings).toContainText('1,000 copies, created in 10 batches, take 1,000 requests more');
  await settings.getByRole('button', { name: 'Save and continue' }).click();

  // The preview reads the stores only when asked.
  await expect(page.getByRole('heading', { name: 'Preview the first sync' })).toBeVisible();
  await expect(page.getByTestId('sync-preview')).toHaveCount(0);
  await page.getByRole('button', { name: 'Count what the first sync would do' }).click();
  await expect(page.getByTestId('preview-to-substores')).toHaveText('2', { timeout: 60_000 });
  await expect(page.getByTestId('preview-to-main')).toHaveText('1');
  await page.getByRole('button', { name: 'Finish and go to the dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.goto('/stores');
  const cards = page.getByTestId('store-card');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toContainText('Main store');
  await expect(cards.nth(0)).toContainText(`…${main.readWrite.consumerKey.slice(-4)}`);
  await expect(cards.nth(1)).toContainText('Substore');

  const everything = [...responses, await page.content()].join('\n');
  for (const store of [main, subA, subB]) {
    expect(everything).not.toContain(store.readWrite.consumerSecret);
    expect(everything).not.toContain(store.readWrite.consumerKey);
  }
});

test('store management: re-check, pause, substore switch and removal with its statement', async ({ page }) => {
  const [main, subA] = sim.stores;
  await signUp(page, uniqueEmail('manage'));
  await page.goto('/stores');
  const mainForm = page.getByTestId('connect-main-form');
  await fillStoreForm(mainForm, main);
  await mainForm.getByRole('button', { name: 'Check and connect main store' }).click();
  await expectAllGreen(mainForm);
  const subForm = page.getByTestId('connect-sub-form');
  await fillStoreForm(subForm, subA);
  await subForm.getByRole('button', { name: 'Check and connect substore' }).click();
  await expectAllGreen(subForm);

  // A slow store: the checklist ticks each step as the store answers it, not all at once at the end.
  const subCard = page.getByTestId('store-card').filter({ hasText: subA.url });
  await simAdmin.faults(subA, { latencyMs: 1_500 });
  try {
    await subCard.getByRole('button', { name: 'Re-check connection' }).click();
    await expect(subCard.getByTestId('check-step-reachable')).toHaveAttribute('data-status', 'passed');
    await expect(subCard.getByTestId('check-step-facts')).toHaveAttribute('data-status', 'not_run');
    await expect(subCard.getByRole('button', { name: 'Checking…' })).toBeDisabled();
    for (const step of CHECK_STEPS)
      await expect(subCard.getByTestId(`check-step-${step}`)).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  } finally {
    await simAdmin.faults(subA, null);
  }

  const receive = subCard.getByRole('switch', { name: 'Receive main-store orders' });
  await expect(receive).toHaveAttribute('aria-checked', 'true');
  await receive.click();
  await expect(receive).toHaveAttribute('aria-checked', 'false');

  await subCard.getByRole('button', { name: 'Pause syncing' }).click();
  await expect(subCard.getByText('Paused', { exact: true })).toBeVisible();
  await subCard.getByRole('button', { name: 'Resume syncing' }).click();
  await expect(subCard.getByText('Paused', { exact: true })).toHaveCount(0);

  await subCard.getByRole('button', { name: 'Remove…' }).click();
  // Counted when the dialog opens, not on every load of the page.
  await expect(subCard.getByRole('alertdialog')).toContainText(/the \d+ orders? indexed from it/);
  await expect(subCard.getByRole('alertdialog')).toContainText('Nothing is deleted on any WooCommerce store');
  await subCard.getByRole('button', { name: /^Remove / }).click();
  await expect(page.getByTestId('store-card')).toHaveCount(1);
});
