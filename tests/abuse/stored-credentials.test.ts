import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { stores, type Store } from '@/db/schema';
import { decryptStoreCredentials } from '@/lib/crypto/store-credentials';
import { createSyncWorkspace, type StoreEndpoint } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Someone who can write to the database but holds no encryption key: a leaked backup restored with edits,
// a SQL injection elsewhere, a rogue operator. They must not get a credential used where it does not belong.
let database: TestDatabase;
let victim: Store;
let attacker: Store;

const endpoint = (name: string, secret: string): StoreEndpoint => ({
  name,
  url: `https://${name}.example`,
  consumerKey: `ck_${secret.repeat(40)}`,
  consumerSecret: `cs_${secret.repeat(40)}`,
});

async function row(storeId: string): Promise<Store> {
  const [found] = await database.db.select().from(stores).where(eq(stores.id, storeId));
  return found;
}

async function overwrite(
  storeId: string,
  changes: Partial<Pick<Store, 'consumerKeyEncrypted' | 'consumerSecretEncrypted'>>,
): Promise<Store> {
  await database.db.update(stores).set(changes).where(eq(stores.id, storeId));
  return row(storeId);
}

/** GCM accepts a tag cut down to its first bytes unless the length is fixed: 4 bytes is 2^32 tries to forge. */
function withTagCutTo(stored: string, bytes: number): string {
  const parts = stored.split(':');
  const tagIndex = parts.length - 2;
  parts[tagIndex] = Buffer.from(parts[tagIndex], 'base64url').subarray(0, bytes).toString('base64url');
  return parts.join(':');
}

beforeAll(async () => {
  database = await createTestDatabase();
  victim = (await createSyncWorkspace(database.db, { main: endpoint('victim-main', 'v'), subs: [] })).main;
  attacker = (await createSyncWorkspace(database.db, { main: endpoint('attacker-main', 'a'), subs: [] })).main;
});
afterAll(async () => database?.drop());

describe('stored store credentials', () => {
  it('cuts the GCM tag of a stored consumer secret to 4 bytes', async () => {
    const tampered = await overwrite(victim.id, { consumerSecretEncrypted: withTagCutTo(victim.consumerSecretEncrypted, 4) });
    expect(() => decryptStoreCredentials(tampered)).toThrow(/16-byte tag/);
    await overwrite(victim.id, { consumerSecretEncrypted: victim.consumerSecretEncrypted });
  });

  it("copies another workspace's encrypted keys into the attacker's own store row, so a sync sends them to the attacker's URL", async () => {
    const moved = await overwrite(attacker.id, {
      consumerKeyEncrypted: victim.consumerKeyEncrypted,
      consumerSecretEncrypted: victim.consumerSecretEncrypted,
    });
    expect(() => decryptStoreCredentials(moved)).toThrow(/belongs to another store or field/);
    expect(decryptStoreCredentials(await row(victim.id)).consumerSecret).toBe(`cs_${'v'.repeat(40)}`);
  });

  it("swaps a store's consumer key and consumer secret columns", async () => {
    const swapped = await overwrite(victim.id, {
      consumerKeyEncrypted: victim.consumerSecretEncrypted,
      consumerSecretEncrypted: victim.consumerKeyEncrypted,
    });
    expect(() => decryptStoreCredentials(swapped)).toThrow(/belongs to another store or field/);
  });
});
