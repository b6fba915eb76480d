'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { MEMBERSHIP_ROLES } from '@/db/schema';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { ACTIVE_WORKSPACE_COOKIE } from '@/lib/auth/workspace-context';
import { changeMemberRole, deleteWorkspace, inviteInput, inviteMember, leaveWorkspace, removeMember, resendInvitation, revokeInvitation } from '@/lib/teams';
import { appMailer } from '@/lib/teams/mailer';

const userId = z.string({ message: 'Choose a member.' }).uuid('Choose a member.');
const invitationId = z.string({ message: 'Choose an invitation.' }).min(1, 'Choose an invitation.');

export const inviteMemberAction = workspaceAction(
  inviteInput,
  async (input, { db, workspace, user }) => {
    const invited = await inviteMember(db, workspace, user, input, appMailer);
    revalidatePath('/members');
    return invited;
  },
  { permission: 'invitations.manage' },
);

export const resendInvitationAction = workspaceAction(
  z.object({ invitationId }),
  async ({ invitationId }, { db, workspace, user }) => {
    await resendInvitation(db, workspace, user, invitationId, appMailer);
    revalidatePath('/members');
    return { resent: invitationId };
  },
  { permission: 'invitations.manage' },
);

export const revokeInvitationAction = workspaceAction(
  z.object({ invitationId }),
  async ({ invitationId }, { db, workspace }) => {
    await revokeInvitation(db, workspace.id, invitationId);
    revalidatePath('/members');
    return { revoked: invitationId };
  },
  { permission: 'invitations.manage' },
);

export const changeMemberRoleAction = workspaceAction(
  z.object({ userId, role: z.enum(MEMBERSHIP_ROLES, { message: 'Choose a role.' }) }),
  async ({ userId, role }, { db, workspace }) => {
    await changeMemberRole(db, workspace.id, userId, role);
    revalidatePath('/', 'layout');
    return { userId, role };
  },
  { permission: 'members.manage' },
);

export const removeMemberAction = workspaceAction(
  z.object({ userId }),
  async ({ userId }, { db, workspace }) => {
    await removeMember(db, workspace.id, userId);
    revalidatePath('/members');
    return { removed: userId };
  },
  { permission: 'members.manage' },
);

export const leaveWorkspaceAction = workspaceAction(
  z.object({}),
  async (_input, { db, workspace, user }) => {
    await leaveWorkspace(db, workspace.id, user.id);
    (await cookies()).delete(ACTIVE_WORKSPACE_COOKIE);
    revalidatePath('/', 'layout');
    redirect('/dashboard');
  },
  { permission: 'workspace.leave' },
);

export const deleteWorkspaceAction = workspaceAction(
  z.object({ confirmName: z.string({ message: "Type the workspace's name to confirm." }) }),
  async ({ confirmName }, { db, workspace, user }) => {
    await deleteWorkspace(db, workspace, user.id, confirmName);
    (await cookies()).delete(ACTIVE_WORKSPACE_COOKIE);
    revalidatePath('/', 'layout');
    redirect('/dashboard');
  },
  { permission: 'workspace.delete' },
);
