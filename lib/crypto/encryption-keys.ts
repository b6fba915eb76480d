import { createHash, randomBytes } from 'node:crypto';
import { readOrCreateDevSecret } from '@/lib/env/dev-secrets';

export type EncryptionKey = { id: string; key: Buffer };
export type EncryptionKeyring = { current: EncryptionKey; byId: Map<string, EncryptionKey> };

function parseKey(material: string): Buffer {
  const trimmed = material.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length === 32) return decoded;
  throw new Error('ORDERBRIDGE_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64');
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * ORDERBRIDGE_ENCRYPTION_KEY is the key new values are encrypted with;
 * ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS (comma-separated) still decrypt until `npm run keys:rotate` has run.
 */
export function loadKeyring(env: NodeJS.ProcessEnv = process.env): EncryptionKeyring {
  const currentMaterial =
    env.ORDERBRIDGE_ENCRYPTION_KEY ??
    (env.NODE_ENV === 'production' ? undefined : readOrCreateDevSecret('encryption-key', () => randomHex32()));
  if (!currentMaterial) {
    throw new Error('ORDERBRIDGE_ENCRYPTION_KEY is not set: it is required in production to encrypt store credentials.');
  }
  const current = { key: parseKey(currentMaterial), id: '' };
  current.id = keyId(current.key);
  const byId = new Map<string, EncryptionKey>([[current.id, current]]);
  for (const material of (env.ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS ?? '').split(',').filter((m) => m.trim())) {
    const key = parseKey(material);
    byId.set(keyId(key), { id: keyId(key), key });
  }
  return { current, byId };
}

function randomHex32(): string {
  return randomBytes(32).toString('hex');
}
