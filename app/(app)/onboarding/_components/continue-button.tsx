'use client';

import { useActionState } from 'react';
import { continueOnboardingAction } from '@/app/(app)/onboarding/actions';
import { Button } from '@/app/components/ui/button';
import { ActionError } from '@/app/components/ui/messages';

export function ContinueButton({ to, label, disabled = false }: { to: string; label: string; disabled?: boolean }) {
  const [state, action, pending] = useActionState(continueOnboardingAction, undefined);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="to" value={to} />
      <ActionError state={state} />
      <Button disabled={pending || disabled}>{pending ? 'One moment…' : label}</Button>
    </form>
  );
}
