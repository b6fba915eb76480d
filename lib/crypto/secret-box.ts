import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeyring } from './encryption-keys';

/** AES-256-GCM; the stored form is `<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptSecret(plaintext: string, keyring: EncryptionKeyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [keyring.current.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
}

export function keyIdOf(stored: string): string {
  return stored.split(':', 1)[0];
}

export function decryptSecret(stored: string, keyring: EncryptionKeyring): string {
  const [id, iv, tag, data] = stored.split(':');
  const key = keyring.byId.get(id);
  if (!key || !iv || !tag || data === undefined) {
    throw new Error(`Cannot decrypt a stored credential: encryption key ${id} is not configured (set ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS).`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
