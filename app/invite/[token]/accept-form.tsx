'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { acceptInvitationAction } from './actions';

export function AcceptInvitationForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, undefined);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Joining…' : `Join ${workspaceName}`}
      </button>
    </form>
  );
}
