import { randomUUID } from 'node:crypto';
import { decryptSecret, encryptSecret, isCurrentSecret } from './secret-box';
import { loadKeyring, type EncryptionKeyring } from './encryption-keys';

export type StoreCredentials = { consumerKey: string; consumerSecret: string };
export type EncryptedStoreCredentials = {
  consumerKeyEncrypted: string;
  consumerSecretEncrypted: string;
  encryptionKeyId: string;
  consumerKeyLast4: string;
};
type EncryptedStoreRow = { id: string } & Pick<EncryptedStoreCredentials, 'consumerKeyEncrypted' | 'consumerSecretEncrypted'>;

let cachedKeyring: EncryptionKeyring | undefined;
function keyring(): EncryptionKeyring {
  cachedKeyring ??= loadKeyring();
  return cachedKeyring;
}

/** Each value is bound to its store and field: copied into another store's row, or the other column, it does not decrypt. */
function associatedData(storeId: string, field: keyof StoreCredentials): string {
  return `store:${storeId}:${field}`;
}

export function encryptStoreCredentials(
  storeId: string,
  credentials: StoreCredentials,
  ring: EncryptionKeyring = keyring(),
): EncryptedStoreCredentials {
  return {
    consumerKeyEncrypted: encryptSecret(credentials.consumerKey, ring, associatedData(storeId, 'consumerKey')),
    consumerSecretEncrypted: encryptSecret(credentials.consumerSecret, ring, associatedData(storeId, 'consumerSecret')),
    encryptionKeyId: ring.current.id,
    consumerKeyLast4: credentials.consumerKey.slice(-4),
  };
}

/** A new store's row takes its id from here, so its credentials can be bound to it before it is inserted. */
export function encryptNewStoreCredentials(
  credentials: StoreCredentials,
  ring: EncryptionKeyring = keyring(),
): EncryptedStoreCredentials & { id: string } {
  const id = randomUUID();
  return { id, ...encryptStoreCredentials(id, credentials, ring) };
}

export function decryptStoreCredentials(store: EncryptedStoreRow, ring: EncryptionKeyring = keyring()): StoreCredentials {
  return {
    consumerKey: decryptSecret(store.consumerKeyEncrypted, ring, associatedData(store.id, 'consumerKey')),
    consumerSecret: decryptSecret(store.consumerSecretEncrypted, ring, associatedData(store.id, 'consumerSecret')),
  };
}

/** Both values bound to their row and under the current key: nothing for `keys:rotate` to rewrite. */
export function storeCredentialsAreCurrent(
  store: EncryptedStoreRow & { encryptionKeyId: string },
  ring: EncryptionKeyring = keyring(),
): boolean {
  return (
    store.encryptionKeyId === ring.current.id &&
    isCurrentSecret(store.consumerKeyEncrypted, ring) &&
    isCurrentSecret(store.consumerSecretEncrypted, ring)
  );
}
