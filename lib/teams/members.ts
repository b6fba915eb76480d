import type { Db } from '@/db/client';
import type { MembershipRole } from '@/db/schema';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { countOwners, deleteMember, findMember, lockWorkspace, setMemberRole } from '@/lib/data/members';
import { listMembershipsOfUser } from '@/lib/data/workspaces';

export const LAST_OWNER_MESSAGE = 'A workspace always keeps at least one owner. Make someone else an owner first, or delete the workspace.';

/**
 * Changes of membership run under the workspace row's lock, so two owners demoting each other at once cannot
 * leave the workspace with none: the second sees the first's change and is refused.
 */
async function underWorkspaceLock<T>(db: Db, workspaceId: string, change: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (!(await lockWorkspace(tx, workspaceId))) throw new NotFoundError('That workspace');
    return change(tx);
  });
}

async function memberOrThrow(tx: Db, workspaceId: string, userId: string) {
  const member = await findMember(tx, workspaceId, userId);
  if (!member) throw new NotFoundError('That member');
  return member;
}

async function refuseLosingLastOwner(tx: Db, workspaceId: string, member: { role: MembershipRole }): Promise<void> {
  if (member.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) throw new UserFacingError(LAST_OWNER_MESSAGE, 'last_owner');
}

export async function changeMemberRole(db: Db, workspaceId: string, userId: string, role: MembershipRole): Promise<void> {
  await underWorkspaceLock(db, workspaceId, async (tx) => {
    const member = await memberOrThrow(tx, workspaceId, userId);
    if (member.role === role) return;
    if (role !== 'owner') await refuseLosingLastOwner(tx, workspaceId, member);
    await setMemberRole(tx, workspaceId, userId, role);
  });
}

export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await underWorkspaceLock(db, workspaceId, async (tx) => {
    const member = await memberOrThrow(tx, workspaceId, userId);
    await refuseLosingLastOwner(tx, workspaceId, member);
    await deleteMember(tx, workspaceId, userId);
  });
}

/** Leaves a workspace; the last owner cannot, and nobody leaves their only workspace (they would have nowhere to land). */
export async function leaveWorkspace(db: Db, workspaceId: string, userId: string): Promise<void> {
  if ((await listMembershipsOfUser(db, userId)).length <= 1) {
    throw new UserFacingError('This is your only workspace, so you cannot leave it. Create or join another first.', 'only_workspace');
  }
  await removeMember(db, workspaceId, userId);
}
