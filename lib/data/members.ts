import 'server-only';

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users, workspaces, type MembershipRole } from '@/db/schema';

export type MemberRow = { userId: string; email: string; name: string | null; role: MembershipRole; joinedAt: Date };

export async function listMembers(db: Db, workspaceId: string): Promise<MemberRow[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
}

export async function findMember(db: Db, workspaceId: string, userId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Takes the workspace row's lock, so membership changes of one workspace run one at a time (the last-owner rule holds under races). */
export async function lockWorkspace(db: Db, workspaceId: string): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
  return rows.length > 0;
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return Number(row?.count ?? 0);
}

export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: MembershipRole): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function deleteMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** Adds the membership; a person already in the workspace keeps the role they have. */
export async function addMember(db: Db, workspaceId: string, userId: string, role: MembershipRole): Promise<void> {
  await db.insert(memberships).values({ workspaceId, userId, role }).onConflictDoNothing();
}
