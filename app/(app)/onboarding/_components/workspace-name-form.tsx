'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { errorClass, hintClass, inputClass, labelClass } from '../../stores/_components/form-styles';
import { saveWorkspaceNameAction } from '../actions';

export function WorkspaceNameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(saveWorkspaceNameAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <label className={labelClass}>
        Workspace name
        <input name="name" defaultValue={name} required maxLength={80} className={inputClass} />
        <span className={hintClass}>Usually your business name; everyone you invite sees it.</span>
      </label>
      {state && !state.ok ? (
        <p role="alert" className={errorClass}>
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Saving…' : 'Save and continue'}
      </button>
    </form>
  );
}
