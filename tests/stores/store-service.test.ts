import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { signUp } from '@/lib/accounts/sign-up';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { stores, workspaces } from '@/db/schema';
import { startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import {
  connectStore,
  describeStoreRemoval,
  getStoreView,
  listStoreViews,
  readSyncSettings,
  recheckStore,
  removeStore,
  replaceStoreKeys,
  saveSyncSettings,
  setStorePaused,
  setSubstoreDirections,
  syncSettingsInput,
  type StoreServiceOptions,
} from '@/lib/stores';
import { createGuardedAgents } from '@/lib/net';
import { selfSignedCertificate } from '@/simulator/tls';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

const options: StoreServiceOptions = { check: { guard: { allowPrivate: true }, timeoutMs: 3_000 } };

let database: TestDatabase;
let sim: Simulator;
let main: StoreHandle;
let subA: StoreHandle;
let subB: StoreHandle;
let workspaceA: string;
let workspaceB: string;

const logged: string[] = [];
beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
      );
    });
  }
  database = await createTestDatabase();
  sim = await startSimulator({
    stores: [
      { name: 'main', currency: 'EUR' },
      { name: 'sub-a', currency: 'EUR' },
      { name: 'sub-b', currency: 'USD' },
    ],
  });
  [main, subA, subB] = [sim.store('main'), sim.store('sub-a'), sim.store('sub-b')];
  main.createOrderDirectly();
  workspaceA = (await signUp(database.db, { email: 'a-owner@example.test', password: 'long enough password' })).workspace.id;
  workspaceB = (await signUp(database.db, { email: 'b-owner@example.test', password: 'long enough password' })).workspace.id;
});
afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

describe('connecting stores', () => {
  it('connects the main store after a passing check and keeps the keys encrypted at rest', async () => {
    const { check, store } = await connectStore(database.db, workspaceA, { role: 'main', url: `${main.url}/`, ...main.readWrite }, options);
    expect(check.ok).toBe(true);
    expect(store).toMatchObject({ role: 'main', url: main.url, consumerKeyLast4: main.readWrite.consumerKey.slice(-4), currency: 'EUR' });
    expect(store?.lastContactAt).toBeInstanceOf(Date);
    const [row] = await database.db.select().from(stores).where(eq(stores.id, store!.id));
    const rawRow = JSON.stringify(row);
    expect(rawRow).not.toContain(main.readWrite.consumerKey);
    expect(rawRow).not.toContain(main.readWrite.consumerSecret);
    expect(row.consumerSecretEncrypted.split(':').slice(0, 2)).toEqual(['v2', row.encryptionKeyId]);
    expect(JSON.stringify(store)).not.toContain(row.consumerSecretEncrypted);
  });

  it('saves nothing when the check fails', async () => {
    const { check, store } = await connectStore(
      database.db,
      workspaceA,
      { role: 'sub', url: subA.url, consumerKey: subA.readWrite.consumerKey, consumerSecret: `cs_${'9'.repeat(40)}` },
      options,
    );
    expect(check.failure?.code).toBe('secret_mismatch');
    expect(store).toBeNull();
    expect((await listStoreViews(database.db, workspaceA)).map((s) => s.url)).toEqual([main.url]);
  });

  it('allows exactly one main store per workspace', async () => {
    await expect(connectStore(database.db, workspaceA, { role: 'main', url: subA.url, ...subA.readWrite }, options)).rejects.toThrow(
      /already has a main store/,
    );
  });

  it('refuses the same store twice in one workspace, however the URL is written', async () => {
    const again = connectStore(database.db, workspaceA, { role: 'sub', url: `${main.url}/wp-json/`, ...main.readWrite }, options);
    await expect(again).rejects.toThrow(UserFacingError);
    await expect(again).rejects.toThrow(/already connected to this workspace/);
  });

  it('connects substores, and another workspace may connect the same store', async () => {
    const a = await connectStore(database.db, workspaceA, { role: 'sub', url: subA.url, ...subA.readWrite }, options);
    const b = await connectStore(database.db, workspaceA, { role: 'sub', url: subB.url, ...subB.readWrite }, options);
    expect([a.store?.role, b.store?.role]).toEqual(['sub', 'sub']);
    const other = await connectStore(database.db, workspaceB, { role: 'main', url: main.url, ...main.readWrite }, options);
    expect(other.check.ok).toBe(true);
    expect((await listStoreViews(database.db, workspaceA)).map((s) => s.role)).toEqual(['main', 'sub', 'sub']);
  });

  it('rejects malformed input before any network call', async () => {
    await expect(
      connectStore(database.db, workspaceA, { role: 'sub', url: 'shop.example.com', ...subA.readWrite }, options),
    ).rejects.toThrow(/Add the scheme/);
    await expect(
      connectStore(
        database.db,
        workspaceA,
        { role: 'sub', url: subA.url, consumerKey: subA.readWrite.consumerSecret, consumerSecret: subA.readWrite.consumerKey },
        options,
      ),
    ).rejects.toThrow(/swapped/);
  });
});

