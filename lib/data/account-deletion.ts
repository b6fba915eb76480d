import 'server-only';

import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, orders, stores, users, workspaces } from '@/db/schema';
import { lockWorkspace } from './members';

export type WorkspaceFate = {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  otherMembers: number;
  otherOwners: number;
  stores: number;
  orders: number;
};

/** Each workspace of the user, with who else is in it and what it holds. */
export async function workspacesOfUserWithCounts(db: Db, userId: string): Promise<WorkspaceFate[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      role: memberships.role,
      otherMembers: sql<number>`(select count(*)::int from ${memberships} m where m.workspace_id = ${workspaces.id} and m.user_id <> ${userId})`,
      otherOwners: sql<number>`(select count(*)::int from ${memberships} m where m.workspace_id = ${workspaces.id} and m.user_id <> ${userId} and m.role = 'owner')`,
      stores: sql<number>`(select count(*)::int from ${stores} s where s.workspace_id = ${workspaces.id})`,
      orders: sql<number>`(select count(*)::int from ${orders} o where o.workspace_id = ${workspaces.id})`,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  return rows;
}

/** The user became the only owner of a workspace others use while the deletion was planned; nothing was deleted. */
export class OwnerlessWorkspaceError extends Error {
  constructor(readonly workspaceId: string) {
    super(`the user is the last owner of workspace ${workspaceId}, which others use`);
    this.name = 'OwnerlessWorkspaceError';
  }
}

/**
 * Deletes the user and the given workspaces (each only if nobody else is a member), in one transaction. The
 * workspaces' stores go first, so their encrypted credentials are gone even if a cascade were changed later;
 * orders, links, runs and the rest follow the workspace by cascade.
 */
export async function deleteUserAndSoleWorkspaces(db: Db, userId: string, workspaceIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    // Under each workspace's lock (as role changes take it), in one order so two deletions cannot deadlock: a
    // co-owner stepping down or leaving at the same moment cannot leave a shared workspace without an owner.
    const theirs = await tx
      .select({ workspaceId: memberships.workspaceId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    for (const { workspaceId, role } of [...theirs].sort((a, b) => a.workspaceId.localeCompare(b.workspaceId))) {
      await lockWorkspace(tx, workspaceId);
      if (role !== 'owner' || workspaceIds.includes(workspaceId)) continue;
      const [owners] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner'), ne(memberships.userId, userId)));
      if (owners.n === 0) throw new OwnerlessWorkspaceError(workspaceId);
    }
    for (const workspaceId of workspaceIds) {
      const [others] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), ne(memberships.userId, userId)));
      if (others.n > 0) throw new Error(`workspace ${workspaceId} has other members; it is not the user's alone`);
    }
    if (workspaceIds.length) {
      await tx.delete(stores).where(inArray(stores.workspaceId, workspaceIds));
      await tx.delete(workspaces).where(inArray(workspaces.id, workspaceIds));
    }
    await tx.delete(users).where(eq(users.id, userId));
  });
}
