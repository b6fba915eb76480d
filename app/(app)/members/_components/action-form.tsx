'use client';

import { useActionState, type ReactNode } from 'react';
import { ActionError, SuccessMessage } from '@/app/components/ui/messages';
import type { ActionState } from '@/lib/actions/action-state';

/** A small form around one members action: hidden fields, the controls given, and the action's answer beneath. */
export function ActionForm<T>({
  action,
  fields,
  children,
  success,
  className,
}: {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  fields?: Record<string, string>;
  children: ReactNode;
  success?: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, undefined);
  return (
    <form action={formAction} className={className ?? 'inline-flex flex-wrap items-center gap-2'} aria-busy={pending}>
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <ActionError state={state} className="basis-full" />
      <SuccessMessage plain message={state?.ok ? success : null} className="basis-full" />
    </form>
  );
}
