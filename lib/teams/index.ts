export { changeMemberRole, removeMember, leaveWorkspace, LAST_OWNER_MESSAGE } from './members';
export { createWorkspace, deleteWorkspace, workspaceNameInput } from './workspaces';
export {
  acceptInvitation,
  hashInvitationToken,
  inviteInput,
  inviteMember,
  lookUpInvitation,
  resendInvitation,
  revokeInvitation,
  INVITATION_LIFETIME_MS,
  type InvitationLookup,
  type InvitationMail,
  type InvitationMailer,
} from './invitations';
