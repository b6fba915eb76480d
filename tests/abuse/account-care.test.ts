import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountTokens, memberships, stores, users, userSessions, workspaces } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';
import { asCookie, authRoute, postSignIn } from './support/auth-endpoint';

/** The browser the server code answers: its cookies and the address it comes from. */
const browser = vi.hoisted(() => {
  // Links in emails point at the public URL (the origin the auth-endpoint helper's requests come from).
  process.env.AUTH_URL = 'http://127.0.0.1:3000';
  process.env.MAIL_FROM = 'Orderbridge <no-reply@orderbridge.test>';
  return { cookies: [] as Array<{ name: string; value: string }>, forwardedFor: '203.0.113.10' };
});
vi.mock('next/headers', () => ({
  cookies: async () => ({
    getAll: () => browser.cookies,
    get: (name: string) => browser.cookies.find((cookie) => cookie.name === name),
    has: (name: string) => browser.cookies.some((cookie) => cookie.name === name),
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () =>
    new Headers({
      'x-forwarded-for': browser.forwardedFor,
      cookie: browser.cookies.map(({ name, value }) => `${name}=${value}`).join('; '),
    }),
}));

const PASSWORD = 'the original password';
let database: TestDatabase;
let inbox: SmtpInbox;
let route: Awaited<ReturnType<typeof authRoute>>;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  // Every email of this file goes over SMTP to this server (the environment is read after this, lazily).
  process.env.SMTP_URL = inbox.url;
  database = await createTestDatabase();
  route = await authRoute(database);
});
afterAll(async () => {
  await inbox?.close();
  await database?.drop();
});

