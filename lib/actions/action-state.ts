import { unstable_rethrow } from 'next/navigation';
import { toMerchantFacing } from '@/lib/errors';
import type { LogContext } from '@/lib/log';

export type ActionState<T = undefined> =
  { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[]> } | undefined;

/** An action asked for by a browser whose session is gone (signed out elsewhere, expired). */
export function sessionEnded(): { ok: false; error: string } {
  return { ok: false, error: 'Your session has ended. Sign in again.' };
}

/**
 * What the browser is told of an action that threw (lib/errors.ts decides what may be shown). Next.js's own
 * signals (redirect, notFound) pass through.
 */
export function failedAction(error: unknown, context: LogContext = {}): { ok: false; error: string } {
  unstable_rethrow(error);
  return { ok: false, error: toMerchantFacing(error, 'server action failed unexpectedly', context).message };
}
