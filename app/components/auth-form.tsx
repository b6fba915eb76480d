'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthFormState } from '@/app/(auth)/actions';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ErrorMessage } from '@/app/components/ui/messages';

type Props = {
  mode: 'sign-in' | 'sign-up';
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
};

export function AuthForm({ mode, action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const isSignUp = mode === 'sign-up';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {isSignUp ? (
        <Field label="Your name">
          <Input name="name" autoComplete="name" controlSize="lg" />
        </Field>
      ) : null}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" required defaultValue={state?.email} controlSize="lg" />
      </Field>
      <Field label="Password" hint={isSignUp ? 'At least 10 characters.' : undefined}>
        <Input
          name="password"
          type="password"
          required
          autoComplete={isSignUp ? 'new-password' : 'current-password'}
          minLength={isSignUp ? 10 : undefined}
          controlSize="lg"
        />
      </Field>
      {isSignUp ? null : (
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
            Forgot password?
          </Link>
        </p>
      )}
      <ErrorMessage message={state?.error} />
      <Button size="lg" className="w-full" disabled={pending}>
        {pending ? 'One moment…' : isSignUp ? 'Create account' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {isSignUp ? (
          <>
            Already have an account?{' '}
            <Link href={withCallback('/sign-in', callbackUrl)} className="font-medium text-brand-600 hover:underline">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New to Orderbridge?{' '}
            <Link href={withCallback('/sign-up', callbackUrl)} className="font-medium text-brand-600 hover:underline">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}

/** Carries the way back (e.g. an invitation link) between sign-in and sign-up. */
function withCallback(path: string, callbackUrl: string | undefined): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}
