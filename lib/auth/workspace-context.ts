import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getDb, type Db } from '@/db/client';
import type { Workspace } from '@/db/schema';
import { findAccountOfLiveSession } from '@/lib/data/session-liveness';
import { findMembershipOfSession } from '@/lib/data/workspaces';
import { sessionIdOf, sessionUserId } from './auth.config';
import { readSessionToken } from './session-reader';
import { REQUESTED_PATH_HEADER, signInPathFor } from './sign-in-redirect';

export const ACTIVE_WORKSPACE_COOKIE = 'ob_workspace';
/** The active workspace is remembered per browser for a year; it names a preference, never a permission. */
export const ACTIVE_WORKSPACE_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: 'lax',
  secure: process.env.NODE_ENV === 'production' && (process.env.AUTH_URL ?? '').startsWith('https:'),
  path: '/',
  maxAge: 365 * 24 * 60 * 60,
} as const;

/** `emailVerifiedAt`: null until the account's current address is verified (inviting teammates needs it). */
export type SignedInUser = { id: string; email: string; name: string | null; sessionId: string; emailVerifiedAt: Date | null };
export type WorkspaceContext = { db: Db; user: SignedInUser; workspace: Workspace; role: 'owner' | 'admin' | 'member' };

/** What the session token claims; only `resolveWorkspaceContext` checks that its session is still live. */
async function claimedUser(): Promise<Omit<SignedInUser, 'emailVerifiedAt'> | null> {
  const token = await readSessionToken((await cookies()).getAll());
  const id = token ? sessionUserId(token) : null;
  const sessionId = token ? sessionIdOf(token) : null;
  if (!id || !sessionId || !token?.email) return null;
  return { id, email: token.email, name: token.name ?? null, sessionId };
}

/**
 * user → live session → membership → workspace, resolved on the server for every request.
 * Returns null when signed out (no token, or its session ended) or when the user belongs to no workspace.
 */
export async function resolveWorkspaceContext(): Promise<WorkspaceContext | null> {
  const user = await claimedUser();
  if (!user) return null;
  const db = await getDb();
  const preferred = (await cookies()).get(ACTIVE_WORKSPACE_COOKIE)?.value;
  const membership = await findMembershipOfSession(db, { userId: user.id, sessionId: user.sessionId }, preferred);
  if (!membership) return null;
  const { account } = membership;
  return {
    db,
    user: { ...user, email: account.email, name: account.name, emailVerifiedAt: account.emailVerifiedAt },
    workspace: membership.workspace,
    role: membership.role,
  };
}

/** The signed-in person whose session is live, whatever workspace (if any) they belong to: for pages such as an invitation. */
export async function resolveSignedInUser(): Promise<{ db: Db; user: SignedInUser } | null> {
  const user = await claimedUser();
  if (!user) return null;
  const db = await getDb();
  const account = await findAccountOfLiveSession(db, user.id, user.sessionId);
  return account ? { db, user: { ...user, ...account } } : null;
}

/** Where a signed-in person who belongs to no workspace (removed from their last one) creates one. */
export const NO_WORKSPACE_PATH = '/welcome';

/**
 * For pages: the context, or a redirect to sign-in (or, signed in without any workspace, to create one). Resolved once per page render (React's request
 * `cache`), so the layout and the page share one session decode and one membership query. Actions and
 * route handlers call `resolveWorkspaceContext` themselves, outside any render.
 */
export const requireWorkspaceContext = cache(async (): Promise<WorkspaceContext> => {
  const context = await resolveWorkspaceContext();
  if (!context) {
    if (await resolveSignedInUser()) redirect(NO_WORKSPACE_PATH);
    redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  }
  return context;
});
