'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { errorClass } from '../../stores/_components/form-styles';
import { continueOnboardingAction } from '../actions';

export function ContinueButton({ to, label, disabled = false }: { to: string; label: string; disabled?: boolean }) {
  const [state, action, pending] = useActionState(continueOnboardingAction, undefined);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="to" value={to} />
      {state && !state.ok ? (
        <p role="alert" className={errorClass}>
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending || disabled} className={primaryButton}>
        {pending ? 'One moment…' : label}
      </button>
    </form>
  );
}
