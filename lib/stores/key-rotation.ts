import type { Db } from '../../db/client';
import { loadKeyring, type EncryptionKeyring } from '../crypto/encryption-keys';
import { keyIdOf } from '../crypto/secret-box';
import { decryptStoreCredentials, encryptStoreCredentials } from '../crypto/store-credentials';
import { listStores, listWorkspaceIdsWithStores, updateStore } from '../data/stores';

export type RotationReport = { reencrypted: number; alreadyCurrent: number; failed: Array<{ storeId: string; reason: string }> };

/**
 * Re-encrypts every store's credentials under the current ORDERBRIDGE_ENCRYPTION_KEY, reading old values
 * with ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS. Safe to run again: stores already on the current key are skipped.
 */
export async function rotateStoreCredentialKeys(db: Db, keyring: EncryptionKeyring = loadKeyring()): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, failed: [] };
  for (const workspaceId of await listWorkspaceIdsWithStores(db)) {
    for (const store of await listStores(db, workspaceId)) {
      const current = [store.consumerKeyEncrypted, store.consumerSecretEncrypted].every((value) => keyIdOf(value) === keyring.current.id);
      if (current && store.encryptionKeyId === keyring.current.id) {
        report.alreadyCurrent += 1;
        continue;
      }
      try {
        const credentials = decryptStoreCredentials(store, keyring);
        await updateStore(db, workspaceId, store.id, encryptStoreCredentials(credentials, keyring));
        report.reencrypted += 1;
      } catch {
        // The reason names the key id only; the decrypt error could carry nothing else, but stay certain.
        report.failed.push({ storeId: store.id, reason: `encrypted with key ${store.encryptionKeyId}, which is not in ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS` });
      }
    }
  }
  return report;
}
