'use client';

import { useActionState, type ReactNode } from 'react';
import { errorClass, hintClass, inputClass, labelClass } from '@/app/(app)/stores/_components/form-styles';
import type { AccountActionState } from '../actions';

type Action = (state: AccountActionState, formData: FormData) => Promise<AccountActionState>;

const buttonClass = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60';

function Outcome({ state }: { state: AccountActionState }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {state.data}
    </p>
  ) : (
    <p role="alert" className={errorClass}>
      {state.error}
    </p>
  );
}

/** One card of the account page: its fields, the answer of its action, and its button. */
function AccountForm({ action, label, title, children, danger }: { action: Action; label: string; title: string; children: ReactNode; danger?: boolean }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} aria-label={title} className="space-y-3" noValidate>
      {children}
      <Outcome state={state} />
      <button type="submit" disabled={pending} className={danger ? buttonClass.replace('bg-brand-600', 'bg-red-600').replace('hover:bg-brand-700', 'hover:bg-red-700') : buttonClass}>
        {pending ? 'One moment…' : label}
      </button>
    </form>
  );
}

export function NameForm({ action, name }: { action: Action; name: string | null }) {
  return (
    <AccountForm action={action} title="Name" label="Save name">
      <label className={labelClass}>
        Your name
        <input name="name" autoComplete="name" defaultValue={name ?? ''} className={inputClass} maxLength={100} />
      </label>
    </AccountForm>
  );
}

export function EmailForm({ action, email }: { action: Action; email: string }) {
  return (
    <AccountForm action={action} title="Email address" label="Change email address">
      <label className={labelClass}>
        New email address
        <input name="email" type="email" autoComplete="email" defaultValue={email} className={inputClass} />
        <span className={hintClass}>We send a confirmation link to the new address; the old one is told of the change.</span>
      </label>
      <label className={labelClass}>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />
      </label>
    </AccountForm>
  );
}

export function PasswordForm({ action }: { action: Action }) {
  return (
    <AccountForm action={action} title="Password" label="Change password">
      <label className={labelClass}>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />
      </label>
      <label className={labelClass}>
        New password
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} className={inputClass} />
        <span className={hintClass}>At least 10 characters. Your other sessions are signed out; this one stays.</span>
      </label>
      <label className={labelClass}>
        New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" minLength={10} className={inputClass} />
      </label>
    </AccountForm>
  );
}

export function DeleteAccountForm({ action, blocked }: { action: Action; blocked: boolean }) {
  if (blocked) return null;
  return (
    <AccountForm action={action} title="Delete account" label="Delete my account" danger>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="confirm" className="mt-1" />
        <span>I understand that this deletes my account and everything listed above, and that it cannot be undone.</span>
      </label>
      <label className={labelClass}>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />
      </label>
    </AccountForm>
  );
}
