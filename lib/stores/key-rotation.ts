import type { Db } from '@/db/client';
import type { Store } from '@/db/schema';
import { loadKeyring, type EncryptionKeyring } from '@/lib/crypto/encryption-keys';
import { decryptStoreCredentials, encryptStoreCredentials, storeCredentialsAreCurrent } from '@/lib/crypto/store-credentials';
import { findStore, listStores, listWorkspaceIdsWithStores, replaceStoreCredentialsIfUnchanged } from '@/lib/data/stores';

export type RotationReport = {
  reencrypted: number;
  alreadyCurrent: number;
  /** Stores whose keys were replaced while rotation ran: read again, never overwritten. */
  changedDuringRotation: number;
  failed: Array<{ storeId: string; reason: string }>;
};

const ATTEMPTS_PER_STORE = 3;

/**
 * Re-encrypts every store's credentials under the current ORDERBRIDGE_ENCRYPTION_KEY, bound to their store and
 * field, reading old values with ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS (and the unbound form written before).
 * Each write is a compare-and-swap: keys replaced meanwhile win, and the store is read again.
 * Safe to run again: stores already current are skipped.
 */
export async function rotateStoreCredentialKeys(db: Db, keyring: EncryptionKeyring = loadKeyring()): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, changedDuringRotation: 0, failed: [] };
  for (const workspaceId of await listWorkspaceIdsWithStores(db)) {
    for (const listed of await listStores(db, workspaceId)) {
      await rotateStore(db, workspaceId, listed, keyring, report);
    }
  }
  return report;
}

async function rotateStore(db: Db, workspaceId: string, listed: Store, keyring: EncryptionKeyring, report: RotationReport): Promise<void> {
  let store: Store | null = listed;
  for (let attempt = 1; store; attempt += 1) {
    if (storeCredentialsAreCurrent(store, keyring)) {
      report.alreadyCurrent += 1;
      return;
    }
    if (attempt > ATTEMPTS_PER_STORE) {
      report.failed.push({
        storeId: store.id,
        reason: `its keys changed ${ATTEMPTS_PER_STORE} times while rotation ran; run keys:rotate again`,
      });
      return;
    }
    let credentials;
    try {
      credentials = decryptStoreCredentials(store, keyring);
    } catch (error) {
      // Our decrypt errors name the key id and the cause, never a secret.
      report.failed.push({ storeId: store.id, reason: `${(error as Error).message} (key ${store.encryptionKeyId})` });
      return;
    }
    if (
      await replaceStoreCredentialsIfUnchanged(db, workspaceId, store.id, store, encryptStoreCredentials(store.id, credentials, keyring))
    ) {
      report.reencrypted += 1;
      return;
    }
    report.changedDuringRotation += 1;
    store = await findStore(db, workspaceId, store.id);
  }
}