const lib = async () => ({
  ...(await import('@/lib/accounts/sign-up')),
  ...(await import('@/lib/accounts/password-reset')),
  ...(await import('@/lib/accounts/email-verification')),
  ...(await import('@/lib/accounts/profile')),
  ...(await import('@/lib/accounts/delete-account')),
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function signedInBrowser(email: string, password = PASSWORD) {
  const answer = await postSignIn(route, email, password);
  return answer.sessionCookie ? asCookie(answer.sessionCookie) : null;
}

async function workspaceSeenWith(cookie: { name: string; value: string }) {
  const { resolveWorkspaceContext } = await import('@/lib/auth/workspace-context');
  browser.cookies = [cookie];
  return resolveWorkspaceContext();
}

/** The token at the end of an emailed link, as the page at that address receives it. */
const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

describe('password reset by email', () => {
  it('emails a link on the public URL; following it sets a new password and ends every session of the account', async () => {
    const { signUp, isPasswordResetTokenLive } = await lib();
    const email = 'forgetful@example.test';
    await signUp(database.db, { email, password: PASSWORD });
    const laptop = (await signedInBrowser(email))!;
    const phone = (await signedInBrowser(email))!;
    expect(await workspaceSeenWith(laptop)).not.toBeNull();

    const { requestPasswordResetAction, resetPasswordAction } = await import('@/app/(auth)/password-actions');
    browser.cookies = [];
    expect(await requestPasswordResetAction(undefined, form({ email: 'Forgetful@Example.test' }))).toEqual({ sent: true, email });
    const mail = await inbox.waitForMail(email, { subject: 'Reset your Orderbridge password' });
    expect(mail.from).toContain('no-reply@orderbridge.test');
    expect(mail.text).toMatch(/works once, within 60 minutes/);
    const link = inbox.linkIn(mail, '/reset-password/');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password\/[0-9a-f]{64}$/);
    expect(await isPasswordResetTokenLive(database.db, tokenOf(link))).toBe(true);

    await expect(
      resetPasswordAction(undefined, form({ token: tokenOf(link), password: 'a new password!', confirmPassword: 'a new password!' })),
    ).rejects.toThrow('NEXT_REDIRECT');
    expect(await workspaceSeenWith(laptop)).toBeNull();
    expect(await workspaceSeenWith(phone)).toBeNull();
    expect(await signedInBrowser(email, PASSWORD)).toBeNull();
    expect(await signedInBrowser(email, 'a new password!')).not.toBeNull();
    expect((await inbox.waitForMail(email, { subject: 'password was changed' })).text).toMatch(/signed out/);
  });

  it('uses a reset link twice: the second time it is refused, and the password stays the one set first', async () => {
    const { signUp, requestPasswordReset, resetPassword, isPasswordResetTokenLive } = await lib();
    const email = 'twice@example.test';
    await signUp(database.db, { email, password: PASSWORD });
    await requestPasswordReset(database.db, email, '198.51.100.1');
    const token = tokenOf(inbox.linkIn(await inbox.waitForMail(email), '/reset-password/'));
    const results = await Promise.allSettled([
      resetPassword(database.db, token, 'first new password'),
      resetPassword(database.db, token, 'second new password'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'invalid_link' } });
    expect(await isPasswordResetTokenLive(database.db, token)).toBe(false);
    await expect(resetPassword(database.db, token, 'third new password')).rejects.toThrow(
      'This link has expired or was already used. Ask for a new one.',
    );
    const winner = (results.findIndex((result) => result.status === 'fulfilled') === 0 ? 'first' : 'second') + ' new password';
    expect(await signedInBrowser(email, winner)).not.toBeNull();
  });

  it('follows a link after its hour is up: refused', async () => {
    const { signUp, requestPasswordReset, resetPassword, isPasswordResetTokenLive } = await lib();
    const email = 'late@example.test';
    await signUp(database.db, { email, password: PASSWORD });
    await requestPasswordReset(database.db, email, '198.51.100.2');
    const token = tokenOf(inbox.linkIn(await inbox.waitForMail(email), '/reset-password/'));
    const { hashAccountToken } = await import('@/lib/data/account-tokens');
    await database.db
      .update(accountTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
    expect(await isPasswordResetTokenLive(database.db, token)).toBe(false);
    await expect(resetPassword(database.db, token, 'too late password')).rejects.toMatchObject({ code: 'invalid_link' });
    expect(await signedInBrowser(email, PASSWORD)).not.toBeNull();
  });

  it('keeps only a hash of the token: the database holds nothing a stolen copy could use as a link', async () => {
    const { signUp, requestPasswordReset, resetPassword } = await lib();
    const email = 'hashed@example.test';
    const { user } = await signUp(database.db, { email, password: PASSWORD });
    await requestPasswordReset(database.db, email, '198.51.100.3');
    const token = tokenOf(inbox.linkIn(await inbox.waitForMail(email), '/reset-password/'));
    const rows = await database.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    // What is stored, used as a link, opens nothing.
    await expect(resetPassword(database.db, rows[0].tokenHash, 'from the stolen table')).rejects.toMatchObject({ code: 'invalid_link' });
    expect(await signedInBrowser(email, PASSWORD)).not.toBeNull();
  });

  it('ends the other reset links once one is used, and a link sent to an address the account no longer has', async () => {
    const { signUp, requestPasswordReset, resetPassword, changeEmail } = await lib();
    const email = 'many-links@example.test';
    const { user } = await signUp(database.db, { email, password: PASSWORD });
    await requestPasswordReset(database.db, email, '198.51.100.4');
    await requestPasswordReset(database.db, email, '198.51.100.4');
    const resetMail = { subject: 'Reset your Orderbridge password' };
    const first = tokenOf(inbox.linkIn(await inbox.waitForMail(email, resetMail), '/reset-password/'));
    const second = tokenOf(inbox.linkIn(await inbox.waitForMail(email, resetMail), '/reset-password/'));
    await resetPassword(database.db, first, 'newer password one');
    await expect(resetPassword(database.db, second, 'an older link')).rejects.toMatchObject({ code: 'invalid_link' });

    await requestPasswordReset(database.db, email, '198.51.100.4');
    const toOldAddress = tokenOf(inbox.linkIn(await inbox.waitForMail(email, resetMail), '/reset-password/'));
    await changeEmail(database.db, user.id, 'newer password one', 'moved@example.test');
    await expect(resetPassword(database.db, toOldAddress, 'via the old mailbox')).rejects.toMatchObject({ code: 'invalid_link' });
  });

  it('answers the same for an address with no account, and sends nothing', async () => {
    const { signUp } = await lib();
    await signUp(database.db, { email: 'known@example.test', password: PASSWORD });
    const { requestPasswordResetAction } = await import('@/app/(auth)/password-actions');
    browser.forwardedFor = '203.0.113.77';
    const known = await requestPasswordResetAction(undefined, form({ email: 'known@example.test' }));
    const unknown = await requestPasswordResetAction(undefined, form({ email: 'nobody@example.test' }));
    expect({ ...known, email: 'x' }).toEqual({ ...unknown, email: 'x' });
    await inbox.waitForMail('known@example.test');
    await expect(inbox.waitForMail('nobody@example.test', { timeoutMs: 1_000 })).rejects.toThrow(/No email to nobody@example.test/);
  });

  it('limits requests per address asked about (known or not) and per network address, naming the limit', async () => {
    const { signUp } = await lib();
    await signUp(database.db, { email: 'limited@example.test', password: PASSWORD });
    const { requestPasswordResetAction } = await import('@/app/(auth)/password-actions');
    for (const email of ['limited@example.test', 'ghost@example.test']) {
      for (let i = 0; i < 5; i += 1) {
        browser.forwardedFor = `192.0.2.${i + 1}`;
        expect(await requestPasswordResetAction(undefined, form({ email }))).toMatchObject({ sent: true });
      }
      browser.forwardedFor = '192.0.2.99';
      expect(await requestPasswordResetAction(undefined, form({ email }))).toEqual({
        email,
        error: 'Too many password reset emails for this address: at most 5 per 1 hour. Try again in 1 hour.',
      });
    }
    browser.forwardedFor = '203.0.113.200';
    for (let i = 0; i < 20; i += 1)
      expect(await requestPasswordResetAction(undefined, form({ email: `spray-${i}@example.test` }))).toMatchObject({ sent: true });
    expect(await requestPasswordResetAction(undefined, form({ email: 'spray-20@example.test' }))).toMatchObject({
      error: expect.stringMatching(/^Too many password reset requests from your network address: at most 20 per 1 hour/),
    });
  });
});

describe('email verification', () => {
  it('sends a link at sign-up; following it verifies the address, once', async () => {
    const { isEmailVerified, verifyEmail } = await lib();
    const { signUpAction } = await import('@/app/(auth)/actions');
    browser.forwardedFor = '203.0.113.31';
    const email = 'new-merchant@example.test';
    await expect(signUpAction(undefined, form({ name: 'Nia', email, password: PASSWORD }))).rejects.toThrow('NEXT_REDIRECT');
    const mail = await inbox.waitForMail(email, { subject: 'Confirm your email address' });
    expect(mail.text).toMatch(/^Hello Nia,/);
    const link = inbox.linkIn(mail, '/verify-email/');
    const [user] = await database.db.select().from(users).where(eq(users.email, email));
    expect(await isEmailVerified(database.db, user.id)).toBe(false);
    expect(await verifyEmail(database.db, tokenOf(link))).toEqual({ ok: true, email });
    expect(await isEmailVerified(database.db, user.id)).toBe(true);
    expect(await verifyEmail(database.db, tokenOf(link))).toEqual({ ok: false });
  });

  it('shows the state on the session context, and the resend is rate-limited', async () => {
    const { signUp, resendVerificationEmail, verifyEmail } = await lib();
    const email = 'resender@example.test';
    const { user } = await signUp(database.db, { email, password: PASSWORD });
    const cookie = (await signedInBrowser(email))!;
    expect((await workspaceSeenWith(cookie))?.user.emailVerifiedAt).toBeNull();
    const { resendVerificationAction } = await import('@/app/(app)/account/actions');
    for (let i = 0; i < 5; i += 1) {
      browser.cookies = [cookie];
      expect(await resendVerificationAction(undefined, new FormData())).toEqual({ ok: true, data: `We sent a new link to ${email}.` });
    }
    browser.cookies = [cookie];
    expect(await resendVerificationAction(undefined, new FormData())).toEqual({
      ok: false,
      error: 'Too many verification emails for your account: at most 5 per 1 hour. Try again in 1 hour.',
    });
    const links = [];
    for (let i = 0; i < 5; i += 1) links.push(inbox.linkIn(await inbox.waitForMail(email), '/verify-email/'));
    expect(new Set(links).size).toBe(5);
    expect(await verifyEmail(database.db, tokenOf(links[2]))).toEqual({ ok: true, email });
    expect((await workspaceSeenWith(cookie))?.user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await resendVerificationEmail(database.db, user.id)).toBe('already_verified');
  });
});

describe('profile', () => {
  it('changes the name and shows it at once', async () => {
    const { signUp } = await lib();
    await signUp(database.db, { email: 'renamed@example.test', password: PASSWORD });
    const cookie = (await signedInBrowser('renamed@example.test'))!;
    const { changeNameAction } = await import('@/app/(app)/account/actions');
    browser.cookies = [cookie];
    expect(await changeNameAction(undefined, form({ name: '  Rena Med ' }))).toEqual({ ok: true, data: 'Your name was saved.' });
    expect((await workspaceSeenWith(cookie))?.user.name).toBe('Rena Med');
  });

  it('changes the email after the current password: unverified again, a link to the new address, a notice to the old', async () => {
    const { signUp, verifyEmail, isEmailVerified } = await lib();
    const { user } = await signUp(database.db, { email: 'old-address@example.test', password: PASSWORD });
    await signUp(database.db, { email: 'taken@example.test', password: PASSWORD });
    const cookie = (await signedInBrowser('old-address@example.test'))!;
    const { changeEmailAction } = await import('@/app/(app)/account/actions');
    browser.cookies = [cookie];
    expect(await changeEmailAction(undefined, form({ email: 'new-address@example.test', currentPassword: 'not my password' }))).toEqual({
      ok: false,
      error: 'Your current password is not right.',
    });
    expect(await changeEmailAction(undefined, form({ email: 'Taken@example.test', currentPassword: PASSWORD }))).toEqual({
      ok: false,
      error: 'Another account uses that email address.',
    });
    expect(await changeEmailAction(undefined, form({ email: 'not an address', currentPassword: PASSWORD }))).toEqual({
      ok: false,
      error: 'Enter a valid email address.',
    });
    expect(await changeEmailAction(undefined, form({ email: 'New-Address@example.test', currentPassword: PASSWORD }))).toMatchObject({
      ok: true,
    });

    expect((await inbox.waitForMail('old-address@example.test', { subject: 'email address was changed' })).text).toContain(
      'new-address@example.test',
    );
    const link = inbox.linkIn(await inbox.waitForMail('new-address@example.test', { subject: 'Confirm' }), '/verify-email/');
    const context = await workspaceSeenWith(cookie);
    expect(context?.user).toMatchObject({ email: 'new-address@example.test', emailVerifiedAt: null });
    expect(await verifyEmail(database.db, tokenOf(link))).toEqual({ ok: true, email: 'new-address@example.test' });
    expect(await isEmailVerified(database.db, user.id)).toBe(true);
    expect(await signedInBrowser('new-address@example.test')).not.toBeNull();
    expect(await signedInBrowser('old-address@example.test')).toBeNull();
  });

  it('does not verify a new address with a link sent to the old one', async () => {
    const { signUp, sendVerificationEmail, changeEmail, verifyEmail, isEmailVerified } = await lib();
    const { user } = await signUp(database.db, { email: 'before@example.test', password: PASSWORD });
    await sendVerificationEmail(database.db, user);
    const oldLink = inbox.linkIn(await inbox.waitForMail('before@example.test'), '/verify-email/');
    await changeEmail(database.db, user.id, PASSWORD, 'after@example.test');
    expect(await verifyEmail(database.db, tokenOf(oldLink))).toEqual({ ok: false });
    expect(await isEmailVerified(database.db, user.id)).toBe(false);
  });

  it('changes the password after the current one: other sessions end, this one stays', async () => {
    const { signUp } = await lib();
    await signUp(database.db, { email: 'rotating@example.test', password: PASSWORD });
    const here = (await signedInBrowser('rotating@example.test'))!;
    const there = (await signedInBrowser('rotating@example.test'))!;
    const { changePasswordAction } = await import('@/app/(app)/account/actions');
    browser.cookies = [here];
    expect(
      await changePasswordAction(
        undefined,
        form({ currentPassword: 'wrong one', newPassword: 'fresh password 1', confirmPassword: 'fresh password 1' }),
      ),
    ).toEqual({ ok: false, error: 'Your current password is not right.' });
    expect(
      await changePasswordAction(
        undefined,
        form({ currentPassword: PASSWORD, newPassword: 'fresh password 1', confirmPassword: 'fresh password 2' }),
      ),
    ).toEqual({ ok: false, error: 'The two new passwords are not the same.' });
    expect(
      await changePasswordAction(
        undefined,
        form({ currentPassword: PASSWORD, newPassword: 'fresh password 1', confirmPassword: 'fresh password 1' }),
      ),
    ).toMatchObject({ ok: true });
    expect(await workspaceSeenWith(here)).not.toBeNull();
    expect(await workspaceSeenWith(there)).toBeNull();
    await inbox.waitForMail('rotating@example.test', { subject: 'password was changed' });
  });
});

describe('a stolen session guessing the current password', () => {
  it('counts each try on the account page against the sign-in limit of the account: after 10 even the right one is refused', async () => {
    const { signUp } = await lib();
    await signUp(database.db, { email: 'guessed@example.test', password: PASSWORD });
    const stolen = (await signedInBrowser('guessed@example.test'))!;
    const { changePasswordAction, changeEmailAction, deleteAccountAction } = await import('@/app/(app)/account/actions');
    browser.cookies = [stolen];
    for (let i = 0; i < 10; i += 1) {
      const guess = `guess number ${i}`;
      const answer =
        i % 3 === 0
          ? await changePasswordAction(
              undefined,
              form({ currentPassword: guess, newPassword: 'attacker password', confirmPassword: 'attacker password' }),
            )
          : i % 3 === 1
            ? await changeEmailAction(undefined, form({ email: 'attacker@example.test', currentPassword: guess }))
            : await deleteAccountAction(undefined, form({ currentPassword: guess, confirm: 'on' }));
      expect(answer).toEqual({ ok: false, error: 'Your current password is not right.' });
    }
    expect(
      await changePasswordAction(
        undefined,
        form({ currentPassword: PASSWORD, newPassword: 'attacker password', confirmPassword: 'attacker password' }),
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/^Too many wrong passwords for this account\. Wait up to \d+ minutes? and try again\.$/),
    });
    expect(await signedInBrowser('guessed@example.test', 'attacker password')).toBeNull();
  });
});

describe('deleting the account', () => {
  it('deletes the account and the workspace it alone uses, with its stores and their credentials; every session ends', async () => {
    const { signUp, planAccountDeletion } = await lib();
    const { encryptNewStoreCredentials } = await import('@/lib/crypto/store-credentials');
    const { insertStore } = await import('@/lib/data/stores');
    const { user, workspace } = await signUp(database.db, { email: 'leaving@example.test', password: PASSWORD });
    await insertStore(database.db, workspace.id, {
      role: 'main',
      name: 'Main',
      url: 'https://shop.example.test',
      ...encryptNewStoreCredentials({ consumerKey: `ck_${'c'.repeat(40)}`, consumerSecret: `cs_${'d'.repeat(40)}` }),
    });
    const elsewhere = (await signedInBrowser('leaving@example.test'))!;
    const here = (await signedInBrowser('leaving@example.test'))!;
    expect(await planAccountDeletion(database.db, user.id)).toMatchObject({
      deleted: [{ id: workspace.id, stores: 1, orders: 0 }],
      left: [],
      blocking: [],
    });

    const { deleteAccountAction } = await import('@/app/(app)/account/actions');
    browser.cookies = [here];
    expect(await deleteAccountAction(undefined, form({ currentPassword: PASSWORD }))).toMatchObject({
      ok: false,
      error: 'Tick the box to confirm.',
    });
    expect(await deleteAccountAction(undefined, form({ currentPassword: 'wrong', confirm: 'on' }))).toEqual({
      ok: false,
      error: 'Your current password is not right.',
    });
    await expect(deleteAccountAction(undefined, form({ currentPassword: PASSWORD, confirm: 'on' }))).rejects.toThrow('NEXT_REDIRECT');

    expect(await database.db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await database.db.select().from(workspaces).where(eq(workspaces.id, workspace.id))).toEqual([]);
    expect(await database.db.select().from(stores).where(eq(stores.workspaceId, workspace.id))).toEqual([]);
    expect(await database.db.select().from(userSessions).where(eq(userSessions.userId, user.id))).toEqual([]);
    expect(await workspaceSeenWith(elsewhere)).toBeNull();
    expect(await signedInBrowser('leaving@example.test')).toBeNull();
  });

  it('refuses while the account is the only owner of a workspace others use; leaves one that has another owner', async () => {
    const { signUp, planAccountDeletion, deleteAccount } = await lib();
    const owner = await signUp(database.db, { email: 'sole-owner@example.test', password: PASSWORD });
    const teammate = await signUp(database.db, { email: 'teammate@example.test', password: PASSWORD });
    await database.db.insert(memberships).values({ workspaceId: owner.workspace.id, userId: teammate.user.id, role: 'member' });
    expect((await planAccountDeletion(database.db, owner.user.id)).blocking.map((w) => w.id)).toEqual([owner.workspace.id]);
    await expect(deleteAccount(database.db, owner.user.id, PASSWORD)).rejects.toMatchObject({ code: 'last_owner' });
    expect(await database.db.select().from(users).where(eq(users.id, owner.user.id))).toHaveLength(1);

    await database.db.update(memberships).set({ role: 'owner' }).where(eq(memberships.userId, teammate.user.id));
    const plan = await deleteAccount(database.db, owner.user.id, PASSWORD);
    expect(plan.left.map((w) => w.id)).toEqual([owner.workspace.id]);
    expect(plan.deleted.map((w) => w.id)).toEqual([]);
    expect(await database.db.select().from(workspaces).where(eq(workspaces.id, owner.workspace.id))).toHaveLength(1);
    expect(await database.db.select().from(memberships).where(eq(memberships.workspaceId, owner.workspace.id))).toEqual([
      expect.objectContaining({ userId: teammate.user.id, role: 'owner' }),
    ]);
  });
});
