'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { requestPasswordResetAction } from '@/app/(auth)/password-actions';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ErrorMessage } from '@/app/components/ui/messages';

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, undefined);
  if (state?.sent) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p>
          If an Orderbridge account uses <strong>{state.email}</strong>, we have sent it a link to choose a new password. The link works
          once, within an hour.
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
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" required defaultValue={state?.email} controlSize="lg" />
      </Field>
      <ErrorMessage message={state?.error} />
      <Button size="lg" className="w-full" disabled={pending}>
        {pending ? 'One moment…' : 'Email me a reset link'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Remembered it?{' '}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
