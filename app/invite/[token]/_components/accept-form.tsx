'use client';

import { useActionState } from 'react';
import { Button } from '@/app/components/ui/button';
import { ActionError } from '@/app/components/ui/messages';
import { acceptInvitationAction } from '@/app/invite/[token]/actions';

export function AcceptInvitationForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, undefined);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <ActionError state={state} />
      <Button disabled={pending}>{pending ? 'Joining…' : `Join ${workspaceName}`}</Button>
    </form>
  );
}
