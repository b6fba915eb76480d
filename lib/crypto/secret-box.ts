import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeyring } from './encryption-keys';

const FORMAT = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a full 16-byte tag, bound to where the value lives: `associatedData` (e.g.
 * `store:<id>:consumerSecret`) must be given again to decrypt, so a value copied to another row or field
 * does not decrypt. Stored as `v2:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts).
 */
export function encryptSecret(plaintext: string, keyring: EncryptionKeyring, associatedData: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, keyring.current.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
}

type StoredSecret = { bound: boolean; keyId: string; iv: string; tag: string; data: string };

/** `v2:…` is bound to its associated data; a bare `<keyId>:…` is the unbound form written before it. */
function parseStored(stored: string): StoredSecret | null {
  const parts = stored.split(':');
  if (parts.length === 5 && parts[0] === FORMAT) return { bound: true, keyId: parts[1], iv: parts[2], tag: parts[3], data: parts[4] };
  if (parts.length === 4) return { bound: false, keyId: parts[0], iv: parts[1], tag: parts[2], data: parts[3] };
  return null;
}

/** True when the value is in the current format under the current key: nothing for `keys:rotate` to do. */
export function isCurrentSecret(stored: string, keyring: EncryptionKeyring): boolean {
  const parsed = parseStored(stored);
  return Boolean(parsed?.bound) && parsed?.keyId === keyring.current.id;
}

/**
 * Unbound values (no `v2:`) still decrypt, so an install keeps working until `npm run keys:rotate` rewrites
 * them; until then such a value could be moved between rows. Every tag must be the full 16 bytes.
 */
export function decryptSecret(stored: string, keyring: EncryptionKeyring, associatedData: string): string {
  const parsed = parseStored(stored);
  if (!parsed) throw new Error('Cannot decrypt a stored credential: it is not in a known format.');
  const key = keyring.byId.get(parsed.keyId);
  if (!key) {
    throw new Error(
      `Cannot decrypt a stored credential: encryption key ${parsed.keyId} is not configured (set ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS).`,
    );
  }
  const iv = Buffer.from(parsed.iv, 'base64url');
  const tag = Buffer.from(parsed.tag, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error(`Cannot decrypt a stored credential: it needs a ${IV_BYTES}-byte IV and a ${TAG_BYTES}-byte tag.`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  if (parsed.bound) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Cannot decrypt a stored credential: it was altered, or it belongs to another store or field.');
  }
}
