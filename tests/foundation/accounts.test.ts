import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../lib/accounts/sign-up';
import { UserFacingError } from '../../lib/accounts/errors';
import { authenticate } from '../../lib/auth/authenticate';
import { recordFailedSignIn, signInLockRemaining, THROTTLE_POLICY } from '../../lib/auth/sign-in-throttle';
import { findMembership, listMembershipsOfUser } from '../../lib/data/workspaces';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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
    expect(await authenticate(database.db, 'nobody@example.test', 'compiler pioneer', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an IP and email for a while after repeated failures, even with the right password', async () => {
    await signUp(database.db, { email: 'locked@example.test', password: 'right password' });
    for (let i = 0; i < THROTTLE_POLICY.maxFailures; i += 1) {
      expect((await authenticate(database.db, 'locked@example.test', `wrong ${i}`, '10.0.0.2')).ok).toBe(false);
    }
    const refused = await authenticate(database.db, 'locked@example.test', 'right password', '10.0.0.2');
    expect(refused).toMatchObject({ ok: false, reason: 'locked' });
    const fromElsewhere = await authenticate(database.db, 'locked@example.test', 'right password', '10.0.0.3');
    expect(fromElsewhere.ok).toBe(true);
  });

  it('forgets old failures once the window has passed', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < THROTTLE_POLICY.maxFailures - 1; i += 1) await recordFailedSignIn(database.db, '10.0.0.4', 'w@example.test', start);
    const later = new Date(start.getTime() + THROTTLE_POLICY.windowMs + 1000);
    await recordFailedSignIn(database.db, '10.0.0.4', 'w@example.test', later);
    expect(await signInLockRemaining(database.db, '10.0.0.4', 'w@example.test', later)).toBe(0);
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
