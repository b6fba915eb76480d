'use client';

import { useActionState } from 'react';
import { resetPasswordAction } from '@/app/(auth)/password-actions';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ErrorMessage } from '@/app/components/ui/messages';

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field label="New password" hint="At least 10 characters.">
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} controlSize="lg" />
      </Field>
      <Field label="New password again">
        <Input name="confirmPassword" type="password" autoComplete="new-password" required minLength={10} controlSize="lg" />
      </Field>
      <ErrorMessage message={state?.error} />
      <Button size="lg" className="w-full" disabled={pending}>
        {pending ? 'One moment…' : 'Set new password'}
      </Button>
    </form>
  );
}
