import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invitations, memberships } from '@/db/schema';
import { changeEmail } from '@/lib/accounts/profile';
import { signUp } from '@/lib/accounts/sign-up';
import type { WorkspaceContext } from '@/lib/auth/workspace-context';
import { addMember } from '@/lib/data/members';
import { findUserById, markEmailVerified } from '@/lib/data/users';
import { acceptInvitation, INVITATION_LIFETIME_MS, lookUpInvitation } from '@/lib/teams';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { sleep } from '@/lib/utils/sleep';

const session = vi.hoisted(() => ({ context: null as unknown }));
vi.mock('@/lib/auth/workspace-context', async (original) => ({
  ...(await original<typeof import('@/lib/auth/workspace-context')>()),
  resolveWorkspaceContext: async () => session.context,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let inbox: SmtpInbox;
let database: TestDatabase;
let actions: typeof import('@/app/(app)/members/actions');
let owner: Awaited<ReturnType<typeof signUp>>;
let ownerContext: WorkspaceContext;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  // Before the first serverEnv() read: invitations leave through lib/mail to this test's SMTP server.
  process.env.SMTP_URL = inbox.url;
  process.env.MAIL_FROM = 'Orderbridge Test <no-reply@orderbridge.test>';
  process.env.AUTH_URL = 'https://app.orderbridge.test';
  database = await createTestDatabase();
  owner = await signUp(database.db, {
    name: 'Olive Owner',
    email: 'olive@example.test',
    password: 'long enough password',
    workspaceName: 'Olive Goods',
  });
  await markEmailVerified(database.db, owner.user.id, owner.user.email);
  ownerContext = {
    db: database.db,
    user: { id: owner.user.id, email: owner.user.email, name: 'Olive Owner', sessionId: 's', emailVerifiedAt: new Date() },
    workspace: owner.workspace,
    role: 'owner',
  };
  session.context = ownerContext;
  actions = await import('@/app/(app)/members/actions');
});
afterAll(async () => {
  await inbox?.close();
  await database?.drop();
});

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

async function invite(email: string, role = 'member') {
  const answer = await actions.inviteMemberAction(undefined, { email, role });
  expect(answer).toMatchObject({ ok: true });
  const mail = await inbox.waitForMail(email.toLowerCase());
  return { mail, link: inbox.linkIn(mail, '/invite/') };
}

describe('invitations by email', () => {
  it('need a confirmed address: an owner who has not verified theirs is refused, and nothing is sent', async () => {
    const unverified = await signUp(database.db, {
      email: 'unverified@example.test',
      password: 'long enough password',
      workspaceName: 'Unverified',
    });
    session.context = {
      ...ownerContext,
      user: { ...ownerContext.user, id: unverified.user.id, email: unverified.user.email, emailVerifiedAt: null },
      workspace: unverified.workspace,
    };
    try {
      const answer = await actions.inviteMemberAction(undefined, { email: 'never-sent@example.test', role: 'member' });
      expect(answer).toEqual({
        ok: false,
        error: 'Confirm your email address before inviting teammates: follow the link we sent you, or send it again from the banner.',
      });
      expect(await database.db.select().from(invitations).where(eq(invitations.workspaceId, unverified.workspace.id))).toEqual([]);
    } finally {
      session.context = ownerContext;
    }
  });

  it('sends a readable email with a link; only the hash of its token is stored; the addressee joins with the role, once', async () => {
    const { mail, link } = await invite('Ada@Example.test', 'admin');
    expect(mail.subject).toBe('Join Olive Goods on Orderbridge');
    expect(mail.text).toContain('Olive Owner (olive@example.test) invited you to the workspace "Olive Goods" on Orderbridge as admin.');
    expect(link).toMatch(/^https:\/\/app\.orderbridge\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(link);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.email, 'ada@example.test'));
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const ada = await signUp(database.db, { email: 'ADA@example.test', password: 'long enough password' });
    // Until Ada has confirmed her address, the link alone is not enough.
    await expect(acceptInvitation(database.db, token, { id: ada.user.id })).rejects.toThrow(
      'Confirm your address first: open the link we emailed to ada@example.test',
    );
    expect((await lookUpInvitation(database.db, token)).state).toBe('valid');
    await markEmailVerified(database.db, ada.user.id, ada.user.email);
    const joined = await acceptInvitation(database.db, token, { id: ada.user.id });
    expect(joined.id).toBe(owner.workspace.id);
    expect(
      (await database.db.select().from(memberships).where(eq(memberships.workspaceId, owner.workspace.id))).find(
        (m) => m.userId === ada.user.id,
      )?.role,
    ).toBe('admin');
    await expect(acceptInvitation(database.db, token, { id: ada.user.id })).rejects.toThrow(/no longer valid/);
    expect(await database.db.select().from(invitations).where(eq(invitations.email, 'ada@example.test'))).toEqual([]);
  });

  it('refuses someone holding a leaked link who gives their account the invited address: it is not confirmed, and accepting never confirms it', async () => {
    const { link } = await invite('erin@example.test', 'owner');
    const mallory = await signUp(database.db, { email: 'mallory2@example.test', password: 'long enough password' });
    await markEmailVerified(database.db, mallory.user.id, mallory.user.email);
    // The account page changes the address at once and marks it unconfirmed until its own link is followed.
    await changeEmail(database.db, mallory.user.id, 'long enough password', 'erin@example.test');
    await expect(acceptInvitation(database.db, tokenOf(link), { id: mallory.user.id })).rejects.toThrow(/Confirm your address first/);
    expect(
      (await database.db.select().from(memberships).where(eq(memberships.userId, mallory.user.id))).map((m) => m.workspaceId),
    ).not.toContain(owner.workspace.id);
    expect((await findUserById(database.db, mallory.user.id))?.emailVerifiedAt).toBeNull();
  });

  it('uses the invitation by its token inside the transaction: a link replaced by a resend no longer works, even once looked up', async () => {
    const { link: first } = await invite('fay@example.test');
    const fay = await signUp(database.db, { email: 'fay@example.test', password: 'long enough password' });
    await markEmailVerified(database.db, fay.user.id, fay.user.email);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.email, 'fay@example.test'));
    expect(await actions.resendInvitationAction(undefined, { invitationId: row.id })).toMatchObject({ ok: true });
    await inbox.waitForMail('fay@example.test');
    await expect(acceptInvitation(database.db, tokenOf(first), { id: fay.user.id })).rejects.toThrow(/no longer valid/);
  });

  it('refuses a forwarded link: only the address it was sent to may accept it', async () => {
    const { link } = await invite('bob@example.test');
    const mallory = await signUp(database.db, { email: 'mallory@example.test', password: 'long enough password' });
    await expect(acceptInvitation(database.db, tokenOf(link), { id: mallory.user.id })).rejects.toThrow(
      'This invitation was sent to bob@example.test',
    );
    expect(
      (await database.db.select().from(memberships).where(eq(memberships.userId, mallory.user.id))).map((m) => m.workspaceId),
    ).not.toContain(owner.workspace.id);
  });

  it('expires', async () => {
    const { link } = await invite('late@example.test');
    const late = await signUp(database.db, { email: 'late@example.test', password: 'long enough password' });
    const afterExpiry = new Date(Date.now() + INVITATION_LIFETIME_MS + 1000);
    expect((await lookUpInvitation(database.db, tokenOf(link), afterExpiry)).state).toBe('expired');
    await expect(acceptInvitation(database.db, tokenOf(link), { id: late.user.id }, afterExpiry)).rejects.toThrow(/expired/);
  });

  it('resend mails a new link and the old one stops working; revoke ends it', async () => {
    const { link: first } = await invite('carol@example.test');
    const [row] = await database.db.select().from(invitations).where(eq(invitations.email, 'carol@example.test'));
    expect(await actions.resendInvitationAction(undefined, { invitationId: row.id })).toMatchObject({ ok: true });
    const second = inbox.linkIn(await inbox.waitForMail('carol@example.test'), '/invite/');
    expect(second).not.toBe(first);
    expect((await lookUpInvitation(database.db, tokenOf(first))).state).toBe('unknown');
    expect((await lookUpInvitation(database.db, tokenOf(second))).state).toBe('valid');
    expect(await actions.revokeInvitationAction(undefined, { invitationId: row.id })).toMatchObject({ ok: true });
    expect((await lookUpInvitation(database.db, tokenOf(second))).state).toBe('unknown');
    expect(await actions.revokeInvitationAction(undefined, { invitationId: row.id })).toEqual({
      ok: false,
      error: 'That invitation was not found.',
    });
  });

  it('does not invite someone already in the workspace', async () => {
    const dan = await signUp(database.db, { email: 'dan@example.test', password: 'long enough password' });
    await addMember(database.db, owner.workspace.id, dan.user.id, 'member');
    expect(await actions.inviteMemberAction(undefined, { email: 'DAN@example.test', role: 'admin' })).toEqual({
      ok: false,
      error: 'dan@example.test is already a member of this workspace.',
    });
  });

  it('limits sending: 20 invitation emails per workspace per hour, then a clear refusal and no email', async () => {
    const other = await signUp(database.db, { email: 'bulk@example.test', password: 'long enough password', workspaceName: 'Bulk' });
    await markEmailVerified(database.db, other.user.id, other.user.email);
    session.context = {
      ...ownerContext,
      user: { ...ownerContext.user, id: other.user.id, email: other.user.email },
      workspace: other.workspace,
    };
    try {
      for (let i = 0; i < 20; i++)
        expect(
          await actions.inviteMemberAction(undefined, { email: `bulk-${i}@example.test`, role: 'member' }),
          `invitation ${i}`,
        ).toMatchObject({ ok: true });
      const refused = await actions.inviteMemberAction(undefined, { email: 'bulk-20@example.test', role: 'member' });
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Too many invitation emails from this workspace: at most 20 per 1 hour/),
      });
      await sleep(300);
      expect(inbox.messages.filter((m) => m.to.includes('bulk-20@example.test'))).toEqual([]);
    } finally {
      session.context = ownerContext;
    }
  });
});
