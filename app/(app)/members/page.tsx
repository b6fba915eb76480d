import type { Metadata } from 'next';
import { Button } from '@/app/components/ui/button';
import { Card } from '@/app/components/ui/card';
import { Field, Input, labelClass, Select } from '@/app/components/ui/field';
import { can, MEMBERSHIP_ROLE_ORDER, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { listInvitations } from '@/lib/data/invitations';
import { listMembers } from '@/lib/data/members';
import {
  changeMemberRoleAction,
  deleteWorkspaceAction,
  inviteMemberAction,
  leaveWorkspaceAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from './actions';
import { ActionForm } from './_components/action-form';

export const metadata: Metadata = { title: 'Members' };

function RoleOptions() {
  return MEMBERSHIP_ROLE_ORDER.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

export default async function MembersPage() {
  const { db, workspace, user, role } = await requireWorkspaceContext();
  const manageMembers = can(role, 'members.manage');
  const manageInvitations = can(role, 'invitations.manage');
  const [members, invitations] = await Promise.all([listMembers(db, workspace.id), listInvitations(db, workspace.id)]);
  const now = new Date().getTime();
  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="space-y-4">
        <div>
          <h1 id="members-heading" className="text-2xl font-semibold text-slate-900">
            Members of {workspace.name}
          </h1>
          <p className="text-sm text-slate-600">
            You are {ROLE_LABELS[role].toLowerCase()} here. {ROLE_DESCRIPTIONS[role]}
          </p>
        </div>
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="members-table">
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Person</th>
                <th className="px-4 py-2 font-medium">Role</th>
                <th className="px-4 py-2 font-medium">Joined</th>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const isYou = member.userId === user.id;
                return (
                  <tr
                    key={member.userId}
                    className="border-b border-slate-100 last:border-0"
                    data-testid="member-row"
                    data-email={member.email}
                  >
                    <td className="px-4 py-2">
                      <div className="font-medium text-slate-900">{member.name ?? member.email}</div>
                      <div className="text-slate-500">
                        {member.email}
                        {isYou ? ' (you)' : ''}
                      </div>
                    </td>
                    <td className="px-4 py-2">
                      {manageMembers ? (
                        <ActionForm action={changeMemberRoleAction} fields={{ userId: member.userId }} success="Role saved.">
                          <Select name="role" defaultValue={member.role} aria-label={`Role of ${member.email}`} controlSize="sm" inline>
                            <RoleOptions />
                          </Select>
                          <Button variant="secondary" size="sm">
                            Save role
                          </Button>
                        </ActionForm>
                      ) : (
                        <span data-testid="member-role">{ROLE_LABELS[member.role]}</span>
                      )}
                    </td>
                    <td className="px-4 py-2 text-slate-600">{member.joinedAt.toISOString().slice(0, 10)}</td>
                    <td className="px-4 py-2 text-right">
                      {isYou ? (
                        <ActionForm action={leaveWorkspaceAction}>
                          <Button variant="danger-secondary" size="sm">
                            Leave workspace
                          </Button>
                        </ActionForm>
                      ) : manageMembers ? (
                        <ActionForm action={removeMemberAction} fields={{ userId: member.userId }}>
                          <Button variant="danger-secondary" size="sm" aria-label={`Remove ${member.email}`}>
                            Remove
                          </Button>
                        </ActionForm>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      </section>

      <Card as="section" aria-labelledby="invitations-heading" className="space-y-4 p-4">
        <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900">
          Pending invitations
        </h2>
        {invitations.length === 0 ? <p className="text-sm text-slate-600">No pending invitations.</p> : null}
        <ul className="divide-y divide-slate-100">
          {invitations.map((invitation) => {
            const expired = invitation.expiresAt.getTime() <= now;
            return (
              <li
                key={invitation.id}
                className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                data-testid="invitation-row"
                data-email={invitation.email}
              >
                <div>
                  <span className="font-medium text-slate-900">{invitation.email}</span> as {ROLE_LABELS[invitation.role].toLowerCase()}
                  <div className="text-slate-500">
                    {expired ? 'Expired' : 'Expires'} {invitation.expiresAt.toUTCString()}
                    {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : ''}
                  </div>
                </div>
                {manageInvitations ? (
                  <div className="flex gap-2">
                    <ActionForm
                      action={resendInvitationAction}
                      fields={{ invitationId: invitation.id }}
                      success="Sent again with a new link."
                    >
                      <Button variant="secondary" size="sm">
                        Resend
                      </Button>
                    </ActionForm>
                    <ActionForm action={revokeInvitationAction} fields={{ invitationId: invitation.id }}>
                      <Button variant="danger-secondary" size="sm">
                        Revoke
                      </Button>
                    </ActionForm>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        {manageInvitations ? (
          <ActionForm action={inviteMemberAction} className="flex flex-wrap items-end gap-3" success="Invitation sent.">
            <div>
              <label htmlFor="invite-email" className={labelClass()}>
                Email address
              </label>
              <Input id="invite-email" name="email" type="email" required />
            </div>
            {/* Beside its select, not around it: a label around a select would take in the options' words. */}
            <div>
              <label htmlFor="invite-role" className={labelClass()}>
                Role
              </label>
              <Select id="invite-role" name="role" defaultValue="member">
                <RoleOptions />
              </Select>
            </div>
            <Button>Send invitation</Button>
          </ActionForm>
        ) : null}
      </Card>

      {can(role, 'workspace.delete') ? (
        <Card as="section" danger aria-labelledby="delete-heading" className="space-y-3 p-4">
          <h2 id="delete-heading" className="text-lg font-semibold text-red-800">
            Delete this workspace
          </h2>
          <p className="text-sm text-slate-600">
            Deletes {workspace.name} for everyone: its stores and their keys, the synced orders and their history, members and invitations.
            The stores themselves are not touched. This cannot be undone.
          </p>
          <ActionForm action={deleteWorkspaceAction} className="flex flex-wrap items-end gap-3">
            <Field label="Type the workspace name to confirm">
              <Input name="confirmName" autoComplete="off" />
            </Field>
            <Button variant="danger-secondary">Delete workspace</Button>
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
