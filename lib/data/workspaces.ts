import 'server-only';

import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users, userSessions, workspaces, type Workspace } from '@/db/schema';

export type WorkspaceMembership = { workspace: Workspace; role: 'owner' | 'admin' | 'member' };
/** The account as it is now (a changed name or address shows at once), with the membership of a session. */
export type SessionAccount = { email: string; name: string | null; emailVerifiedAt: Date | null };

export async function listMembershipsOfUser(db: Db, userId: string): Promise<WorkspaceMembership[]> {
  const rows = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return rows;
}

/** The workspace only if the user is a member of it: the one door every action goes through. */
export async function findMembership(db: Db, userId: string, workspaceId: string): Promise<WorkspaceMembership | null> {
  const [row] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/**
 * The membership a signed-in request acts under, only while its session row is live (not signed out, not
 * ended by "sign out everywhere" or a password change): the preferred workspace when the user belongs to it,
 * else their first. One indexed lookup joined into the membership query every page already makes.
 */
export async function findMembershipOfSession(
  db: Db,
  session: { userId: string; sessionId: string },
  preferredWorkspaceId: string | undefined,
): Promise<(WorkspaceMembership & { account: SessionAccount }) | null> {
  const [row] = await db
    .select({
      workspace: workspaces,
      role: memberships.role,
      account: { email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt },
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      userSessions,
      and(eq(userSessions.id, session.sessionId), eq(userSessions.userId, memberships.userId), gt(userSessions.expiresAt, sql`now()`)),
    )
    .where(eq(memberships.userId, session.userId))
    .orderBy(desc(sql`${memberships.workspaceId}::text = ${preferredWorkspaceId ?? ''}`), asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row ?? null;
}

export async function findWorkspaceBySlug(db: Db, slug: string): Promise<Workspace | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return row ?? null;
}

export async function updateWorkspace(
  db: Db,
  workspaceId: string,
  changes: Partial<Pick<Workspace, 'name' | 'onboardingStep'>>,
): Promise<void> {
  await db.update(workspaces).set(changes).where(eq(workspaces.id, workspaceId));
}

/** A new workspace with `ownerId` as its owner; with `db` a transaction, both rows or neither. */
export async function insertWorkspaceWithOwner(
  db: Db,
  input: { name: string; slug: string; ownerId: string; onboardingStep?: Workspace['onboardingStep'] },
): Promise<Workspace> {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: input.name, slug: input.slug, ...(input.onboardingStep ? { onboardingStep: input.onboardingStep } : {}) })
    .returning();
  await db.insert(memberships).values({ workspaceId: workspace.id, userId: input.ownerId, role: 'owner' });
  return workspace;
}

/** Deletes the workspace and, by cascade, everything in it. */
export async function deleteWorkspaceById(db: Db, workspaceId: string): Promise<void> {
  await db.delete(workspaces).where(eq(workspaces.id, workspaceId));
}
