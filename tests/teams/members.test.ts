import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, stores, workspaces } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';
import { deleteUserAndSoleWorkspaces } from '@/lib/data/account-deletion';
import { addMember, listMembers } from '@/lib/data/members';
import { insertStore } from '@/lib/data/stores';
import { findMembershipOfSession, listMembershipsOfUser } from '@/lib/data/workspaces';
import { createUserSession } from '@/lib/data/user-sessions';
import { changeMemberRole, createWorkspace, deleteWorkspace, LAST_OWNER_MESSAGE, leaveWorkspace, removeMember } from '@/lib/teams';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let database: TestDatabase;
let n = 0;
const person = async (label: string) =>
  await signUp(database.db, { email: `${label}-${++n}@example.test`, password: 'long enough password', workspaceName: `${label} ${n}` });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

async function roleOf(workspaceId: string, userId: string) {
  const [row] = await database.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

describe('the last owner', () => {
  it('cannot be demoted, removed, or leave; with a second owner each of those works', async () => {
    const owner = await person('solo');
    const ws = owner.workspace.id;
    await expect(changeMemberRole(database.db, ws, owner.user.id, 'admin')).rejects.toThrow(LAST_OWNER_MESSAGE);
    await expect(removeMember(database.db, ws, owner.user.id)).rejects.toThrow(LAST_OWNER_MESSAGE);
    await createWorkspace(database.db, owner.user.id, 'Somewhere to land');
    await expect(leaveWorkspace(database.db, ws, owner.user.id)).rejects.toThrow(LAST_OWNER_MESSAGE);
    expect(await roleOf(ws, owner.user.id)).toBe('owner');

    const second = await person('second');
    await addMember(database.db, ws, second.user.id, 'admin');
    await changeMemberRole(database.db, ws, second.user.id, 'owner');
    await changeMemberRole(database.db, ws, owner.user.id, 'member');
    expect(await roleOf(ws, owner.user.id)).toBe('member');
    await expect(changeMemberRole(database.db, ws, second.user.id, 'admin')).rejects.toThrow(LAST_OWNER_MESSAGE);
    await leaveWorkspace(database.db, ws, owner.user.id);
    expect(await roleOf(ws, owner.user.id)).toBeNull();
  });

  it('survives two owners demoting each other at the same moment: exactly one demotion goes through, each time', async () => {
    const pairs = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const a = await person('race-a');
        const b = await person('race-b');
        await addMember(database.db, a.workspace.id, b.user.id, 'owner');
        return { ws: a.workspace.id, a: a.user.id, b: b.user.id };
      }),
    );
    // Connections open in the pool first, so the transactions really overlap rather than queue for a connection.
    await Promise.all(Array.from({ length: 8 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    const outcomes = await Promise.all(
      pairs.map(({ ws, a, b }) =>
        Promise.allSettled([changeMemberRole(database.db, ws, a, 'member'), changeMemberRole(database.db, ws, b, 'member')]),
      ),
    );
    for (const [i, pair] of outcomes.entries()) {
      expect(pair.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(pair.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual([
        LAST_OWNER_MESSAGE,
      ]);
      expect((await listMembers(database.db, pairs[i].ws)).map((m) => m.role).sort()).toEqual(['member', 'owner']);
    }
  });

  it('survives an owner deleting their account while the other owner steps down: the workspace keeps an owner, each time', async () => {
    const pairs = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const a = await person('gone-a');
        const b = await person('gone-b');
        await addMember(database.db, a.workspace.id, b.user.id, 'owner');
        return { ws: a.workspace.id, a: a.user.id, b: b.user.id };
      }),
    );
    await Promise.all(Array.from({ length: 8 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    const outcomes = await Promise.all(
      pairs.map(({ ws, a, b }) =>
        Promise.allSettled([deleteUserAndSoleWorkspaces(database.db, a, []), changeMemberRole(database.db, ws, b, 'member')]),
      ),
    );
    for (const [i, pair] of outcomes.entries()) {
      expect(pair.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const owners = (await listMembers(database.db, pairs[i].ws)).filter((m) => m.role === 'owner');
      expect(owners).toHaveLength(1);
    }
  });

  it('nobody leaves their only workspace', async () => {
    const alone = await person('alone');
    const other = await person('host');
    await addMember(database.db, other.workspace.id, alone.user.id, 'member');
    await expect(leaveWorkspace(database.db, other.workspace.id, alone.user.id)).resolves.toBeUndefined();
    await expect(leaveWorkspace(database.db, alone.workspace.id, alone.user.id)).rejects.toThrow(/only workspace/);
  });
});

describe('several workspaces per person', () => {
  it('a new workspace makes its creator the owner and starts at connecting the main store', async () => {
    const p = await person('agency');
    const created = await createWorkspace(database.db, p.user.id, '  Client Two  ');
    expect(created).toMatchObject({ name: 'Client Two', onboardingStep: 'main' });
    expect(await roleOf(created.id, p.user.id)).toBe('owner');
    expect((await listMembershipsOfUser(database.db, p.user.id)).map((m) => m.workspace.name)).toEqual([p.workspace.name, 'Client Two']);
    await expect(createWorkspace(database.db, p.user.id, '   ')).rejects.toThrow(/name/);
  });

  it('the remembered workspace is honoured only while the person is a member of it', async () => {
    const p = await person('switcher');
    const stranger = await person('stranger');
    const second = await createWorkspace(database.db, p.user.id, 'Second brand');
    const sessionId = await createUserSession(database.db, p.user.id, new Date(Date.now() + 3600_000));
    const active = (preferred: string | undefined) =>
      findMembershipOfSession(database.db, { userId: p.user.id, sessionId }, preferred).then((m) => m?.workspace.id);
    expect(await active(second.id)).toBe(second.id);
    expect(await active(undefined)).toBe(p.workspace.id);
    // A cookie naming someone else's workspace falls back to one's own: it is a preference, never a key.
    expect(await active(stranger.workspace.id)).toBe(p.workspace.id);
    await addMember(database.db, second.id, stranger.user.id, 'owner');
    await removeMember(database.db, second.id, p.user.id);
    expect(await active(second.id)).toBe(p.workspace.id);
  });

  it('deleting a workspace needs its name typed, keeps the person somewhere to land, and takes its stores and keys with it', async () => {
    const p = await person('deleter');
    const doomed = await createWorkspace(database.db, p.user.id, 'Doomed');
    await insertStore(database.db, doomed.id, {
      role: 'main',
      name: 'Main',
      url: 'http://doomed.example',
      ...encryptNewStoreCredentials({ consumerKey: `ck_${'5'.repeat(40)}`, consumerSecret: `cs_${'6'.repeat(40)}` }),
    });
    await expect(deleteWorkspace(database.db, doomed, p.user.id, 'doomed!')).rejects.toThrow(/Type the workspace's name/);
    await deleteWorkspace(database.db, doomed, p.user.id, 'Doomed');
    expect(await database.db.select().from(workspaces).where(eq(workspaces.id, doomed.id))).toEqual([]);
    expect(await database.db.select().from(stores).where(eq(stores.workspaceId, doomed.id))).toEqual([]);
    await expect(deleteWorkspace(database.db, p.workspace, p.user.id, p.workspace.name)).rejects.toThrow(/only workspace/);
  });
});
