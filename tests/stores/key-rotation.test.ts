import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signUp } from '@/lib/accounts/sign-up';
import { stores } from '@/db/schema';
import { loadKeyring } from '@/lib/crypto/encryption-keys';
import { decryptStoreCredentials, encryptNewStoreCredentials, encryptStoreCredentials } from '@/lib/crypto/store-credentials';
import { insertStore, updateStore } from '@/lib/data/stores';
import { rotateStoreCredentialKeys } from '@/lib/stores';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

const OLD = '11'.repeat(32);
const NEW = '22'.repeat(32);
const env = (vars: Record<string, string>) => ({ NODE_ENV: 'test', ...vars }) as NodeJS.ProcessEnv;
const oldRing = loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: OLD }));
const newRing = loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: NEW, ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS: OLD }));

let database: TestDatabase;
const credentials = [
  { consumerKey: `ck_${'a'.repeat(40)}`, consumerSecret: `cs_${'b'.repeat(40)}` },
  { consumerKey: `ck_${'c'.repeat(40)}`, consumerSecret: `cs_${'d'.repeat(40)}` },
];

async function seedStore(workspaceId: string, url: string, creds: (typeof credentials)[number], ring = oldRing) {
  return insertStore(database.db, workspaceId, { role: 'main', name: url, url, ...encryptNewStoreCredentials(creds, ring) });
}

