import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { signUp } from '@/lib/accounts/sign-up';
import { stores } from '@/db/schema';
import { loadKeyring } from '@/lib/crypto/encryption-keys';
import { decryptStoreCredentials, encryptStoreCredentials } from '@/lib/crypto/store-credentials';
import { insertStore } from '@/lib/data/stores';
import { rotateStoreCredentialKeys } from '@/lib/stores';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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
  return insertStore(database.db, workspaceId, { role: 'main', name: url, url, ...encryptStoreCredentials(creds, ring) });
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
    expect(report).toEqual({ reencrypted: 2, alreadyCurrent: 0, failed: [] });
    for (const [store, creds] of [[a, credentials[0]], [b, credentials[1]]] as const) {
      const [row] = await database.db.select().from(stores).where(eq(stores.id, store.id));
      expect(row.encryptionKeyId).toBe(newRing.current.id);
      expect(row.consumerKeyEncrypted.startsWith(`${newRing.current.id}:`)).toBe(true);
      // Readable with the new key alone: the old key can now be dropped.
      expect(decryptStoreCredentials(row, loadKeyring(env({ ORDERBRIDGE_ENCRYPTION_KEY: NEW })))).toEqual(creds);
      expect(() => decryptStoreCredentials(row, oldRing)).toThrow(/not configured/);
    }
    expect(await rotateStoreCredentialKeys(database.db, newRing)).toEqual({ reencrypted: 0, alreadyCurrent: 2, failed: [] });
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
    const output = execFileSync('node_modules/.bin/tsx', ['scripts/keys-rotate.ts'], {
      env: { ...process.env, DATABASE_URL: database.url, ORDERBRIDGE_ENCRYPTION_KEY: NEW, ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS: OLD },
      encoding: 'utf8',
    });
    expect(output).toMatch(/Re-encrypted 1 store\(s\) under the current key; 2 already used it/);
    const [row] = await database.db.select().from(stores).where(eq(stores.id, store.id));
    expect(decryptStoreCredentials(row, newRing)).toEqual(credentials[1]);
  });
});
