import { decryptSecret, encryptSecret } from './secret-box';
import { loadKeyring, type EncryptionKeyring } from './encryption-keys';

export type StoreCredentials = { consumerKey: string; consumerSecret: string };
export type EncryptedStoreCredentials = {
  consumerKeyEncrypted: string;
  consumerSecretEncrypted: string;
  encryptionKeyId: string;
  consumerKeyLast4: string;
};

let cachedKeyring: EncryptionKeyring | undefined;
function keyring(): EncryptionKeyring {
  cachedKeyring ??= loadKeyring();
  return cachedKeyring;
}

export function encryptStoreCredentials(credentials: StoreCredentials, ring: EncryptionKeyring = keyring()): EncryptedStoreCredentials {
  return {
    consumerKeyEncrypted: encryptSecret(credentials.consumerKey, ring),
    consumerSecretEncrypted: encryptSecret(credentials.consumerSecret, ring),
    encryptionKeyId: ring.current.id,
    consumerKeyLast4: credentials.consumerKey.slice(-4),
  };
}

export function decryptStoreCredentials(
  store: Pick<EncryptedStoreCredentials, 'consumerKeyEncrypted' | 'consumerSecretEncrypted'>,
  ring: EncryptionKeyring = keyring(),
): StoreCredentials {
  return {
    consumerKey: decryptSecret(store.consumerKeyEncrypted, ring),
    consumerSecret: decryptSecret(store.consumerSecretEncrypted, ring),
  };
}
