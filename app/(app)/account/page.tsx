import type { Metadata } from 'next';
import { planAccountDeletion } from '@/lib/accounts/delete-account';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { signOutEverywhereAction } from '@/app/(auth)/actions';
import { DeleteAccountForm, EmailForm, NameForm, PasswordForm } from './_components/account-forms';
import { changeEmailAction, changeNameAction, changePasswordAction, deleteAccountAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

const cardClass = 'rounded-xl border border-slate-200 bg-white p-5 shadow-sm';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export default async function AccountPage() {
  const { db, user } = await requireWorkspaceContext();
  const plan = await planAccountDeletion(db, user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>

      <section className={cardClass} aria-labelledby="name-heading">
        <h2 id="name-heading" className="mb-3 text-lg font-semibold">Name</h2>
        <NameForm action={changeNameAction} name={user.name} />
      </section>

      <section className={cardClass} aria-labelledby="email-heading">
        <h2 id="email-heading" className="mb-1 text-lg font-semibold">Email address</h2>
        <p className="mb-3 text-sm text-slate-600" data-testid="email-status">
          {user.email} — {user.emailVerifiedAt ? 'confirmed' : 'not confirmed yet'}
        </p>
        <EmailForm action={changeEmailAction} email={user.email} />
      </section>

      <section className={cardClass} aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">Password</h2>
        <PasswordForm action={changePasswordAction} />
      </section>

      <section className={cardClass} aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-1 text-lg font-semibold">Sessions</h2>
        <p className="mb-3 text-sm text-slate-600">Signs your account out in every browser and device, this one included.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Sign out everywhere
          </button>
        </form>
      </section>

      <section className={`${cardClass} border-red-200`} aria-labelledby="delete-heading">
        <h2 id="delete-heading" className="mb-2 text-lg font-semibold text-red-800">Delete account</h2>
        <div className="mb-3 space-y-2 text-sm text-slate-700" data-testid="deletion-plan">
          {plan.deleted.length ? (
            <>
              <p>Deleting your account also deletes these workspaces, which nobody else uses, with everything in them:</p>
              <ul className="list-disc pl-5">
                {plan.deleted.map((workspace) => (
                  <li key={workspace.id}>
                    <strong>{workspace.name}</strong>: {plural(workspace.stores, 'connected store')} (their API keys are erased), {plural(workspace.orders, 'synced order')}, and
                    its sync history and settings
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.left.length ? (
            <p>
              You leave {plan.left.map((workspace) => `“${workspace.name}”`).join(', ')}; {plan.left.length === 1 ? 'it stays' : 'they stay'} with {plan.left.length === 1 ? 'its' : 'their'} other
              members.
            </p>
          ) : null}
          {plan.blocking.length ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
              You are the only owner of {plan.blocking.map((workspace) => `“${workspace.name}”`).join(', ')}, which others still use. Make one of them an owner before you delete your account.
            </p>
          ) : null}
          <p>Your sign-in, sessions and email links stop working at once. This cannot be undone.</p>
        </div>
        <DeleteAccountForm action={deleteAccountAction} blocked={plan.blocking.length > 0} />
      </section>
    </div>
  );
}
