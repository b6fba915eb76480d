import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invitations, memberships, stores, syncRuns, workspaces } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { permissionOf } from '@/lib/actions/workspace-action';
import { workspaceRoute } from '@/lib/actions/workspace-route';
import { can, PERMISSIONS, REFUSED_BY_ROLE, type Permission, type Role } from '@/lib/auth/permissions';
import type { WorkspaceContext } from '@/lib/auth/workspace-context';
import { backgroundSyncOf } from '@/lib/console/sync-now';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';
import { addMember } from '@/lib/data/members';
import { insertStore } from '@/lib/data/stores';
import { hashInvitationToken } from '@/lib/teams';
import { upsertInvitation } from '@/lib/data/invitations';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Every action resolves the person's context from the session; here the test decides who is asking, with which role.
const session = vi.hoisted(() => ({ context: null as unknown }));
vi.mock('@/lib/auth/workspace-context', async (original) => ({
  ...(await original<typeof import('@/lib/auth/workspace-context')>()),
  resolveWorkspaceContext: async () => session.context,
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/server', () => ({ after: () => undefined }));
vi.mock('@/lib/auth/request-address', () => ({ requestAddress: async () => '203.0.113.7' }));

/** Exports of action modules that are not workspace actions, each with the reason it needs no role. */
const NOT_WORKSPACE_ACTIONS: Record<string, string> = {
  signInAction: 'signed out: checks the password itself',
  signUpAction: 'signed out: creates the account',
  signOutAction: "ends this browser's own session",
  signOutEverywhereAction: "runs a workspace action ('account.own') inside",
  acceptInvitationAction: "the invitation's token is the permission; only its addressee's live session may use it",
  createWorkspaceAction: 'needs a live session, not a membership: someone removed from their last workspace starts again with it',
  requestPasswordResetAction: 'signed out: answers the same whether or not the address has an account',
  resetPasswordAction: "signed out: the emailed link's token is the permission",
  changeNameAction: "runs a workspace action ('account.own') inside",
  changeEmailAction: "runs a workspace action ('account.own') inside",
  changePasswordAction: "runs a workspace action ('account.own') inside",
  resendVerificationAction: "runs a workspace action ('account.own') inside",
  deleteAccountAction: "runs a workspace action ('account.own') inside",
};

/** Every server-action module of the app: the files that start with 'use server'. */
function actionModules(dir = 'app'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionModules(full);
    return /\.tsx?$/.test(name) && readFileSync(full, 'utf8').trimStart().startsWith("'use server'") ? [full] : [];
  });
}

type AnyAction = (state: undefined, input?: FormData | Record<string, unknown>) => Promise<unknown>;

const ROLES: Role[] = ['member', 'admin', 'owner'];
let database: TestDatabase;
let ownerContext: WorkspaceContext;
let storeId: string;
let otherUserId: string;
let invitationId: string;
let secondWorkspaceId: string;
const declared = new Map<string, { action: AnyAction; permission: Permission; module: string }>();

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = await signUp(database.db, { email: 'rules-owner@example.test', password: 'long enough password', workspaceName: 'Rules' });
  const other = await signUp(database.db, { email: 'rules-other@example.test', password: 'long enough password' });
  otherUserId = other.user.id;
  secondWorkspaceId = other.workspace.id;
  await addMember(database.db, owner.workspace.id, other.user.id, 'member');
  await addMember(database.db, other.workspace.id, owner.user.id, 'member');
  const store = await insertStore(database.db, owner.workspace.id, {
    role: 'main',
    name: 'Main',
    url: 'http://main.example',
    ...encryptNewStoreCredentials({ consumerKey: `ck_${'1'.repeat(40)}`, consumerSecret: `cs_${'2'.repeat(40)}` }),
  });
  storeId = store.id;
  const invitation = await upsertInvitation(database.db, {
    workspaceId: owner.workspace.id,
    email: 'invitee@example.test',
    role: 'member',
    tokenHash: hashInvitationToken('a-token-nobody-will-use-0123456789'),
    invitedByUserId: owner.user.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  invitationId = invitation.id;
  ownerContext = {
    db: database.db,
    user: { id: owner.user.id, email: owner.user.email, name: null, sessionId: 'session', emailVerifiedAt: new Date() },
    workspace: owner.workspace,
    role: 'owner',
  };
  for (const file of actionModules()) {
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const permission = permissionOf(value);
      if (permission) declared.set(name, { action: value as AnyAction, permission, module: file });
    }
  }
}, 60_000);
afterAll(async () => database?.drop());

/** Inputs a permitted person could send: the refusal must come from the role, not from a malformed form. */
function validInput(name: string): Record<string, unknown> {
  const keys = { consumerKey: `ck_${'3'.repeat(40)}`, consumerSecret: `cs_${'4'.repeat(40)}` };
  const inputs: Record<string, Record<string, unknown>> = {
    connectStoreAction: { role: 'sub', url: 'http://sub.example', ...keys },
    recheckStoreAction: { storeId },
    replaceStoreKeysAction: { storeId, ...keys },
    setStorePausedAction: { storeId, paused: 'true' },
    setSubstoreDirectionAction: { storeId, direction: 'sendsOrdersToMain', enabled: 'false' },
    describeStoreRemovalAction: { storeId },
    removeStoreAction: { storeId, confirm: 'remove' },
    saveSyncSettingsAction: {
      syncStartMode: 'connected',
      customerEmailPolicy: 'allow',
      stockPolicy: 'leave',
      currencyMismatchPolicy: 'allow',
    },
    saveWorkspaceNameAction: { name: 'Renamed' },
    continueOnboardingAction: { to: 'done' },
    inviteMemberAction: { email: 'new-person@example.test', role: 'admin' },
    resendInvitationAction: { invitationId },
    revokeInvitationAction: { invitationId },
    changeMemberRoleAction: { userId: otherUserId, role: 'owner' },
    removeMemberAction: { userId: otherUserId },
    deleteWorkspaceAction: { confirmName: 'Rules' },
    switchWorkspaceAction: { workspaceId: secondWorkspaceId },
    syncOrderAction: { orderId: 'any' },
  };
  return inputs[name] ?? {};
}

