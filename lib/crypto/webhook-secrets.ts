import { randomBytes } from 'node:crypto';
import type { WebhookTopic } from '@/db/schema';
import { loadKeyring, type EncryptionKeyring } from './encryption-keys';
import { decryptSecret, encryptSecret } from './secret-box';

let cachedKeyring: EncryptionKeyring | undefined;
function keyring(): EncryptionKeyring {
  cachedKeyring ??= loadKeyring();
  return cachedKeyring;
}

/** Bound to its store and topic: copied to another row it does not decrypt. */
function associatedData(storeId: string, topic: WebhookTopic): string {
  return `store:${storeId}:webhook:${topic}`;
}

/** 32 random bytes: the HMAC key WooCommerce signs each delivery with. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function encryptWebhookSecret(storeId: string, topic: WebhookTopic, secret: string, ring: EncryptionKeyring = keyring()): string {
  return encryptSecret(secret, ring, associatedData(storeId, topic));
}

export function decryptWebhookSecret(storeId: string, topic: WebhookTopic, stored: string, ring: EncryptionKeyring = keyring()): string {
  return decryptSecret(stored, ring, associatedData(storeId, topic));
}