describe('managing stores', () => {
  const storeOf = async (url: string) => (await listStoreViews(database.db, workspaceA)).find((s) => s.url === url)!;

  it('pauses and resumes', async () => {
    const store = await storeOf(subA.url);
    expect((await setStorePaused(database.db, workspaceA, store.id, true)).paused).toBe(true);
    expect((await setStorePaused(database.db, workspaceA, store.id, false)).paused).toBe(false);
  });

  it('toggles each direction of a substore, but not of the main store', async () => {
    const store = await storeOf(subA.url);
    const updated = await setSubstoreDirections(database.db, workspaceA, store.id, { receivesMainOrders: false });
    expect(updated).toMatchObject({ receivesMainOrders: false, sendsOrdersToMain: true });
    const mainStore = await storeOf(main.url);
    await expect(setSubstoreDirections(database.db, workspaceA, mainStore.id, { sendsOrdersToMain: false })).rejects.toThrow(
      /apply to substores/,
    );
  });

  it('re-checks a store and records its health, good and bad', async () => {
    const store = await storeOf(subB.url);
    subB.faults.inject({ kind: 'htmlInsteadOfJson' });
    const failed = await recheckStore(database.db, workspaceA, store.id, options);
    expect(failed.check.failure?.code).toBe('html_instead_of_json');
    expect(failed.store?.lastError).toMatch(/web page \(HTML\)/);
    expect(failed.store?.lastErrorAt).toBeInstanceOf(Date);
    const healed = await recheckStore(database.db, workspaceA, store.id, options);
    expect(healed.check.ok).toBe(true);
    expect(healed.store).toMatchObject({ lastError: null, lastErrorAt: null });
  });

  it('replaces keys only with keys that pass the check', async () => {
    const store = await storeOf(subA.url);
    const readOnly = await replaceStoreKeys(database.db, workspaceA, store.id, subA.readOnly, options);
    expect(readOnly.check.failure?.code).toBe('read_only_key');
    expect((await getStoreView(database.db, workspaceA, store.id)).consumerKeyLast4).toBe(subA.readWrite.consumerKey.slice(-4));
    const [before] = await database.db.select().from(stores).where(eq(stores.id, store.id));
    const replaced = await replaceStoreKeys(database.db, workspaceA, store.id, subA.readWrite, options);
    expect(replaced.check.ok).toBe(true);
    const [after] = await database.db.select().from(stores).where(eq(stores.id, store.id));
    expect(after.consumerSecretEncrypted).not.toBe(before.consumerSecretEncrypted);
  });

  it('states what removal does, then removes', async () => {
    const store = await storeOf(subB.url);
    const statement = await describeStoreRemoval(database.db, workspaceA, store.id);
    expect(statement).toContain(`"${store.name}"`);
    expect(statement).toMatch(/0 orders indexed from it/);
    expect(statement).toMatch(/Nothing is deleted on any WooCommerce store/);
    await removeStore(database.db, workspaceA, store.id);
    await expect(getStoreView(database.db, workspaceA, store.id)).rejects.toThrow(NotFoundError);
  });
});

describe('tenant isolation', () => {
  it("gives workspace B not-found for every action on workspace A's store", async () => {
    const target = (await listStoreViews(database.db, workspaceA)).find((s) => s.role === 'sub')!;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['view', () => getStoreView(database.db, workspaceB, target.id)],
      ['recheck', () => recheckStore(database.db, workspaceB, target.id, options)],
      ['replace keys', () => replaceStoreKeys(database.db, workspaceB, target.id, subA.readWrite, options)],
      ['pause', () => setStorePaused(database.db, workspaceB, target.id, true)],
      ['directions', () => setSubstoreDirections(database.db, workspaceB, target.id, { sendsOrdersToMain: false })],
      ['describe removal', () => describeStoreRemoval(database.db, workspaceB, target.id)],
      ['remove', () => removeStore(database.db, workspaceB, target.id)],
      ['malformed id', () => getStoreView(database.db, workspaceB, 'not-a-uuid')],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toThrow(NotFoundError);
    }
    const untouched = await getStoreView(database.db, workspaceA, target.id);
    expect(untouched).toMatchObject({ paused: false, sendsOrdersToMain: true });
    expect((await listStoreViews(database.db, workspaceB)).map((s) => s.url)).toEqual([main.url]);
  });
});

