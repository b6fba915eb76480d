'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { requestPasswordResetAction, resetPasswordAction } from '@/app/(auth)/password-actions';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none';
const buttonClass = 'w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60';

function ErrorLine({ error }: { error?: string }) {
  return error ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, undefined);
  if (state?.sent) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p>
          If an Orderbridge account uses <strong>{state.email}</strong>, we have sent it a link to choose a new password. The link works once, within an hour.
        </p>
        <p>No email after a few minutes? Check your spam folder, or make sure you typed the address you signed up with.</p>
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <label className="block text-sm font-medium text-slate-700">
        Email
        <input name="email" type="email" autoComplete="email" required defaultValue={state?.email} className={inputClass} />
      </label>
      <ErrorLine error={state?.error} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'One moment…' : 'Email me a reset link'}
      </button>
      <p className="text-center text-sm text-slate-600">
        Remembered it? <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">Sign in</Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <label className="block text-sm font-medium text-slate-700">
        New password
        <input name="password" type="password" autoComplete="new-password" required minLength={10} className={inputClass} />
        <span className="mt-1 block text-xs text-slate-500">At least 10 characters.</span>
      </label>
      <label className="block text-sm font-medium text-slate-700">
        New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" required minLength={10} className={inputClass} />
      </label>
      <ErrorLine error={state?.error} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'One moment…' : 'Set new password'}
      </button>
    </form>
  );
}
