import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freePort } from '@/scripts/bench/next-server';
import { signIn } from './support/accounts';
import { spawnGroup, waitForHealth } from './support/processes';

/**
 * `npm run demo` as a newcomer runs it, without an Inngest dev server: nobody presses anything, and a scheduled run
 * appears on the dashboard and the activity page. The period is shortened through the dev-only setting (20 s
 * instead of 5 minutes); the production cron is untouched.
 */
test.describe.configure({ mode: 'serial', timeout: 420_000 });

const PERIOD_SECONDS = 20;
let demo: ReturnType<typeof spawnGroup>;
let baseUrl: string;
const dataDir = `.data/e2e-demo-${Date.now()}-${process.pid}`;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const port = Number(process.env.E2E_DEMO_PORT) || (await freePort());
  baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ORDERBRIDGE_DEV_FALLBACK_SCHEDULE_SECONDS: String(PERIOD_SECONDS) };
  // The demo brings its own embedded database and no Inngest; nothing of the e2e server's environment may leak in.
  for (const name of [
    'DATABASE_URL',
    'PGLITE_DIR',
    'INNGEST_DEV',
    'INNGEST_EVENT_KEY',
    'INNGEST_SIGNING_KEY',
    'INNGEST_BASE_URL',
    'NODE_ENV',
    'AUTH_URL',
  ])
    delete env[name];
  demo = spawnGroup(
    'node_modules/.bin/tsx',
    [
      '--conditions=react-server',
      'scripts/demo.ts',
      '--port',
      String(port),
      '--store-port',
      '0',
      '--data-dir',
      dataDir,
      '--inngest',
      'off',
      '--webhooks',
      'off',
      '--order-rate',
      '0',
    ],
    env,
  );
  await waitForHealth(baseUrl, demo.child, demo.output, 240_000);
});

test.afterAll(async () => {
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the demo without Inngest runs the development fallback schedule: a scheduled run appears without pressing anything', async ({
  page,
}) => {
  expect(demo.output()).toContain('Schedule: DEVELOPMENT FALLBACK — the Inngest dev server is switched off');
  await page.goto(`${baseUrl}/dashboard`, { timeout: 120_000 });
  await signIn(page, 'demo@orderbridge.test', 'orderbridge-demo');
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 120_000 });
  await expect(page.getByTestId('run-mode')).toContainText('Development fallback schedule.', { timeout: 60_000 });

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('schedule-health')).toContainText('Last scheduled run', { timeout: 5_000 });
  }).toPass({ timeout: PERIOD_SECONDS * 1000 * 6, intervals: [5_000] });
  await expect(page.getByTestId('schedule-health')).not.toContainText('scheduler looks down');
  expect(demo.output()).toMatch(/\[Development fallback schedule\] tick \S+: 1 active workspace, 1 synced/);

  await page.goto(`${baseUrl}/activity`, { timeout: 120_000 });
  const scheduled = page.locator('[data-testid="run-row"][data-trigger="schedule"]');
  await expect(scheduled.first()).toBeVisible({ timeout: 60_000 });
  await expect(scheduled.first()).toContainText('Schedule');
  await expect(page.locator('[data-testid="run-row"][data-trigger="sync_now"]')).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/dev-fallback-schedule-activity.png', fullPage: true });
});