describe('workspace sync settings', () => {
  it('start with the documented defaults', async () => {
    expect(await readSyncSettings(database.db, workspaceB)).toEqual({
      syncStartAt: null,
      keepSubstoreCopiesUpdated: false,
      customerEmailPolicy: 'suppress',
      stockPolicy: 'reduce',
      currencyMismatchPolicy: 'hold',
      addCopyNote: false,
    });
  });

  it('save form input for one workspace only', async () => {
    const input = syncSettingsInput.parse({
      syncStartMode: 'custom',
      syncStartAt: '2025-03-01T08:30',
      keepSubstoreCopiesUpdated: 'on',
      customerEmailPolicy: 'allow',
      stockPolicy: 'leave',
      currencyMismatchPolicy: 'allow',
      addCopyNote: 'on',
    });
    const saved = await saveSyncSettings(database.db, workspaceA, input);
    expect(saved).toEqual({
      syncStartAt: new Date('2025-03-01T08:30:00Z'),
      keepSubstoreCopiesUpdated: true,
      customerEmailPolicy: 'allow',
      stockPolicy: 'leave',
      currencyMismatchPolicy: 'allow',
      addCopyNote: true,
    });
    expect(await readSyncSettings(database.db, workspaceB)).toMatchObject({ customerEmailPolicy: 'suppress', addCopyNote: false });
    const [row] = await database.db.select().from(workspaces).where(eq(workspaces.id, workspaceA));
    expect(row.stockPolicy).toBe('leave');
    expect(row.addCopyNote).toBe(true);
    // An unchecked checkbox is absent from the form: the note goes off again.
    const unchecked = syncSettingsInput.parse({
      syncStartMode: 'connected',
      customerEmailPolicy: 'allow',
      stockPolicy: 'leave',
      currencyMismatchPolicy: 'allow',
    });
    expect((await saveSyncSettings(database.db, workspaceA, unchecked)).addCopyNote).toBe(false);
  });

  it('names a missing custom start time and an unknown policy', async () => {
    const noDate = syncSettingsInput.parse({
      syncStartMode: 'custom',
      customerEmailPolicy: 'suppress',
      stockPolicy: 'reduce',
      currencyMismatchPolicy: 'hold',
    });
    await expect(saveSyncSettings(database.db, workspaceA, noDate)).rejects.toThrow(/Enter the date and time/);
    const bad = syncSettingsInput.safeParse({
      syncStartMode: 'connected',
      customerEmailPolicy: 'spam',
      stockPolicy: 'reduce',
      currencyMismatchPolicy: 'hold',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/customer emails/);
  });
});

describe('the same store under another host name', () => {
  it('is recognised by its home URL', async () => {
    const tls = selfSignedCertificate();
    const secureSim = await startSimulator({ stores: [{ name: 'secure', scheme: 'https', tls }] });
    try {
      const secure = secureSim.store('secure');
      const httpsOptions: StoreServiceOptions = {
        check: { agents: createGuardedAgents({ allowPrivate: true, trustedCa: tls.cert }), timeoutMs: 3_000 },
      };
      const first = await connectStore(database.db, workspaceB, { role: 'sub', url: secure.url, ...secure.readWrite }, httpsOptions);
      expect(first.check.ok).toBe(true);
      const alias = secure.url.replace('127.0.0.1', 'localhost');
      await expect(connectStore(database.db, workspaceB, { role: 'sub', url: alias, ...secure.readWrite }, httpsOptions)).rejects.toThrow(
        /already connected to this workspace/,
      );
    } finally {
      await secureSim.close();
    }
  });
});

describe('logs of the whole flow above', () => {
  it('never contain a consumer key or secret', () => {
    const text = logged.join('\n');
    for (const store of [main, subA, subB]) {
      for (const value of [store.readWrite.consumerKey, store.readWrite.consumerSecret, store.readOnly.consumerSecret])
        expect(text).not.toContain(value);
    }
  });
});
