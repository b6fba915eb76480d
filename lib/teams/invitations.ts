import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { MEMBERSHIP_ROLES, type Invitation, type MembershipRole, type Workspace } from '@/db/schema';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import {
  deleteInvitation,
  findInvitation,
  findInvitationByTokenHash,
  renewInvitationToken,
  takeInvitationByTokenHash,
  upsertInvitation,
} from '@/lib/data/invitations';
import { addMember, findMember, lockWorkspace } from '@/lib/data/members';
import { isEmailVerified } from '@/lib/accounts/email-verification';
import { findUserByEmail, findUserById } from '@/lib/data/users';
import { logError } from '@/lib/log';
import { RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

export type InvitationMail = { to: string; subject: string; text: string };
/** How invitation emails leave: the app passes lib/mail; tests pass a real SMTP server's client or a recorder. */
export type InvitationMailer = { send: (message: InvitationMail) => Promise<void>; link: (path: string) => string };

export const inviteInput = z.object({
  email: z.string({ message: 'Enter the email address to invite.' }).trim().toLowerCase().email('Enter a valid email address.'),
  role: z.enum(MEMBERSHIP_ROLES, { message: 'Choose a role.' }),
});

type Inviter = { id: string; email: string; name: string | null };

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

/** Only a person whose own address is confirmed may send invitations, and each one counts against the sending limits. */
async function countSending(db: Db, workspaceId: string, inviterId: string): Promise<void> {
  if (!(await isEmailVerified(db, inviterId))) {
    throw new UserFacingError(
      'Confirm your email address before inviting teammates: follow the link we sent you, or send it again from the banner.',
      'email_unverified',
    );
  }
  await reserveOrThrow(db, [
    [RATE_LIMITS.invitationsPerWorkspace, workspaceId],
    [RATE_LIMITS.invitationsPerUser, inviterId],
  ]);
}

function invitationMail(
  workspace: Pick<Workspace, 'name'>,
  inviter: Inviter,
  invitation: Pick<Invitation, 'email' | 'role' | 'expiresAt'>,
  url: string,
): InvitationMail {
  const who = inviter.name ? `${inviter.name} (${inviter.email})` : inviter.email;
  return {
    to: invitation.email,
    subject: `Join ${workspace.name} on Orderbridge`,
    text: [
      `${who} invited you to the workspace "${workspace.name}" on Orderbridge as ${ROLE_LABELS[invitation.role].toLowerCase()}.`,
      '',
      'Accept the invitation (sign in, or create an account with this email address):',
      url,
      '',
      `The link works until ${invitation.expiresAt.toUTCString()}. If you were not expecting it, ignore this email.`,
    ].join('\n'),
  };
}

async function deliver(
  mailer: InvitationMailer,
  message: InvitationMail,
  context: { workspaceId: string; invitationId: string },
): Promise<void> {
  try {
    await mailer.send(message);
  } catch (error) {
    logError('invitation email could not be sent', error, context);
    throw new UserFacingError('The invitation is saved, but its email could not be sent. Try Resend in a moment.', 'mail_failed');
  }
}

/** Invites an address with a role, or renews the pending invitation for it; counted against the sending limits before anything is sent. */
export async function inviteMember(
  db: Db,
  workspace: Workspace,
  inviter: Inviter,
  input: z.input<typeof inviteInput>,
  mailer: InvitationMailer,
  now = new Date(),
): Promise<{ invitationId: string; email: string; role: MembershipRole }> {
  const { email, role } = inviteInput.parse(input);
  const existing = await findMemberByEmail(db, workspace.id, email);
  if (existing) throw new UserFacingError(`${email} is already a member of this workspace.`, 'already_member');
  await countSending(db, workspace.id, inviter.id);
  const { token, tokenHash } = newToken();
  const invitation = await upsertInvitation(db, {
    workspaceId: workspace.id,
    email,
    role,
    tokenHash,
    invitedByUserId: inviter.id,
    expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
  });
  await deliver(mailer, invitationMail(workspace, inviter, invitation, mailer.link(`/invite/${token}`)), {
    workspaceId: workspace.id,
    invitationId: invitation.id,
  });
  return { invitationId: invitation.id, email, role };
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvitation(
  db: Db,
  workspace: Workspace,
  inviter: Inviter,
  invitationId: string,
  mailer: InvitationMailer,
  now = new Date(),
): Promise<void> {
  if (!isUuid(invitationId) || !(await findInvitation(db, workspace.id, invitationId))) throw new NotFoundError('That invitation');
  await countSending(db, workspace.id, inviter.id);
  const { token, tokenHash } = newToken();
  const invitation = await renewInvitationToken(
    db,
    workspace.id,
    invitationId,
    tokenHash,
    new Date(now.getTime() + INVITATION_LIFETIME_MS),
  );
  if (!invitation) throw new NotFoundError('That invitation');
  await deliver(mailer, invitationMail(workspace, inviter, invitation, mailer.link(`/invite/${token}`)), {
    workspaceId: workspace.id,
    invitationId,
  });
}

export async function revokeInvitation(db: Db, workspaceId: string, invitationId: string): Promise<void> {
  if (!isUuid(invitationId) || !(await deleteInvitation(db, workspaceId, invitationId))) throw new NotFoundError('That invitation');
}

export type InvitationLookup =
  | { state: 'valid'; invitation: Invitation; workspace: Workspace }
  | { state: 'expired'; invitation: Invitation; workspace: Workspace }
  | { state: 'unknown' };

/** What a link's token names. An unknown token (revoked, accepted, resent, or never issued) says nothing more. */
export async function lookUpInvitation(db: Db, token: string, now = new Date()): Promise<InvitationLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
  const found = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!found) return { state: 'unknown' };
  return { state: found.invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid', ...found };
}

/**
 * Joins the signed-in person to the invitation's workspace with its role, once: the invitation is used up in the
 * same transaction, by its token, so a link replaced by a resend or revoked meanwhile no longer works and the role
 * is the one in force at that moment. Only an account whose confirmed address is the one the invitation was sent
 * to may accept it: holding the link is not enough, since a link can be forwarded or leak, and anyone can give an
 * account an unconfirmed address.
 */
export async function acceptInvitation(db: Db, token: string, user: { id: string }, now = new Date()): Promise<Workspace> {
  const lookup = await lookUpInvitation(db, token, now);
  if (lookup.state === 'unknown')
    throw new UserFacingError(
      'This invitation link is no longer valid: it was used, revoked or replaced by a newer one. Ask for a new invitation.',
      'invitation_unknown',
    );
  if (lookup.state === 'expired')
    throw new UserFacingError('This invitation has expired. Ask the person who invited you to resend it.', 'invitation_expired');
  const { invitation, workspace } = lookup;
  await db.transaction(async (tx) => {
    if (!(await lockWorkspace(tx, workspace.id))) throw new NotFoundError('That workspace');
    const account = await findUserById(tx, user.id);
    if (!account || account.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new UserFacingError(
        `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`,
        'invitation_other_address',
      );
    }
    if (!account.emailVerifiedAt) {
      throw new UserFacingError(
        `Confirm your address first: open the link we emailed to ${account.email}, then open this invitation again.`,
        'invitation_unconfirmed_address',
      );
    }
    const taken = await takeInvitationByTokenHash(tx, workspace.id, hashInvitationToken(token), now);
    if (!taken) throw new UserFacingError('This invitation link is no longer valid. Ask for a new invitation.', 'invitation_unknown');
    await addMember(tx, workspace.id, user.id, taken.role);
  });
  return workspace;
}

async function findMemberByEmail(db: Db, workspaceId: string, email: string) {
  const user = await findUserByEmail(db, email);
  return user ? findMember(db, workspaceId, user.id) : null;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
