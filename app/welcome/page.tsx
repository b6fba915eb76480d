import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { createWorkspaceAction } from '@/app/(app)/workspaces/actions';
import { StandalonePage } from '@/app/components/standalone-page';
import { WorkspaceNameForm } from '@/app/components/workspace-name-form';
import { resolveSignedInUser, resolveWorkspaceContext } from '@/lib/auth/workspace-context';
import { signOutAction } from '@/app/(auth)/actions';

export const metadata: Metadata = { title: 'Create a workspace' };

/** For a signed-in person who belongs to no workspace any more (removed from their last one): start a new one. */
export default async function WelcomePage() {
  if (await resolveWorkspaceContext()) redirect('/dashboard');
  const signedIn = await resolveSignedInUser();
  if (!signedIn) redirect('/sign-in');
  return (
    <StandalonePage width="md">
      <h1 className="text-xl font-semibold">You are not in any workspace</h1>
      <p className="text-sm text-slate-600">
        Signed in as {signedIn.user.email}. Create a workspace for your stores, or follow an invitation link an owner sends you.
      </p>
      <WorkspaceNameForm action={createWorkspaceAction} submitLabel="Create workspace" pendingLabel="Creating…" />
      <form action={signOutAction}>
        <button type="submit" className="text-sm text-slate-600 hover:underline">
          Sign out
        </button>
      </form>
    </StandalonePage>
  );
}
