import type { Db } from '@/db/client';
import {
  deleteUserAndSoleWorkspaces,
  OwnerlessWorkspaceError,
  workspacesOfUserWithCounts,
  type WorkspaceFate,
} from '@/lib/data/account-deletion';
import { findUserById } from '@/lib/data/users';
import { verifyCurrentPassword } from './current-password';
import { UserFacingError } from '@/lib/errors';

export type AccountDeletionPlan = {
  /** Workspaces with nobody else in them: deleted with their stores (and credentials), orders and history. */
  deleted: WorkspaceFate[];
  /** Workspaces others share: the account just leaves them. */
  left: WorkspaceFate[];
  /** Workspaces the account alone owns while others are members: another owner is needed first. */
  blocking: WorkspaceFate[];
};

/** What deleting the account would delete, leave and what stands in the way: the confirmation shows it. */
export async function planAccountDeletion(db: Db, userId: string): Promise<AccountDeletionPlan> {
  const plan: AccountDeletionPlan = { deleted: [], left: [], blocking: [] };
  for (const workspace of await workspacesOfUserWithCounts(db, userId)) {
    if (workspace.otherMembers === 0) plan.deleted.push(workspace);
    else if (workspace.role === 'owner' && workspace.otherOwners === 0) plan.blocking.push(workspace);
    else plan.left.push(workspace);
  }
  return plan;
}

/**
 * Deletes the account after its password, with every workspace it alone is in; the sessions, tokens and
 * memberships go with the user. Refused while it is the only owner of a workspace others still use.
 */
export async function deleteAccount(db: Db, userId: string, currentPassword: string): Promise<AccountDeletionPlan> {
  const user = await findUserById(db, userId);
  if (!user) throw new UserFacingError('Your current password is not right.', 'wrong_password');
  await verifyCurrentPassword(db, user, currentPassword);
  const plan = await planAccountDeletion(db, userId);
  if (plan.blocking.length) {
    const names = plan.blocking.map((workspace) => `“${workspace.name}”`).join(', ');
    throw new UserFacingError(`You are the only owner of ${names}, which others still use. Make one of them an owner first.`, 'last_owner');
  }
  try {
    await deleteUserAndSoleWorkspaces(
      db,
      userId,
      plan.deleted.map((workspace) => workspace.id),
    );
  } catch (error) {
    if (error instanceof OwnerlessWorkspaceError) {
      throw new UserFacingError(
        'You have just become the only owner of a workspace others use (another owner stepped down). Make one of them an owner first.',
        'last_owner',
      );
    }
    throw error;
  }
  return plan;
}
