import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

type ScryptParams = { N: number; r: number; p: number };
const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptParams & { maxmem: number },
) => Promise<Buffer>;

/**
 * OWASP's password storage cheat sheet (2023 onwards) lists these scrypt settings as equal in strength:
 * N=2^17/r=8/p=1 (128 MiB), 2^16/8/2, 2^15/8/3 (32 MiB), 2^14/8/5, 2^13/8/10. We take 2^15/8/3: four sign-ins
 * hashing at once on Node's four worker threads need 128 MiB, not half a gigabyte.
 */
export const PASSWORD_HASH_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
/** Room for the stored parameters up to N=2^17, r=8 (128 MiB). */
const MAX_MEMORY = 160 * 1024 * 1024;
export const MIN_PASSWORD_LENGTH = 10;

function withMemory(params: ScryptParams) {
  return { ...params, maxmem: MAX_MEMORY };
}

/** scrypt with a per-password salt; the stored form carries its parameters so they can be raised later. */
export async function hashPassword(password: string, params: ScryptParams = PASSWORD_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const derived = await scrypt(password, salt, KEY_LENGTH, withMemory(params));
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${derived.toString('base64url')}`;
}

function parseStoredHash(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || !Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  return { ...params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const derived = await scrypt(password, parsed.salt, parsed.hash.length, withMemory(parsed));
  return timingSafeEqual(derived, parsed.hash);
}

/** A hash made with weaker settings than today's: re-hashed at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStoredHash(stored);
  if (!parsed) return true;
  const { N, r, p } = PASSWORD_HASH_PARAMS;
  return parsed.N * parsed.r * parsed.p < N * r * p || parsed.N < N;
}

/** Spends the same time as a real check, so a missing account is not revealed by a faster answer. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await scrypt(password, randomBytes(16), KEY_LENGTH, withMemory(PASSWORD_HASH_PARAMS));
  return false;
}
