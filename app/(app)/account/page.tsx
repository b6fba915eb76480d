import type { Metadata } from 'next';
import { planAccountDeletion } from '@/lib/accounts/delete-account';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { plural } from '@/lib/utils/plural';
import { signOutEverywhereAction } from '@/app/(auth)/actions';
import { Button } from '@/app/components/ui/button';
import { Card } from '@/app/components/ui/card';
import { DeleteAccountForm, EmailForm, NameForm, PasswordForm } from './_components/account-forms';
import { changeEmailAction, changeNameAction, changePasswordAction, deleteAccountAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const { db, user } = await requireWorkspaceContext();
  const plan = await planAccountDeletion(db, user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>

      <Card as="section" raised className="p-5" aria-labelledby="name-heading">
        <h2 id="name-heading" className="mb-3 text-lg font-semibold">
          Name
        </h2>
        <NameForm action={changeNameAction} name={user.name} />
      </Card>

      <Card as="section" raised className="p-5" aria-labelledby="email-heading">
        <h2 id="email-heading" className="mb-1 text-lg font-semibold">
          Email address
        </h2>
        <p className="mb-3 text-sm text-slate-600" data-testid="email-status">
          {user.email} — {user.emailVerifiedAt ? 'confirmed' : 'not confirmed yet'}
        </p>
        <EmailForm action={changeEmailAction} email={user.email} />
      </Card>

      <Card as="section" raised className="p-5" aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">
          Password
        </h2>
        <PasswordForm action={changePasswordAction} />
      </Card>

      <Card as="section" raised className="p-5" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-1 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3 text-sm text-slate-600">Signs your account out in every browser and device, this one included.</p>
        <form action={signOutEverywhereAction}>
          <Button variant="secondary">Sign out everywhere</Button>
        </form>
      </Card>

      <Card as="section" raised danger className="p-5" aria-labelledby="delete-heading">
        <h2 id="delete-heading" className="mb-2 text-lg font-semibold text-red-800">
          Delete account
        </h2>
        <div className="mb-3 space-y-2 text-sm text-slate-700" data-testid="deletion-plan">
          {plan.deleted.length ? (
            <>
              <p>Deleting your account also deletes these workspaces, which nobody else uses, with everything in them:</p>
              <ul className="list-disc pl-5">
                {plan.deleted.map((workspace) => (
                  <li key={workspace.id}>
                    <strong>{workspace.name}</strong>: {plural(workspace.stores, 'connected store')} (their API keys are erased),{' '}
                    {plural(workspace.orders, 'synced order')}, and its sync history and settings
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.left.length ? (
            <p>
              You leave {plan.left.map((workspace) => `“${workspace.name}”`).join(', ')};{' '}
              {plan.left.length === 1 ? 'it stays' : 'they stay'} with {plan.left.length === 1 ? 'its' : 'their'} other members.
            </p>
          ) : null}
          {plan.blocking.length ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
              You are the only owner of {plan.blocking.map((workspace) => `“${workspace.name}”`).join(', ')}, which others still use. Make
              one of them an owner before you delete your account.
            </p>
          ) : null}
          <p>Your sign-in, sessions and email links stop working at once. This cannot be undone.</p>
        </div>
        <DeleteAccountForm action={deleteAccountAction} blocked={plan.blocking.length > 0} />
      </Card>
    </div>
  );
}
