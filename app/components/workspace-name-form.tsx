'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ActionError } from '@/app/components/ui/messages';

type Props<T> = {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  name?: string;
  hint?: string;
  submitLabel: string;
  pendingLabel: string;
};

/** Naming a workspace, new (creating it) or during onboarding (renaming it). */
export function WorkspaceNameForm<T>({ action, name, hint, submitLabel, pendingLabel }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field label="Workspace name" hint={hint}>
        <Input name="name" defaultValue={name} required maxLength={80} />
      </Field>
      <ActionError state={state} />
      <Button disabled={pending}>{pending ? pendingLabel : submitLabel}</Button>
    </form>
  );
}
