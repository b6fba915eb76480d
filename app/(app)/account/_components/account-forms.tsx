'use client';

import { useActionState, type ReactNode } from 'react';
import type { AccountActionState } from '@/app/(app)/account/actions';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ActionError, SuccessMessage } from '@/app/components/ui/messages';

type Action = (state: AccountActionState, formData: FormData) => Promise<AccountActionState>;

/** One card of the account page: its fields, the answer of its action, and its button. */
function AccountForm({
  action,
  label,
  title,
  children,
  danger,
}: {
  action: Action;
  label: string;
  title: string;
  children: ReactNode;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} aria-label={title} className="space-y-3" noValidate>
      {children}
      <SuccessMessage message={state?.ok ? state.data : null} />
      <ActionError state={state} />
      <Button variant={danger ? 'danger' : 'primary'} disabled={pending}>
        {pending ? 'One moment…' : label}
      </Button>
    </form>
  );
}

function CurrentPasswordField() {
  return (
    <Field label="Current password">
      <Input name="currentPassword" type="password" autoComplete="current-password" />
    </Field>
  );
}

export function NameForm({ action, name }: { action: Action; name: string | null }) {
  return (
    <AccountForm action={action} title="Name" label="Save name">
      <Field label="Your name">
        <Input name="name" autoComplete="name" defaultValue={name ?? ''} maxLength={100} />
      </Field>
    </AccountForm>
  );
}

export function EmailForm({ action, email }: { action: Action; email: string }) {
  return (
    <AccountForm action={action} title="Email address" label="Change email address">
      <Field label="New email address" hint="We send a confirmation link to the new address; the old one is told of the change.">
        <Input name="email" type="email" autoComplete="email" defaultValue={email} />
      </Field>
      <CurrentPasswordField />
    </AccountForm>
  );
}

export function PasswordForm({ action }: { action: Action }) {
  return (
    <AccountForm action={action} title="Password" label="Change password">
      <CurrentPasswordField />
      <Field label="New password" hint="At least 10 characters. Your other sessions are signed out; this one stays.">
        <Input name="newPassword" type="password" autoComplete="new-password" minLength={10} />
      </Field>
      <Field label="New password again">
        <Input name="confirmPassword" type="password" autoComplete="new-password" minLength={10} />
      </Field>
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
      <CurrentPasswordField />
    </AccountForm>
  );
}
