import { unstable_rethrow } from 'next/navigation';
import { toMerchantFacing } from '@/lib/errors';
import type { LogContext } from '@/lib/log';

export type ActionState<T = undefined> =
  { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[]> } | undefined;

/**
 * What the browser is told of an action that threw (lib/errors.ts decides what may be shown). Next.js's own
 * signals (redirect, notFound) pass through.
 */
export function failedAction(error: unknown, context: LogContext = {}): { ok: false; error: string } {
  unstable_rethrow(error);
  return { ok: false, error: toMerchantFacing(error, 'server action failed unexpectedly', context).message };
}
