import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import { classNames } from './class-names';

const ERROR = 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-700';
const SUCCESS = 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800';
const PLAIN_SUCCESS = 'text-sm text-emerald-700';

/** A failure, announced at once; nothing without a message. */
export function ErrorMessage({ message, className }: { message?: ReactNode; className?: string }) {
  return message ? (
    <p role="alert" className={classNames(ERROR, className)}>
      {message}
    </p>
  ) : null;
}

/** A done deed, announced politely; nothing without a message. `plain` beside a small control, where a box would crowd it. */
export function SuccessMessage({ message, className, plain = false }: { message?: ReactNode; className?: string; plain?: boolean }) {
  return message ? (
    <p role="status" className={classNames(plain ? PLAIN_SUCCESS : SUCCESS, className)}>
      {message}
    </p>
  ) : null;
}

/** The error of a server action's answer, when it failed. */
export function ActionError({ state, className }: { state: ActionState<unknown>; className?: string }) {
  return <ErrorMessage message={state && !state.ok ? state.error : null} className={className} />;
}
