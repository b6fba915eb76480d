import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { authRoute, postSignIn } from './support/auth-endpoint';

/** Every password check the sign-in makes, real or against the dummy hash for an unknown email. */
const passwordChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/auth/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/passwords')>();
  return {
    ...actual,
    verifyPassword: async (...args: Parameters<typeof actual.verifyPassword>) => {
      passwordChecks.count += 1;
      return actual.verifyPassword(...args);
    },
    verifyAgainstDummy: async (...args: Parameters<typeof actual.verifyAgainstDummy>) => {
      passwordChecks.count += 1;
      return actual.verifyAgainstDummy(...args);
    },
  };
});

/** What the app allows within a window (lib/rate-limits/policies.ts), stated here so the test cannot drift with it. */
const ALLOWED_GUESSES_PER_ACCOUNT = 10;
const ALLOWED_FAILURES_PER_ADDRESS = 30;
const PASSWORD = 'the right password';

let database: TestDatabase;
let route: Awaited<ReturnType<typeof authRoute>>;
beforeAll(async () => {
  database = await createTestDatabase();
  route = await authRoute(database);
});
afterAll(async () => database?.drop());

describe('password guessing through POST /api/auth/callback/credentials', () => {
  it(
    '40 wrong guesses, each from a new X-Forwarded-For address, then the right password: the account is locked',
    { timeout: 180_000 },
    async () => {
      const email = 'rotating-target@example.test';
      await signUp(database.db, { email, password: PASSWORD });
      for (let guess = 0; guess < 40; guess += 1) {
        const answer = await postSignIn(route, email, `wrong guess ${guess}`, `198.51.100.${guess + 1}`);
        expect(answer.signedIn, `guess ${guess}`).toBe(false);
      }
      const right = await postSignIn(route, email, PASSWORD, '203.0.113.77');
      expect(right.signedIn).toBe(false);
      expect(right.location).toContain('code=locked');
    },
  );

  it(
    '25 parallel guesses at one account from one address: at most the allowed number reach the password check, in bounded memory',
    { timeout: 180_000 },
    async () => {
      const email = 'parallel-target@example.test';
      await signUp(database.db, { email, password: PASSWORD });
      passwordChecks.count = 0;
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => postSignIn(route, email, `parallel guess ${i}`, '192.0.2.10')),
      ).finally(() => clearInterval(sampler));
      expect(answers.every((answer) => !answer.signedIn)).toBe(true);
      expect(passwordChecks.count).toBeGreaterThan(0);
      expect(passwordChecks.count).toBeLessThanOrEqual(ALLOWED_GUESSES_PER_ACCOUNT);
      expect(answers.filter((answer) => answer.location.includes('code=locked'))).toHaveLength(25 - passwordChecks.count);
      // scrypt's 32 MiB per hash on Node's four worker threads: ~135 MB measured (N=2^17 would allocate 128 MiB per hash).
      const grewMb = (peakRss - rssBefore) / 2 ** 20;
      expect(grewMb, `memory grew by ${grewMb.toFixed(0)} MB`).toBeLessThan(200);
    },
  );

  it('guessing across many accounts from one address is stopped by the per-address limit', { timeout: 180_000 }, async () => {
    passwordChecks.count = 0;
    const answers = [];
    for (let i = 0; i < 40; i += 1) answers.push(await postSignIn(route, `sprayed-${i}@example.test`, 'Summer2026!', '192.0.2.44'));
    expect(answers.every((answer) => !answer.signedIn)).toBe(true);
    expect(passwordChecks.count).toBeLessThanOrEqual(ALLOWED_FAILURES_PER_ADDRESS);
    expect(answers.at(-1)!.location).toContain('code=locked');
  });
});
