import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invitations, memberships, workspaces } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import type { WorkspaceContext } from '@/lib/auth/workspace-context';
import { addMember } from '@/lib/data/members';
import { upsertInvitation } from '@/lib/data/invitations';
import { hashInvitationToken } from '@/lib/teams';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// The session is workspace B's owner throughout; every target below belongs to workspace A.
const session = vi.hoisted(() => ({ context: null as unknown, signedIn: null as unknown, cookiesSet: [] as Array<[string, string]> }));
vi.mock('@/lib/auth/workspace-context', async (original) => ({
  ...(await original<typeof import('@/lib/auth/workspace-context')>()),
  resolveWorkspaceContext: async () => session.context,
  resolveSignedInUser: async () => session.signedIn,
}));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  redirect: (path: string) => {
    throw Object.assign(new Error(`redirect ${path}`), { redirectedTo: path });
  },
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: (name: string, value: string) => session.cookiesSet.push([name, value]),
    delete: () => undefined,
  }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let database: TestDatabase;
let members: typeof import('@/app/(app)/members/actions');
let switching: typeof import('@/app/(app)/workspaces/actions');
let a: Awaited<ReturnType<typeof signUp>>;
let memberOfA: Awaited<ReturnType<typeof signUp>>;
let invitationOfA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await signUp(database.db, { email: 'team-a@example.test', password: 'long enough password', workspaceName: 'A' });
  const b = await signUp(database.db, { email: 'team-b@example.test', password: 'long enough password', workspaceName: 'B' });
  memberOfA = await signUp(database.db, { email: 'team-a-member@example.test', password: 'long enough password' });
  await addMember(database.db, a.workspace.id, memberOfA.user.id, 'member');
  invitationOfA = (
    await upsertInvitation(database.db, {
      workspaceId: a.workspace.id,
      email: 'pending@example.test',
      role: 'admin',
      tokenHash: hashInvitationToken('token-of-a-0123456789abcdefghij'),
      invitedByUserId: a.user.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
  ).id;
  session.context = {
    db: database.db,
    user: { id: b.user.id, email: b.user.email, name: null, sessionId: 's', emailVerifiedAt: new Date() },
    workspace: b.workspace,
    role: 'owner',
  } satisfies WorkspaceContext;
  members = await import('@/app/(app)/members/actions');
  switching = await import('@/app/(app)/workspaces/actions');
});
afterAll(async () => database?.drop());

async function everything() {
  return JSON.stringify({
    workspaces: await database.db.select().from(workspaces).orderBy(asc(workspaces.id)),
    memberships: await database.db.select().from(memberships).orderBy(asc(memberships.workspaceId), asc(memberships.userId)),
    invitations: await database.db.select().from(invitations).orderBy(asc(invitations.id)),
  });
}

describe("team actions on workspace A's people, by workspace B's owner", () => {
  it.each([
    [
      'change role',
      () => members.changeMemberRoleAction(undefined, { userId: memberOfA.user.id, role: 'owner' }),
      'That member was not found.',
    ],
    ['remove member', () => members.removeMemberAction(undefined, { userId: memberOfA.user.id }), 'That member was not found.'],
    ['remove the other owner', () => members.removeMemberAction(undefined, { userId: a.user.id }), 'That member was not found.'],
    [
      'resend invitation',
      () => members.resendInvitationAction(undefined, { invitationId: invitationOfA }),
      'That invitation was not found.',
    ],
    [
      'revoke invitation',
      () => members.revokeInvitationAction(undefined, { invitationId: invitationOfA }),
      'That invitation was not found.',
    ],
    ['switch into A', () => switching.switchWorkspaceAction(undefined, { workspaceId: a.workspace.id }), 'That workspace was not found.'],
  ])('%s answers not found and changes nothing', async (_name, run, error) => {
    const before = await everything();
    expect(await run()).toEqual({ ok: false, error });
    expect(await everything()).toBe(before);
    expect(session.cookiesSet).toEqual([]);
  });
});

describe('a person removed from their last workspace', () => {
  it('has no workspace context, creates a new workspace (its owner, now active in this browser), at most 10 a day', async () => {
    const loner = await signUp(database.db, { email: 'loner@example.test', password: 'long enough password' });
    const { deleteMember } = await import('@/lib/data/members');
    await deleteMember(database.db, loner.workspace.id, loner.user.id);
    const { listMembershipsOfUser } = await import('@/lib/data/workspaces');
    expect(await listMembershipsOfUser(database.db, loner.user.id)).toEqual([]);
    session.signedIn = {
      db: database.db,
      user: { id: loner.user.id, email: loner.user.email, name: null, sessionId: 's', emailVerifiedAt: null },
    };
    session.cookiesSet = [];
    const form = (name: string) => {
      const data = new FormData();
      data.set('name', name);
      return data;
    };
    await expect(switching.createWorkspaceAction(undefined, form('Fresh Start'))).rejects.toMatchObject({
      redirectedTo: '/onboarding?step=main',
    });
    const [membership] = await listMembershipsOfUser(database.db, loner.user.id);
    expect(membership).toMatchObject({ role: 'owner', workspace: { name: 'Fresh Start' } });
    expect(session.cookiesSet).toEqual([['ob_workspace', membership.workspace.id]]);
    for (let i = 2; i <= 10; i++)
      await expect(switching.createWorkspaceAction(undefined, form(`Brand ${i}`))).rejects.toMatchObject({
        redirectedTo: '/onboarding?step=main',
      });
    expect(await switching.createWorkspaceAction(undefined, form('One too many'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Too many new workspaces from your account: at most 10 per 24 hours/),
    });
    expect(await listMembershipsOfUser(database.db, loner.user.id)).toHaveLength(10);
    session.signedIn = null;
    expect(await switching.createWorkspaceAction(undefined, form('Signed out'))).toEqual({
      ok: false,
      error: 'Your session has ended. Sign in again.',
    });
  });
});