/** Everything an action could change, read in a fixed order. */
async function workspaceState() {
  const db = database.db;
  return JSON.stringify({
    workspaces: await db.select().from(workspaces).orderBy(asc(workspaces.id)),
    memberships: await db.select().from(memberships).orderBy(asc(memberships.workspaceId), asc(memberships.userId)),
    stores: await db.select().from(stores).orderBy(asc(stores.id)),
    invitations: await db.select().from(invitations).orderBy(asc(invitations.id)),
    runs: await db.select().from(syncRuns).orderBy(asc(syncRuns.id)),
  });
}

describe('the rule table', () => {
  it('gives each role what the issue lists, and no more', () => {
    const allowed = (role: Role) => (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p)).sort();
    const memberCan = [
      'account.own',
      'activity.view',
      'members.view',
      'orders.view',
      'sync.now',
      'sync.order',
      'workspace.leave',
      'workspaces.switch',
    ];
    expect(allowed('member')).toEqual(memberCan);
    expect(allowed('admin')).toEqual([...memberCan, 'onboarding.manage', 'settings.manage', 'stores.manage'].sort());
    expect(allowed('owner')).toEqual(Object.keys(PERMISSIONS).sort());
    expect(allowed('owner')).toEqual(expect.arrayContaining(['members.manage', 'invitations.manage', 'workspace.delete']));
  });
});

describe('every server action', () => {
  it('declares its permission from the rule table (or is listed here as needing none, with the reason)', async () => {
    const undeclared: string[] = [];
    for (const file of actionModules()) {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function' && !permissionOf(value) && !(name in NOT_WORKSPACE_ACTIONS)) undeclared.push(`${file}: ${name}`);
      }
    }
    expect(undeclared).toEqual([]);
    expect(actionModules().length).toBeGreaterThanOrEqual(9);
    expect(declared.size).toBeGreaterThanOrEqual(20);
  });

  it('refuses every role below its minimum, with valid input, and changes nothing', async () => {
    const before = await workspaceState();
    const refusals: string[] = [];
    for (const [name, { action, permission }] of declared) {
      for (const role of ROLES.filter((r) => !can(r, permission))) {
        session.context = { ...ownerContext, role };
        const answer = await action(undefined, validInput(name));
        expect(answer, `${name} as ${role}`).toEqual({ ok: false, error: REFUSED_BY_ROLE });
        refusals.push(`${name}:${role}`);
      }
    }
    expect(await workspaceState()).toBe(before);
    // Store, settings and onboarding actions refuse members; member, role, invitation and deletion actions refuse admins too.
    expect(refusals).toEqual(
      expect.arrayContaining([
        'removeStoreAction:member',
        'saveSyncSettingsAction:member',
        'removeMemberAction:admin',
        'removeMemberAction:member',
        'deleteWorkspaceAction:admin',
        'inviteMemberAction:admin',
      ]),
    );
    expect(refusals).not.toEqual(expect.arrayContaining(['removeStoreAction:admin']));
  });

  it('lets a member run what members may: Sync Now answers with a run, not a refusal', async () => {
    session.context = { ...ownerContext, role: 'member' };
    const answer = await declared.get('syncNowAction')!.action(undefined, {});
    expect(answer).toMatchObject({ ok: true });
    // The run it started goes on in this process; it ends (the test store does not exist) before the database goes.
    await backgroundSyncOf(ownerContext.workspace.id)?.catch(() => undefined);
  });

  it('signed out, nothing runs', async () => {
    session.context = null;
    for (const [name, { action }] of declared)
      expect(await action(undefined, validInput(name)), name).toEqual({ ok: false, error: 'Your session has ended. Sign in again.' });
  });
});

describe('route handlers', () => {
  it('answer 403 to a role below the route permission, 401 signed out, and run the handler otherwise', async () => {
    const handled: Role[] = [];
    const route = workspaceRoute(
      async (_request, context) => {
        handled.push(context.role);
        return Response.json({ ok: true });
      },
      { permission: 'stores.manage' },
    );
    const call = () => route(new Request('http://app.test/api/x'), { params: Promise.resolve({}) });
    session.context = { ...ownerContext, role: 'member' };
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: REFUSED_BY_ROLE, code: 'forbidden' });
    session.context = { ...ownerContext, role: 'admin' };
    expect((await call()).status).toBe(200);
    session.context = null;
    expect((await call()).status).toBe(401);
    expect(handled).toEqual(['admin']);
  });

  it('the sync status route is open to members (they read the activity)', async () => {
    const { GET } = await import('@/app/api/sync/status/route');
    session.context = { ...ownerContext, role: 'member' };
    const answer = await GET(new Request('http://app.test/api/sync/status'), { params: Promise.resolve({}) });
    expect(answer.status).toBe(200);
  });
});
