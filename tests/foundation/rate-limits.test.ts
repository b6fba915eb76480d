import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlreadyRunningError, giveBack, RateLimitedError, reserve, reserveOrThrow, runExclusive, type RateLimit } from '@/lib/rate-limits';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { sleep } from '@/lib/utils/sleep';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const limit = (bucket: string, count: number, windowMs = 60_000): RateLimit => ({ bucket, limit: count, windowMs, what: 'test events' });

describe('the rate-limit counter', () => {
  it('lets through exactly the limit of 40 concurrent reservations, and counts the refused ones too', async () => {
    const five = limit('concurrent', 5);
    const results = await Promise.all(Array.from({ length: 40 }, () => reserve(database.db, [[five, 'same-key']])));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const counts = results.map((r) => r.taken[0].state.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('starts a new window once the last one is over, and keys stay apart', async () => {
    const two = limit('window', 2, 60_000);
    const start = new Date('2026-03-01T10:00:00Z');
    for (let i = 0; i < 2; i += 1) expect((await reserve(database.db, [[two, 'k']], start)).ok).toBe(true);
    const refused = await reserve(database.db, [[two, 'k']], new Date(start.getTime() + 45_000));
    expect(refused).toMatchObject({ ok: false, retryAfterMs: 15_000 });
    expect((await reserve(database.db, [[two, 'other']], start)).ok).toBe(true);
    expect((await reserve(database.db, [[two, 'k']], new Date(start.getTime() + 60_000))).ok).toBe(true);
  });

  it('is refused when any one of several limits is over, and a give-back frees a place', async () => {
    const wide = limit('wide', 100);
    const narrow = limit('narrow', 1);
    const first = await reserve(database.db, [
      [wide, 'a'],
      [narrow, 'b'],
    ]);
    expect(first.ok).toBe(true);
    const second = await reserve(database.db, [
      [wide, 'a'],
      [narrow, 'b'],
    ]);
    expect(second).toMatchObject({ ok: false, refused: narrow });
    await giveBack(database.db, second.taken);
    await giveBack(database.db, first.taken);
    expect((await reserve(database.db, [[narrow, 'b']])).ok).toBe(true);
  });

  it('names the limit, its window and the wait in the refusal', async () => {
    const one = { bucket: 'named', limit: 1, windowMs: 60 * 60_000, what: 'new accounts from your network address' };
    await reserveOrThrow(database.db, [[one, 'x']]);
    const refusal = reserveOrThrow(database.db, [[one, 'x']]);
    await expect(refusal).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refusal).rejects.toThrow(
      /^Too many new accounts from your network address: at most 1 per 1 hour\. Try again in (1 hour|59 minutes)\.$/,
    );
  });

  it('runs work exclusively: a second run while the first is under way is told so, and may run once it ended', async () => {
    const lease = { bucket: 'lease', limit: 1, windowMs: 60_000, what: 'A preview of this workspace' };
    let release!: () => void;
    const first = runExclusive(database.db, lease, 'w1', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await sleep(200);
    await expect(runExclusive(database.db, lease, 'w1', async () => 'second')).rejects.toThrow(new AlreadyRunningError(lease).message);
    expect(await runExclusive(database.db, lease, 'w2', async () => 'other workspace')).toBe('other workspace');
    release();
    expect(await first).toBe('first');
    expect(await runExclusive(database.db, lease, 'w1', async () => 'third')).toBe('third');
    await expect(runExclusive(database.db, lease, 'w1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await runExclusive(database.db, lease, 'w1', async () => 'after a failure')).toBe('after a failure');
  });
});
