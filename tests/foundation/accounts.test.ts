import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { UserFacingError } from '@/lib/errors';
import { authenticate } from '@/lib/auth/authenticate';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { hashPassword, needsRehash } from '@/lib/auth/passwords';
import { findUserByEmail } from '@/lib/data/users';
import { RATE_LIMITS } from '@/lib/rate-limits';
import { findMembership, listMembershipsOfUser } from '@/lib/data/workspaces';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('sign-up', () => {
  it('creates the user, a workspace and an owner membership', async () => {
    const { user, workspace } = await signUp(database.db, { name: 'Ada', email: 'Ada@Example.test', password: 'analytical engine' });
    expect(user.email).toBe('ada@example.test');
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(workspace.name).toBe("Ada's stores");
    expect(workspace.onboardingStep).toBe('workspace');
    const memberships = await listMembershipsOfUser(database.db, user.id);
    expect(memberships).toHaveLength(1);
    expect(memberships[0].role).toBe('owner');
  });

  it('names a taken email clearly, whatever its case', async () => {
    await signUp(database.db, { email: 'taken@example.test', password: 'first password!' });
    const attempt = signUp(database.db, { email: 'TAKEN@example.test', password: 'second password' });
    await expect(attempt).rejects.toThrow(UserFacingError);
    await expect(attempt).rejects.toThrow('An account with this email already exists. Sign in instead.');
  });

  it('refuses a short password with the minimum length', async () => {
    await expect(signUp(database.db, { email: 'short@example.test', password: 'short' })).rejects.toThrow(/at least 10 characters/);
  });
});

describe('sign-in', () => {
  it('accepts the right password and gives one answer for a wrong password or an unknown email', async () => {
    await signUp(database.db, { email: 'grace@example.test', password: 'compiler pioneer' });
    const ok = await authenticate(database.db, 'GRACE@example.test', 'compiler pioneer', '10.0.0.1');
    expect(ok.ok).toBe(true);
    expect(await authenticate(database.db, 'grace@example.test', 'wrong password', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(database.db, 'nobody@example.test', 'compiler pioneer', '10.0.0.1')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses an account for a while after repeated failures from any address, even with the right password', async () => {
    await signUp(database.db, { email: 'locked@example.test', password: 'right password' });
    for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit; i += 1) {
      expect(await authenticate(database.db, 'locked@example.test', `wrong ${i}`, `10.0.1.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    const refused = await authenticate(database.db, 'LOCKED@example.test', 'right password', '10.0.2.1');
    expect(refused).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('a successful sign-in clears the account count', async () => {
    await signUp(database.db, { email: 'forgetful@example.test', password: 'right password' });
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit - 1; i += 1)
        await authenticate(database.db, 'forgetful@example.test', 'wrong', '10.0.3.1');
      expect((await authenticate(database.db, 'forgetful@example.test', 'right password', '10.0.3.1')).ok).toBe(true);
    }
  });

  it('re-hashes a password stored with older scrypt settings at the next successful sign-in', async () => {
    const { user } = await signUp(database.db, { email: 'old-hash@example.test', password: 'right password' });
    const oldHash = await hashPassword('right password', { N: 2 ** 14, r: 8, p: 1 });
    await database.db.update(users).set({ passwordHash: oldHash }).where(eq(users.id, user.id));
    expect(needsRehash(oldHash)).toBe(true);
    expect((await authenticate(database.db, 'old-hash@example.test', 'wrong password', '10.0.4.1')).ok).toBe(false);
    expect((await findUserByEmail(database.db, 'old-hash@example.test'))!.passwordHash).toBe(oldHash);
    expect((await authenticate(database.db, 'old-hash@example.test', 'right password', '10.0.4.1')).ok).toBe(true);
    const rehashed = (await findUserByEmail(database.db, 'old-hash@example.test'))!.passwordHash;
    expect(rehashed).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(needsRehash(rehashed)).toBe(false);
    expect((await authenticate(database.db, 'old-hash@example.test', 'right password', '10.0.4.1')).ok).toBe(true);
  });
});

describe('tenant scoping', () => {
  it('a user of workspace B finds no membership in workspace A', async () => {
    const a = await signUp(database.db, { email: 'owner-a@example.test', password: 'workspace a pass' });
    const b = await signUp(database.db, { email: 'owner-b@example.test', password: 'workspace b pass' });
    expect(await findMembership(database.db, b.user.id, a.workspace.id)).toBeNull();
    expect(await findMembership(database.db, a.user.id, a.workspace.id)).not.toBeNull();
  });
});
