'use client';

import { useActionState } from 'react';
import type { AccountActionState } from '@/app/(app)/account/actions';

type Props = { email: string; action: (state: AccountActionState, formData: FormData) => Promise<AccountActionState> };

/** Shown on every page until the account's address is confirmed, with a rate-limited "send again". */
export function VerifyEmailBanner({ email, action }: Props) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <div role="region" aria-label="Email confirmation" className="border-b border-amber-200 bg-amber-50">
      <form action={formAction} className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2 text-sm text-amber-900">
        <span>
          Please confirm your email address: we sent a link to <strong>{email}</strong>. Until then you cannot invite teammates.
        </span>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100 disabled:opacity-60"
        >
          {pending ? 'Sending…' : 'Send the link again'}
        </button>
        {state ? <span role={state.ok ? 'status' : 'alert'}>{state.ok ? state.data : state.error}</span> : null}
      </form>
    </div>
  );
}
