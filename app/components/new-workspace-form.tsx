'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { createWorkspaceAction } from '@/app/(app)/workspaces/actions';
import { errorClass, inputClass, labelClass } from '@/app/(app)/stores/_components/form-styles';

export function NewWorkspaceForm() {
  const [state, action, pending] = useActionState(createWorkspaceAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <label className={labelClass}>
        Workspace name
        <input name="name" required maxLength={80} className={inputClass} />
      </label>
      {state && !state.ok ? (
        <p role="alert" className={errorClass}>
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Creating…' : 'Create workspace'}
      </button>
    </form>
  );
}
