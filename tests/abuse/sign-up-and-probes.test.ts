import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';
import { insertStore } from '@/lib/data/stores';
import { connectStore, type StoreServiceOptions } from '@/lib/stores';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startLocalServer, type LocalServer } from '@/tests/stores/support/local-server';
import { sleep } from '@/lib/utils/sleep';

/** The request the server action answers: which address it came from (Next.js's X-Forwarded-For with no proxy). */
const request = vi.hoisted(() => ({ forwardedFor: '203.0.113.5' }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ 'x-forwarded-for': request.forwardedFor }),
}));

/** The limits the issue asks for, stated here so the test cannot drift with lib/rate-limits/policies.ts. */
const SIGN_UPS_PER_ADDRESS_PER_HOUR = 30;
const CHECKS_PER_WORKSPACE_PER_HOUR = 30;
const CHECKS_PER_ADDRESS_PER_HOUR = 60;

let database: TestDatabase;
/** Any public host a new account could name as its store: here one that records every probe it receives. */
let probed: LocalServer;
beforeAll(async () => {
  database = await createTestDatabase();
  (globalThis as unknown as { orderbridgeDb?: Promise<TestDatabase> }).orderbridgeDb = Promise.resolve(database);
  probed = await startLocalServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html>not a store</html>'));
});
afterAll(async () => {
  await probed?.close();
  await database?.drop();
});

const keys = { consumerKey: `ck_${'a'.repeat(40)}`, consumerSecret: `cs_${'b'.repeat(40)}` };
const options = (address: string): StoreServiceOptions => ({ check: { timeoutMs: 3_000 }, requesterAddress: address });
const probeCount = () => probed.requests.filter((path) => path.includes('/wp-json/')).length;

function signUpForm(email: string): FormData {
  const form = new FormData();
  form.set('name', 'Prober');
  form.set('email', email);
  form.set('password', 'long enough password');
  return form;
}

describe('sign-up and connection checks as a way to make the servers probe other hosts', () => {
  it(
    `signs up ${SIGN_UPS_PER_ADDRESS_PER_HOUR + 1} times from one address within the hour: the last is refused, naming the limit`,
    { timeout: 120_000 },
    async () => {
      const { signUpAction } = await import('@/app/(auth)/actions');
      request.forwardedFor = '203.0.113.5';
      await signUp(database.db, { email: 'first-prober@example.test', password: 'long enough password' });
      for (let i = 0; i < SIGN_UPS_PER_ADDRESS_PER_HOUR; i += 1) {
        expect(await signUpAction(undefined, signUpForm('first-prober@example.test'))).toMatchObject({
          error: 'An account with this email already exists. Sign in instead.',
        });
      }
      expect(await signUpAction(undefined, signUpForm('one-more-prober@example.test'))).toEqual({
        email: 'one-more-prober@example.test',
        error: `Too many new accounts from your network address: at most ${SIGN_UPS_PER_ADDRESS_PER_HOUR} per 1 hour. Try again in 1 hour.`,
      });
      request.forwardedFor = '198.51.100.23';
      await expect(signUpAction(undefined, signUpForm('elsewhere@example.test'))).rejects.toThrow('NEXT_REDIRECT');
    },
  );

  it(
    `runs ${CHECKS_PER_WORKSPACE_PER_HOUR + 1} connection checks in one workspace: the last never leaves the server`,
    { timeout: 120_000 },
    async () => {
      const { workspace } = await signUp(database.db, { email: 'checker@example.test', password: 'long enough password' });
      const before = probeCount();
      for (let i = 0; i < CHECKS_PER_WORKSPACE_PER_HOUR; i += 1) {
        const outcome = await connectStore(
          database.db,
          workspace.id,
          { role: 'main', url: `${probed.url}/shop-${i}`, ...keys },
          options(`192.0.2.${i + 1}`),
        );
        expect(outcome.check.ok).toBe(false);
      }
      expect(probeCount() - before).toBe(CHECKS_PER_WORKSPACE_PER_HOUR);
      await expect(
        connectStore(database.db, workspace.id, { role: 'main', url: `${probed.url}/one-more`, ...keys }, options('192.0.2.200')),
      ).rejects.toThrow(`Too many store connection checks in this workspace: at most ${CHECKS_PER_WORKSPACE_PER_HOUR} per 1 hour.`);
      expect(probeCount() - before).toBe(CHECKS_PER_WORKSPACE_PER_HOUR);
    },
  );

  it(
    `runs ${CHECKS_PER_ADDRESS_PER_HOUR + 1} connection checks from one address spread over fresh workspaces: the last never leaves the server`,
    { timeout: 120_000 },
    async () => {
      const workspaces = [];
      for (let i = 0; i < Math.ceil(CHECKS_PER_ADDRESS_PER_HOUR / CHECKS_PER_WORKSPACE_PER_HOUR) + 1; i += 1) {
        workspaces.push(
          (await signUp(database.db, { email: `spreader-${i}@example.test`, password: 'long enough password' })).workspace.id,
        );
      }
      const before = probeCount();
      for (let i = 0; i < CHECKS_PER_ADDRESS_PER_HOUR; i += 1) {
        await connectStore(
          database.db,
          workspaces[i % workspaces.length],
          { role: 'main', url: `${probed.url}/spread-${i}`, ...keys },
          options('203.0.113.99'),
        );
      }
      expect(probeCount() - before).toBe(CHECKS_PER_ADDRESS_PER_HOUR);
      await expect(
        connectStore(database.db, workspaces.at(-1)!, { role: 'main', url: `${probed.url}/spread-last`, ...keys }, options('203.0.113.99')),
      ).rejects.toThrow(`Too many store connection checks from your network address: at most ${CHECKS_PER_ADDRESS_PER_HOUR} per 1 hour.`);
      expect(probeCount() - before).toBe(CHECKS_PER_ADDRESS_PER_HOUR);
    },
  );
});

describe('the onboarding preview as a way to make the servers read every store again and again', () => {
  it(
    'asks for the preview twice at once in one workspace: one reads the stores, the other is told one is running',
    { timeout: 60_000 },
    async () => {
      const { previewFirstSync } = await import('@/lib/stores');
      let ordersReads = 0;
      let answerOrders!: () => void;
      const ordersAnswered = new Promise<void>((resolve) => (answerOrders = resolve));
      const slowStore = await startLocalServer((req, res) => {
        if (!req.url?.startsWith('/wp-json/wc/v3/orders')) return void res.writeHead(404).end();
        ordersReads += 1;
        void ordersAnswered.then(() =>
          res.writeHead(200, { 'content-type': 'application/json', 'x-wp-total': '0', 'x-wp-totalpages': '0' }).end('[]'),
        );
      });
      try {
        const { workspace } = await signUp(database.db, { email: 'previewer@example.test', password: 'long enough password' });
        await insertStore(database.db, workspace.id, {
          role: 'main',
          name: 'Main',
          url: slowStore.url,
          ...encryptNewStoreCredentials(keys),
        });
        const first = previewFirstSync(database.db, workspace.id);
        while (ordersReads === 0) await sleep(20);
        await expect(previewFirstSync(database.db, workspace.id)).rejects.toThrow(
          'A preview of this workspace is already running. Try again when it has finished (within 5 minutes).',
        );
        expect(ordersReads).toBe(1);
        answerOrders();
        expect((await first).stores).toEqual([expect.objectContaining({ name: 'Main', newOrders: 0 })]);
        expect((await previewFirstSync(database.db, workspace.id)).stores).toHaveLength(1);
      } finally {
        answerOrders();
        await slowStore.close();
      }
    },
  );
});
