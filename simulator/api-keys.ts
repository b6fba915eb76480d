import type { SeededRandom } from './random';

export type KeyPermission = 'read' | 'write' | 'read_write';

export interface ApiKey {
  consumerKey: string;
  consumerSecret: string;
  permission: KeyPermission;
}

export interface KeyPair {
  consumerKey: string;
  consumerSecret: string;
}

export function generateKey(random: SeededRandom, permission: KeyPermission): ApiKey {
  return { consumerKey: `ck_${random.hex(40)}`, consumerSecret: `cs_${random.hex(40)}`, permission };
}

export class KeyRing {
  private readonly byConsumerKey = new Map<string, ApiKey>();
  /** Nonces are single-use per key; entries older than the timestamp window can never match again. */
  private readonly usedNonces = new Map<string, Map<string, number>>();

  add(key: ApiKey): ApiKey {
    this.byConsumerKey.set(key.consumerKey, key);
    return key;
  }

  find(consumerKey: string): ApiKey | undefined {
    return this.byConsumerKey.get(consumerKey);
  }

  /** Records the nonce; false when it was already used. */
  useNonce(consumerKey: string, nonce: string, timestampSeconds: number, oldestValidSeconds: number): boolean {
    let nonces = this.usedNonces.get(consumerKey);
    if (!nonces) {
      nonces = new Map();
      this.usedNonces.set(consumerKey, nonces);
    }
    if (nonces.has(nonce)) return false;
    nonces.set(nonce, timestampSeconds);
    if (nonces.size > 10_000) {
      for (const [storedNonce, storedTimestamp] of nonces) {
        if (storedTimestamp < oldestValidSeconds) nonces.delete(storedNonce);
      }
    }
    return true;
  }
}
