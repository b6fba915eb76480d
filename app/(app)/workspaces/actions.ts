'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { NotFoundError } from '@/lib/errors';
import { failedAction, sessionEnded, type ActionState } from '@/lib/actions/action-state';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { ACTIVE_WORKSPACE_COOKIE, ACTIVE_WORKSPACE_COOKIE_OPTIONS, resolveSignedInUser } from '@/lib/auth/workspace-context';
import { findMembership } from '@/lib/data/workspaces';
import { createWorkspace, workspaceNameInput } from '@/lib/teams';

/**
 * Makes another of the person's workspaces the active one in this browser. The cookie only names a preference:
 * every request checks it against the person's memberships again (resolveWorkspaceContext).
 */
export const switchWorkspaceAction = workspaceAction(
  z.object({ workspaceId: z.string({ message: 'Choose a workspace.' }).uuid('Choose a workspace.') }),
  async ({ workspaceId }, { db, user }) => {
    if (!(await findMembership(db, user.id, workspaceId))) throw new NotFoundError('That workspace');
    (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspaceId, ACTIVE_WORKSPACE_COOKIE_OPTIONS);
    revalidatePath('/', 'layout');
    redirect('/dashboard');
  },
  { permission: 'workspaces.switch' },
);

/**
 * Creating a workspace needs a live session but no membership anywhere (someone removed from their last
 * workspace starts again here); the creator becomes its owner and this browser switches to it.
 */
export async function createWorkspaceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const signedIn = await resolveSignedInUser();
  if (!signedIn) return sessionEnded();
  const parsed = workspaceNameInput.safeParse(formData.get('name') ?? '');
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Give the workspace a name.' };
  let workspaceId: string;
  try {
    workspaceId = (await createWorkspace(signedIn.db, signedIn.user.id, parsed.data)).id;
  } catch (error) {
    return failedAction(error, { userId: signedIn.user.id });
  }
  (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspaceId, ACTIVE_WORKSPACE_COOKIE_OPTIONS);
  revalidatePath('/', 'layout');
  redirect('/onboarding?step=main');
}
