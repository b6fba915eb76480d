'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { MEMBERSHIP_ROLES } from '@/db/schema';
import { workspaceAction } from '@/lib/actions/workspace-action';
import type { Permission } from '@/lib/auth/permissions';
import { ACTIVE_WORKSPACE_COOKIE, type WorkspaceContext } from '@/lib/auth/workspace-context';
import {
  changeMemberRole,
  deleteWorkspace,
  inviteInput,
  inviteMember,
  leaveWorkspace,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from '@/lib/teams';
import { appMailer } from '@/lib/teams/mailer';

const userId = z.string({ message: 'Choose a member.' }).uuid('Choose a member.');
const invitationId = z.string({ message: 'Choose an invitation.' }).min(1, 'Choose an invitation.');

const MANAGE_INVITATIONS = { permission: 'invitations.manage' } as const;
const MANAGE_MEMBERS = { permission: 'members.manage' } as const;

/** An action on the members page, which shows its change at once. */
function membersPageAction<Schema extends z.ZodType, Result>(
  schema: Schema,
  act: (input: z.output<Schema>, context: WorkspaceContext) => Promise<Result>,
  options: { permission: Permission },
) {
  return workspaceAction(
    schema,
    async (input, context) => {
      const result = await act(input, context);
      revalidatePath('/members');
      return result;
    },
    options,
  );
}

/** The workspace is no longer this person's: forget it in this browser and start again from the dashboard. */
async function leaveForDashboard(): Promise<never> {
  (await cookies()).delete(ACTIVE_WORKSPACE_COOKIE);
  revalidatePath('/', 'layout');
  redirect('/dashboard');
}

export const inviteMemberAction = membersPageAction(
  inviteInput,
  (input, { db, workspace, user }) => inviteMember(db, workspace, user, input, appMailer),
  MANAGE_INVITATIONS,
);

export const resendInvitationAction = membersPageAction(
  z.object({ invitationId }),
  async ({ invitationId }, { db, workspace, user }) => {
    await resendInvitation(db, workspace, user, invitationId, appMailer);
    return { resent: invitationId };
  },
  MANAGE_INVITATIONS,
);

export const revokeInvitationAction = membersPageAction(
  z.object({ invitationId }),
  async ({ invitationId }, { db, workspace }) => {
    await revokeInvitation(db, workspace.id, invitationId);
    return { revoked: invitationId };
  },
  MANAGE_INVITATIONS,
);

export const changeMemberRoleAction = workspaceAction(
  z.object({ userId, role: z.enum(MEMBERSHIP_ROLES, { message: 'Choose a role.' }) }),
  async ({ userId, role }, { db, workspace }) => {
    await changeMemberRole(db, workspace.id, userId, role);
    revalidatePath('/', 'layout');
    return { userId, role };
  },
  MANAGE_MEMBERS,
);

export const removeMemberAction = membersPageAction(
  z.object({ userId }),
  async ({ userId }, { db, workspace }) => {
    await removeMember(db, workspace.id, userId);
    return { removed: userId };
  },
  MANAGE_MEMBERS,
);

export const leaveWorkspaceAction = workspaceAction(
  z.object({}),
  async (_input, { db, workspace, user }) => {
    await leaveWorkspace(db, workspace.id, user.id);
    return leaveForDashboard();
  },
  { permission: 'workspace.leave' },
);

export const deleteWorkspaceAction = workspaceAction(
  z.object({ confirmName: z.string({ message: "Type the workspace's name to confirm." }) }),
  async ({ confirmName }, { db, workspace, user }) => {
    await deleteWorkspace(db, workspace, user.id, confirmName);
    return leaveForDashboard();
  },
  { permission: 'workspace.delete' },
);
