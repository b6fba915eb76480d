'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { failedAction, sessionEnded, type ActionState } from '@/lib/actions/action-state';
import { ACTIVE_WORKSPACE_COOKIE, ACTIVE_WORKSPACE_COOKIE_OPTIONS, resolveSignedInUser } from '@/lib/auth/workspace-context';
import { acceptInvitation } from '@/lib/teams';

/**
 * Accepting needs no membership anywhere, only a live session whose address the invitation was sent to; the
 * token is the permission. The joined workspace becomes this browser's active one.
 */
export async function acceptInvitationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const token = String(formData.get('token') ?? '');
  const signedIn = await resolveSignedInUser();
  if (!signedIn) return sessionEnded();
  let workspaceId: string;
  try {
    workspaceId = (await acceptInvitation(signedIn.db, token, signedIn.user)).id;
  } catch (error) {
    return failedAction(error, { userId: signedIn.user.id });
  }
  (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspaceId, ACTIVE_WORKSPACE_COOKIE_OPTIONS);
  revalidatePath('/', 'layout');
  redirect('/dashboard');
}
