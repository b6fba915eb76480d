import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Workspace } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';
import { workspaceSlug } from '@/lib/accounts/sign-up';
import { deleteWorkspaceById, insertWorkspaceWithOwner, listMembershipsOfUser } from '@/lib/data/workspaces';
import { RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';

export const workspaceNameInput = z
  .string({ message: 'Give the workspace a name.' })
  .trim()
  .min(1, 'Give the workspace a name.')
  .max(80, 'Keep the workspace name under 80 characters.');

/** A new workspace with the creator as its owner; it starts at connecting the main store. Limited per person. */
export async function createWorkspace(db: Db, userId: string, name: string): Promise<Workspace> {
  const workspaceName = workspaceNameInput.parse(name);
  await reserveOrThrow(db, [[RATE_LIMITS.workspacesPerUser, userId]]);
  return db.transaction((tx) =>
    insertWorkspaceWithOwner(tx, { name: workspaceName, slug: workspaceSlug(workspaceName), ownerId: userId, onboardingStep: 'main' }),
  );
}

/**
 * Deletes the workspace and, by cascade, everything in it: its stores with their encrypted keys, orders, links,
 * runs, memberships and invitations. The typed name must match, so a slip of the mouse cannot do it.
 */
export async function deleteWorkspace(db: Db, workspace: Pick<Workspace, 'id' | 'name'>, userId: string, typedName: string): Promise<void> {
  if (typedName.trim() !== workspace.name.trim()) {
    throw new UserFacingError(`Type the workspace's name, ${workspace.name}, to confirm.`, 'confirmation_mismatch');
  }
  if ((await listMembershipsOfUser(db, userId)).length <= 1) {
    throw new UserFacingError(
      'This is your only workspace. Create another first, or delete your account on your profile page.',
      'only_workspace',
    );
  }
  await deleteWorkspaceById(db, workspace.id);
}
