import 'server-only';

import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, users, workspaces, type Invitation, type MembershipRole, type Workspace } from '@/db/schema';

export type PendingInvitation = Pick<Invitation, 'id' | 'email' | 'role' | 'createdAt' | 'sentAt' | 'expiresAt'> & {
  invitedBy: string | null;
};

export async function listInvitations(db: Db, workspaceId: string): Promise<PendingInvitation[]> {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      invitedBy: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(eq(invitations.workspaceId, workspaceId))
    .orderBy(asc(invitations.createdAt));
}

export async function findInvitation(db: Db, workspaceId: string, invitationId: string): Promise<Invitation | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId)))
    .limit(1);
  return row ?? null;
}

/** The invitation a link's token names, with its workspace; the token itself is never stored, only its hash. */
export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ invitation: Invitation; workspace: Workspace } | null> {
  const [row] = await db
    .select({ invitation: invitations, workspace: workspaces })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** Creates the invitation (its email already lower-cased), or renews the pending one for the same address (a new token, role and expiry). */
export async function upsertInvitation(
  db: Db,
  values: { workspaceId: string; email: string; role: MembershipRole; tokenHash: string; invitedByUserId: string; expiresAt: Date },
): Promise<Invitation> {
  const [row] = await db
    .insert(invitations)
    .values(values)
    .onConflictDoUpdate({
      target: [invitations.workspaceId, invitations.email],
      set: {
        role: values.role,
        tokenHash: values.tokenHash,
        invitedByUserId: values.invitedByUserId,
        expiresAt: values.expiresAt,
        sentAt: sql`now()`,
      },
    })
    .returning();
  return row;
}

export async function renewInvitationToken(
  db: Db,
  workspaceId: string,
  invitationId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<Invitation | null> {
  const [row] = await db
    .update(invitations)
    .set({ tokenHash, expiresAt, sentAt: sql`now()` })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId)))
    .returning();
  return row ?? null;
}

/** Uses up an invitation by its token, if it is still the live one: the role returned is the one in force now. */
export async function takeInvitationByTokenHash(
  db: Db,
  workspaceId: string,
  tokenHash: string,
  now: Date,
): Promise<{ email: string; role: MembershipRole } | null> {
  const [row] = await db
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.tokenHash, tokenHash), gt(invitations.expiresAt, now)))
    .returning({ email: invitations.email, role: invitations.role });
  return row ?? null;
}

export async function deleteInvitation(db: Db, workspaceId: string, invitationId: string): Promise<boolean> {
  const rows = await db
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}
