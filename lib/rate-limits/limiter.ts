import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { UserFacingError } from '@/lib/errors';
import { bumpCounter, clearCounter, pruneCounters, refundCounter, type CounterState } from '@/lib/data/rate-limits';
import { describeDuration, type RateLimit } from './policies';

/** An event counted against one limit: what `give back` and `clear` act on. */
export type Taken = { limit: RateLimit; key: string; state: CounterState };
export type Reservation = { ok: true; taken: Taken[] } | { ok: false; refused: RateLimit; retryAfterMs: number; taken: Taken[] };

const LONGEST_WINDOW_MS = 24 * 60 * 60_000;

function hashedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * Counts one event against every limit given (e.g. per account and per address) before the work it guards
 * runs. Each counter is bumped atomically in the database, so of N concurrent callers exactly those within the
 * limit get `ok`; a refused event still counts, so hammering a closed door keeps it closed.
 */
export async function reserve(db: Db, limits: Array<[RateLimit, string]>, now = new Date()): Promise<Reservation> {
  const taken: Taken[] = [];
  let refused: { limit: RateLimit; retryAfterMs: number } | null = null;
  for (const [limit, rawKey] of limits) {
    const key = hashedKey(rawKey);
    const state = await bumpCounter(db, limit.bucket, key, limit.windowMs, now);
    taken.push({ limit, key, state });
    if (state.count > limit.limit) {
      const retryAfterMs = Math.max(1, state.windowStartedAt.getTime() + limit.windowMs - now.getTime());
      if (!refused || retryAfterMs > refused.retryAfterMs) refused = { limit, retryAfterMs };
    }
  }
  // Counters of windows long over are dropped now and then, so the table stays the size of the live ones.
  if (Math.random() < 0.01) await pruneCounters(db, new Date(now.getTime() - LONGEST_WINDOW_MS));
  return refused ? { ok: false, refused: refused.limit, retryAfterMs: refused.retryAfterMs, taken } : { ok: true, taken };
}

/** Gives back the events of a reservation (a sign-in that succeeded, a lease that ended). */
export async function giveBack(db: Db, taken: Taken[]): Promise<void> {
  for (const { limit, key, state } of taken) await refundCounter(db, limit.bucket, key, state.windowStartedAt);
}

/** Forgets everything counted for one key of a limit (an account after a successful sign-in). */
export async function clearLimit(db: Db, limit: RateLimit, rawKey: string): Promise<void> {
  await clearCounter(db, limit.bucket, hashedKey(rawKey));
}

export class RateLimitedError extends UserFacingError {
  constructor(
    readonly limit: RateLimit,
    readonly retryAfterMs: number,
  ) {
    super(
      `Too many ${limit.what}: at most ${limit.limit} per ${describeDuration(limit.windowMs)}. Try again in ${describeDuration(retryAfterMs)}.`,
      'rate_limited',
    );
    this.name = 'RateLimitedError';
  }
}

/** `reserve`, throwing a RateLimitedError that names the limit when any is exceeded. */
export async function reserveOrThrow(db: Db, limits: Array<[RateLimit, string]>, now = new Date()): Promise<Taken[]> {
  const reservation = await reserve(db, limits, now);
  if (!reservation.ok) throw new RateLimitedError(reservation.refused, reservation.retryAfterMs);
  return reservation.taken;
}

/** Another run of the same work holds the only place: the merchant is told what runs and how long it may take. */
export class AlreadyRunningError extends UserFacingError {
  constructor(readonly limit: RateLimit) {
    super(
      `${limit.what} is already running. Try again when it has finished (within ${describeDuration(limit.windowMs)}).`,
      'already_running',
    );
    this.name = 'AlreadyRunningError';
  }
}

/**
 * Runs `work` only if fewer than `limit.limit` runs for the key are under way, and frees its place when it
 * ends. A crashed run's place frees itself when the window ends.
 */
export async function runExclusive<T>(db: Db, limit: RateLimit, key: string, work: () => Promise<T>): Promise<T> {
  const reservation = await reserve(db, [[limit, key]]);
  if (!reservation.ok) {
    await giveBack(db, reservation.taken);
    throw new AlreadyRunningError(limit);
  }
  try {
    return await work();
  } finally {
    await giveBack(db, reservation.taken);
  }
}
