'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthFormState } from '@/app/(auth)/actions';

type Props = {
  mode: 'sign-in' | 'sign-up';
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
};

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none';

export function AuthForm({ mode, action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const isSignUp = mode === 'sign-up';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {isSignUp ? (
        <label className="block text-sm font-medium text-slate-700">
          Your name
          <input name="name" autoComplete="name" className={inputClass} />
        </label>
      ) : null}
      <label className="block text-sm font-medium text-slate-700">
        Email
        <input name="email" type="email" autoComplete="email" required defaultValue={state?.email} className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete={isSignUp ? 'new-password' : 'current-password'}
          minLength={isSignUp ? 10 : undefined}
          className={inputClass}
        />
        {isSignUp ? <span className="mt-1 block text-xs text-slate-500">At least 10 characters.</span> : null}
      </label>
      {isSignUp ? null : (
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
            Forgot password?
          </Link>
        </p>
      )}
      {state?.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'One moment…' : isSignUp ? 'Create account' : 'Sign in'}
      </button>
      <p className="text-center text-sm text-slate-600">
        {isSignUp ? (
          <>
            Already have an account? <Link href={withCallback('/sign-in', callbackUrl)} className="font-medium text-brand-600 hover:underline">Sign in</Link>
          </>
        ) : (
          <>
            New to Orderbridge? <Link href={withCallback('/sign-up', callbackUrl)} className="font-medium text-brand-600 hover:underline">Create an account</Link>
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
