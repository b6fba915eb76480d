import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { openDatabase, type DbHandle } from '@/db/client';
import { syncLeases, syncRuns } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { connectStore } from '@/lib/stores/store-service';
import { startSimulator, type Simulator } from '@/simulator';
import { freePort, signIn } from '@/scripts/bench/next-server';
import { startFakeInngestServer } from '@/tests/inngest/support/fake-inngest-server';
import { localServerEnv } from '@/tests/support/local-server-env';
import { uniqueEmail } from './support/accounts';
import { spawnGroup, waitForHealth } from './support/processes';

/**
 * Sync Now pressed at the same moment on two app instances — two real `npm start` processes with nothing in common
 * but the PostgreSQL database — starts one run: once handed to Inngest, once run in the server process.
 */
const databaseUrl = process.env.DATABASE_URL ?? '';
test.skip(!databaseUrl.startsWith('postgres'), 'two processes cannot share an embedded PGlite folder; this runs in the PostgreSQL pass');
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PASSWORD = 'correct horse battery staple';
const ROUNDS = 5;

let database: DbHandle;
let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let sim: Simulator | undefined;
const servers: ReturnType<typeof spawnGroup>[] = [];

type Instance = { baseUrl: string; cookie: string };

async function startInstance(extraEnv: Record<string, string>, email: string): Promise<Instance> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...localServerEnv(baseUrl, { DATABASE_URL: databaseUrl }), ...extraEnv };
  if (!extraEnv.INNGEST_DEV) for (const name of ['INNGEST_DEV', 'INNGEST_BASE_URL', 'INNGEST_EVENT_KEY']) delete env[name];
  const server = spawnGroup('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], env);
  servers.push(server);
  await waitForHealth(baseUrl, server.child, server.output, 90_000);
  return { baseUrl, cookie: await signIn(baseUrl, email, PASSWORD) };
}

/** The Sync Now server action as the browser calls it: its id from the build's manifest, the form's arguments. */
function syncNowActionId(): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.filename === 'app/(app)/orders/actions.ts' && action.exportedName === 'syncNowAction',
  );
  if (!entry) throw new Error('syncNowAction is not in .next/server/server-reference-manifest.json; build first');
  return entry[0];
}

async function pressSyncNow(instance: Instance, actionId: string): Promise<'started' | 'already_running'> {
  const response = await fetch(`${instance.baseUrl}/orders`, {
    method: 'POST',
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      origin: instance.baseUrl,
      cookie: instance.cookie,
    },
    body: JSON.stringify(['$undefined', {}]),
  });
  const body = await response.text();
  const kind = /"kind":"(started|already_running)"/.exec(body)?.[1];
  if (!response.ok || !kind) throw new Error(`Sync Now answered ${response.status}: ${body.slice(0, 500)}`);
  return kind as 'started' | 'already_running';
}

async function seedAccount(): Promise<{ email: string; workspaceId: string }> {
  const email = uniqueEmail('two-instances');
  const { workspace } = await signUp(database.db, { name: 'Two Instances', email, password: PASSWORD });
  return { email, workspaceId: workspace.id };
}

const syncNowRuns = (workspaceId: string) =>
  database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.trigger, 'sync_now')));

test.beforeAll(async () => {
  database = await openDatabase({ driver: 'node-postgres', url: databaseUrl });
  fakeInngest = await startFakeInngestServer();
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await fakeInngest?.close();
  await sim?.close();
  await database?.close();
});

test('with Inngest: presses at the same moment on two app processes send one event and reserve one run', async () => {
  const { email, workspaceId } = await seedAccount();
  const inngestEnv = { INNGEST_DEV: '1', INNGEST_BASE_URL: fakeInngest.url, ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION: 'true' };
  const [a, b] = await Promise.all([startInstance(inngestEnv, email), startInstance(inngestEnv, email)]);
  const actionId = syncNowActionId();
  for (let round = 1; round <= ROUNDS; round += 1) {
    fakeInngest.reset();
    const answers = await Promise.all([pressSyncNow(a, actionId), pressSyncNow(b, actionId)]);
    expect(answers.sort(), `round ${round}`).toEqual(['already_running', 'started']);
    const sent = fakeInngest.eventBatches.flat();
    expect(sent, `round ${round}`).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: 'orderbridge/workspace.sync.requested', data: { workspaceId, trigger: 'manual' } });
    const runs = await syncNowRuns(workspaceId);
    expect(runs, `round ${round}`).toHaveLength(round);
    expect(runs.map((run) => run.id)).toContain(sent[0].data.runId);
    // Inngest would now run it; here the next round starts once the reservation is given back.
    await database.db.delete(syncLeases).where(eq(syncLeases.workspaceId, workspaceId));
    await database.db
      .update(syncRuns)
      .set({ status: 'succeeded', finishedAt: new Date() })
      .where(eq(syncRuns.id, String(sent[0].data.runId)));
  }
});

test('without Inngest: presses at the same moment on two app processes run one sync', async () => {
  const { email, workspaceId } = await seedAccount();
  // Stores that take a second a request, so a run lasts while the other press arrives (an empty workspace's run
  // would end in milliseconds, and a second run after it would be right, not a double).
  process.env.ORDERBRIDGE_ENCRYPTION_KEY ??= localServerEnv('http://x', {}).ORDERBRIDGE_ENCRYPTION_KEY;
  process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
  sim = await startSimulator({
    stores: [
      { name: 'Slow Main', cost: { overheadMs: 1_000, scale: 1 } },
      { name: 'Slow Sub', cost: { overheadMs: 1_000, scale: 1 } },
    ],
  });
  for (const [store, role] of [
    [sim.stores[0], 'main'],
    [sim.stores[1], 'sub'],
  ] as const) {
    const connected = await connectStore(database.db, workspaceId, { role, name: store.name, url: store.url, ...store.readWrite });
    if (!connected.store) throw new Error(`could not connect ${store.name}: ${JSON.stringify(connected.check)}`);
  }
  const [a, b] = await Promise.all([startInstance({}, email), startInstance({}, email)]);
  const actionId = syncNowActionId();
  for (let round = 1; round <= ROUNDS; round += 1) {
    const answers = await Promise.all([pressSyncNow(a, actionId), pressSyncNow(b, actionId)]);
    expect(answers.sort(), `round ${round}`).toEqual(['already_running', 'started']);
    // The run finishes in the process that started it.
    await expect
      .poll(async () => (await syncNowRuns(workspaceId)).filter((run) => run.finishedAt !== null).length, { timeout: 30_000 })
      .toBe(round);
    await expect
      .poll(async () => (await database.db.select().from(syncLeases).where(eq(syncLeases.workspaceId, workspaceId))).length, {
        timeout: 30_000,
      })
      .toBe(0);
    expect(await syncNowRuns(workspaceId)).toHaveLength(round);
  }
});
