import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { signUp } from '@/lib/accounts/sign-up';
import { markEmailVerified } from '@/lib/data/users';
import { sleep } from '@/lib/utils/sleep';
import { connectStore } from '@/lib/stores/store-service';
import { moveOnboardingForward, saveWorkspaceName } from '@/lib/stores/onboarding';
import { webhookSetupFromEnv } from '@/lib/webhooks/registration';
import { startSimulator } from '@/simulator';
import { startLocalSchedule } from './local-schedule';

/**
 * The whole product in one command: three live simulator stores with orders arriving, a fresh embedded
 * database with a demo account connected to them, and the app. Demo data is recreated at every start.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'order-rate': { type: 'string', default: '0.05' },
    /** `0` gives the three stores free ports (tests). */
    'store-port': { type: 'string', default: process.env.DEMO_STORE_PORT ?? '8181' },
    'data-dir': { type: 'string', default: '.data/demo' },
    /** `off` runs the development fallback schedule even when the Inngest dev server is installed. */
    inngest: { type: 'string', default: 'auto' },
    /** `off`: the stores get no webhooks and are only polled, as behind a firewall. */
    webhooks: { type: 'string', default: 'on' },
  },
});

const DEMO_EMAIL = 'demo@orderbridge.test';
const DEMO_PASSWORD = 'orderbridge-demo';
const dataDir = values['data-dir'];
process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
const appUrl = `http://localhost:${values.port}`;
// The simulator delivers to loopback, so the demo's stores can reach the app's webhook receiver directly.
if (values.webhooks !== 'off') process.env.ORDERBRIDGE_PUBLIC_URL ??= appUrl;

const storePort = Number(values['store-port']);
const portOf = (offset: number) => (storePort === 0 ? 0 : storePort + offset);
const simulator = await startSimulator({
  stores: [
    { name: 'main', title: 'Main Store', port: portOf(0), seed: 11 },
    { name: 'sub-a', title: 'Substore A', port: portOf(1), seed: 12 },
    { name: 'sub-b', title: 'Substore B', port: portOf(2), seed: 13, missingSkus: ['RW-CAP'] },
  ],
});
const [main, subA, subB] = simulator.stores;

rmSync(dataDir, { recursive: true, force: true });
const database = await openDatabase({ driver: 'pglite', dataDir });
await migrateDatabase(database);
const { user, workspace } = await signUp(database.db, { name: 'Demo Merchant', email: DEMO_EMAIL, password: DEMO_PASSWORD });
// Nobody reads the demo address's mail: it counts as confirmed, so the demo shows no banner.
await markEmailVerified(database.db, user.id, DEMO_EMAIL);
await saveWorkspaceName(database.db, workspace.id, 'Demo Outfitters');
for (const [store, role, name] of [
  [main, 'main', 'Main Store'],
  [subA, 'sub', 'Substore A'],
  [subB, 'sub', 'Substore B'],
] as const) {
  const connected = await connectStore(
    database.db,
    workspace.id,
    { role, name, url: store.url, ...store.readWrite },
    { webhooks: webhookSetupFromEnv() },
  );
  if (!connected.store) throw new Error(`The demo could not connect ${name}: ${JSON.stringify(connected.check)}`);
}
await moveOnboardingForward(database.db, workspace.id, 'done');
await database.close();

const schedule = startLocalSchedule(appUrl, { inngest: values.inngest === 'off' ? 'off' : 'auto' });
const app = spawn('node_modules/.bin/next', ['dev', '-p', values.port], {
  stdio: 'inherit',
  env: { ...process.env, ...schedule.env, PGLITE_DIR: dataDir, ALLOW_PRIVATE_STORE_URLS: 'true', NEXT_TELEMETRY_DISABLED: '1' },
});

const rate = Number(values['order-rate']);
console.log(`
Orderbridge demo
  App:      http://localhost:${values.port}   (sign in: ${DEMO_EMAIL} / ${DEMO_PASSWORD})
  Stores:   ${simulator.stores.map((s) => `${s.name} ${s.url}`).join(' · ')}
  Orders arrive on every store about every ${Math.round(1 / Math.max(rate, 0.0001))} s; Substore B lacks SKU RW-CAP, so
  orders with a cap are held for it. Press Sync Now on the Orders page, or wait: the schedule syncs every
  5 minutes by itself, and its runs appear on the dashboard and the activity page.
  Webhooks: ${webhookSetupFromEnv() ? `each store delivers order.created/order.updated to ${process.env.ORDERBRIDGE_PUBLIC_URL}: new orders sync within seconds` : 'off (--webhooks off): the stores are polled only'}
  Email:    ${process.env.SMTP_URL ? 'sent through SMTP_URL' : 'no SMTP_URL: every email is kept in .data/outbox/, its link printed here'}
  ${schedule.banner}
`);

// Orders are placed once the app answers: a store never retries a webhook it could not deliver, and disables it
// after a few failures, so none is sent before the receiver is up.
await waitForApp(appUrl);
// WooCommerce dates have whole seconds: orders placed after this pause are after every store's connection.
await sleep(1100);
for (let i = 0; i < 8; i += 1) main.createOrderDirectly();
for (let i = 0; i < 3; i += 1) subA.createOrderDirectly();
for (let i = 0; i < 2; i += 1) subB.createOrderDirectly();
main.createOrderDirectly({
  status: 'processing',
  billing: { first_name: 'Casey', last_name: 'Cap', email: 'casey@example.test', country: 'US' },
  line_items: [{ sku: 'RW-CAP', quantity: 1 }],
});
const stopFlows = rate > 0 ? simulator.stores.map((store) => store.startOrderFlow(rate)) : [];

const shutdown = async () => {
  stopFlows.forEach((stop) => stop());
  schedule.stop();
  app.kill('SIGTERM');
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
app.once('exit', (code) => {
  schedule.stop();
  void simulator.close().then(() => process.exit(code ?? 0));
});

async function waitForApp(url: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    // The first request to a route compiles it in development; a store waits 5 s for an answer, so the receiver
    // is compiled before any store delivers to it.
    if (up)
      return void (await fetch(`${url}/api/webhooks/woo/compile-before-the-first-delivery`, { method: 'POST' }).catch(() => undefined));
    await sleep(500);
  }
  console.error('The app did not answer within 3 minutes; placing the demo orders anyway.');
}