/** The form written before values were bound to their store: `<keyId>:<iv>:<tag>:<data>`, no associated data. */
function unboundCiphertext(plaintext: string, ring: typeof oldRing): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [ring.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/**
 * The database as rotation sees it, except that the first read returning the given store is followed, before
 * rotation gets the rows, by `write`: a "Replace keys" landing between rotation's read and its write.
 */
function withWriteAfterRead(db: Db, storeId: string, write: () => Promise<void>): Db {
  let written = false;
  type Method = (...args: unknown[]) => unknown;
  const wrap = (builder: object): object =>
    new Proxy(builder, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'then') {
          return (resolve: (rows: unknown) => unknown, reject: (error: unknown) => unknown) =>
            (
              (value as Method).call(target, async (rows: unknown) => {
                if (!written && Array.isArray(rows) && rows.some((r: { id?: string }) => r?.id === storeId)) {
                  written = true;
                  await write();
                }
                return rows;
              }) as Promise<unknown>
            ).then(resolve, reject);
        }
        return (...args: unknown[]) => {
          const result = (value as Method).apply(target, args);
          return result && typeof result === 'object' ? wrap(result) : result;
        };
      },
    });
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      return property === 'select' ? (...args: unknown[]) => wrap((value as Method).apply(target, args) as object) : value;
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('encryption key rotation', () => {
  it('re-encrypts every workspace’s credentials under the current key, then finds nothing left to do', async () => {
    const one = (await signUp(database.db, { email: 'rot-1@example.test', password: 'long enough password' })).workspace.id;
    const two = (await signUp(database.db, { email: 'rot-2@example.test', password: 'long enough password' })).workspace.id;
    const a = await seedStore(one, 'http://one.example', credentials[0]);
    const b = await seedStore(two, 'http://two.example', credentials[1]);

    const report = await rotateStoreCredentialKeys(database.db, newRing);
    expect(report).toEqual({ reencrypted: 2, alreadyCurrent: 0, changedDuringRotation: 0, failed: [] });
    for (const [store, creds] of [
      [a, credentials[0]],
      [b, credentials[1]],
    ] as const) {
      const [row] = await database.db.select().from(stores).where(eq(stores.id, store.id));
      expect(row.encryptionKeyId).toBe(newRing.current.id);
      expect(row.consumerKeyEncrypted.startsWith(`v2:${newRing.current.id}:`)).toBe(true);
      // Readable with the new key alone: the old key can now be dropped.
      expect(decryptStoreCredentials(row, loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: NEW })))).toEqual(creds);
      expect(() => decryptStoreCredentials(row, oldRing)).toThrow(/not configured/);
    }
    expect(await rotateStoreCredentialKeys(database.db, newRing)).toEqual({
      reencrypted: 0,
      alreadyCurrent: 2,
      changedDuringRotation: 0,
      failed: [],
    });
  });

  it('rewrites credentials stored before they were bound to their store, even under the current key', async () => {
    const ws = (await signUp(database.db, { email: 'rot-v1@example.test', password: 'long enough password' })).workspace.id;
    const other = await seedStore(ws, 'http://v1-other.example', credentials[1], newRing);
    const legacy = await insertStore(database.db, ws, {
      role: 'sub',
      name: 'legacy',
      url: 'http://v1.example',
      consumerKeyEncrypted: unboundCiphertext(credentials[0].consumerKey, newRing),
      consumerSecretEncrypted: unboundCiphertext(credentials[0].consumerSecret, newRing),
      encryptionKeyId: newRing.current.id,
      consumerKeyLast4: credentials[0].consumerKey.slice(-4),
    });
    // Readable as it is, so an install keeps working until keys:rotate has run…
    expect(decryptStoreCredentials(legacy, newRing)).toEqual(credentials[0]);

    const report = await rotateStoreCredentialKeys(database.db, newRing);
    expect(report.reencrypted).toBe(1);
    const [row] = await database.db.select().from(stores).where(eq(stores.id, legacy.id));
    expect(row.consumerSecretEncrypted.startsWith(`v2:${newRing.current.id}:`)).toBe(true);
    expect(decryptStoreCredentials(row, newRing)).toEqual(credentials[0]);
    // …and bound to its row afterwards: moved into another store, it no longer decrypts.
    await updateStore(database.db, ws, other.id, { consumerSecretEncrypted: row.consumerSecretEncrypted });
    const [moved] = await database.db.select().from(stores).where(eq(stores.id, other.id));
    expect(() => decryptStoreCredentials(moved, newRing)).toThrow(/belongs to another store/);
    await database.db.delete(stores).where(eq(stores.workspaceId, ws));
  });

  it('never overwrites keys replaced while it runs: the replacement wins and the store is read again', async () => {
    const ws = (await signUp(database.db, { email: 'rot-race@example.test', password: 'long enough password' })).workspace.id;
    const store = await seedStore(ws, 'http://race.example', credentials[0]);
    const replacement = { consumerKey: `ck_${'e'.repeat(40)}`, consumerSecret: `cs_${'f'.repeat(40)}` };
    const replaceKeys = async () => {
      // What "Replace keys" writes once the new keys pass their check.
      await updateStore(database.db, ws, store.id, encryptStoreCredentials(store.id, replacement, newRing));
    };

    const report = await rotateStoreCredentialKeys(withWriteAfterRead(database.db, store.id, replaceKeys), newRing);
    const [row] = await database.db.select().from(stores).where(eq(stores.id, store.id));
    expect(decryptStoreCredentials(row, newRing)).toEqual(replacement);
    expect(report).toMatchObject({ changedDuringRotation: 1, failed: [] });
    await database.db.delete(stores).where(eq(stores.workspaceId, ws));
  });

  it('reports, without secrets, a store whose key is not configured', async () => {
    const ws = (await signUp(database.db, { email: 'rot-3@example.test', password: 'long enough password' })).workspace.id;
    const lost = loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: '33'.repeat(32) }));
    const store = await seedStore(ws, 'http://lost.example', credentials[0], lost);
    const report = await rotateStoreCredentialKeys(database.db, newRing);
    expect(report.failed).toEqual([{ storeId: store.id, reason: expect.stringContaining(lost.current.id) }]);
    expect(JSON.stringify(report)).not.toContain(credentials[0].consumerSecret);
  });

  it('runs as `npm run keys:rotate` against a real database', async () => {
    if (!database.url) return; // the script opens its own connection: only possible with PostgreSQL
    const ws = (await signUp(database.db, { email: 'rot-4@example.test', password: 'long enough password' })).workspace.id;
    const store = await seedStore(ws, 'http://cli.example', credentials[1]);
    await database.db.delete(stores).where(eq(stores.url, 'http://lost.example'));
    const output = execFileSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/keys-rotate.ts'], {
      env: { ...process.env, DATABASE_URL: database.url, ORDERBRIDGE_ENCRYPTION_KEY: NEW, ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS: OLD },
      encoding: 'utf8',
    });
    expect(output).toMatch(/Re-encrypted 1 store\(s\) under the current key; 2 already used it/);
    const [row] = await database.db.select().from(stores).where(eq(stores.id, store.id));
    expect(decryptStoreCredentials(row, newRing)).toEqual(credentials[1]);
  });
});
