import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NewWorkspaceForm } from '@/app/components/new-workspace-form';
import { resolveSignedInUser, resolveWorkspaceContext } from '@/lib/auth/workspace-context';
import { signOutAction } from '../(auth)/actions';

export const metadata: Metadata = { title: 'Create a workspace' };

/** For a signed-in person who belongs to no workspace any more (removed from their last one): start a new one. */
export default async function WelcomePage() {
  if (await resolveWorkspaceContext()) redirect('/dashboard');
  const signedIn = await resolveSignedInUser();
  if (!signedIn) redirect('/sign-in');
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">You are not in any workspace</h1>
        <p className="text-sm text-slate-600">
          Signed in as {signedIn.user.email}. Create a workspace for your stores, or follow an invitation link an owner sends you.
        </p>
        <NewWorkspaceForm />
        <form action={signOutAction}>
          <button type="submit" className="text-sm text-slate-600 hover:underline">
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
