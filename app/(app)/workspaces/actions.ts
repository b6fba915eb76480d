'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { UserFacingError } from '@/lib/accounts/errors';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { ACTIVE_WORKSPACE_COOKIE, ACTIVE_WORKSPACE_COOKIE_OPTIONS } from '@/lib/auth/workspace-context';
import { findMembership } from '@/lib/data/workspaces';
import { createWorkspace, workspaceNameInput } from '@/lib/teams';

/**
 * Makes another of the person's workspaces the active one in this browser. The cookie only names a preference:
 * every request checks it against the person's memberships again (resolveWorkspaceContext).
 */
export const switchWorkspaceAction = workspaceAction(
  z.object({ workspaceId: z.string({ message: 'Choose a workspace.' }).uuid('Choose a workspace.') }),
  async ({ workspaceId }, { db, user }) => {
    if (!(await findMembership(db, user.id, workspaceId))) throw new UserFacingError('That workspace was not found.', 'not_found');
    (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspaceId, ACTIVE_WORKSPACE_COOKIE_OPTIONS);
    revalidatePath('/', 'layout');
    redirect('/dashboard');
  },
  { permission: 'workspaces.switch' },
);

export const createWorkspaceAction = workspaceAction(
  z.object({ name: workspaceNameInput }),
  async ({ name }, { db, user }) => {
    const workspace = await createWorkspace(db, user.id, name);
    (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspace.id, ACTIVE_WORKSPACE_COOKIE_OPTIONS);
    revalidatePath('/', 'layout');
    redirect('/onboarding?step=main');
  },
  { permission: 'workspaces.create' },
);
