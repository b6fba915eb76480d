'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { reservePasswordResetRequest, resetPassword, sendPasswordResetEmail } from '@/lib/accounts/password-reset';
import { afterResponse } from '@/lib/actions/after-response';
import { failedAction } from '@/lib/actions/action-state';
import { requestAddress } from '@/lib/auth/request-address';

export type PasswordFormState = { error?: string; sent?: boolean; email?: string } | undefined;

const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);

/**
 * "Forgot password?": the same answer whether or not an account uses the address. The email is sent after the
 * answer (Next.js `after`), so the time to answer does not tell either.
 */
export async function requestPasswordResetAction(_previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const parsed = emailSchema.safeParse(formData.get('email') ?? '');
  const typed = String(formData.get('email') ?? '');
  if (!parsed.success) return { email: typed, error: parsed.error.issues[0]?.message };
  const db = await getDb();
  try {
    await reservePasswordResetRequest(db, parsed.data, await requestAddress());
  } catch (error) {
    return { email: typed, error: failedAction(error).error };
  }
  afterResponse('A password reset email was not sent', () => sendPasswordResetEmail(db, parsed.data));
  return { sent: true, email: parsed.data };
}

/** The form behind a reset link: a new password, every session ended, then on to sign in. */
export async function resetPasswordAction(_previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const token = String(formData.get('token') ?? '');
  const password = String(formData.get('password') ?? '');
  if (password !== String(formData.get('confirmPassword') ?? '')) return { error: 'The two passwords are not the same.' };
  try {
    await resetPassword(await getDb(), token, password);
  } catch (error) {
    return { error: failedAction(error).error };
  }
  redirect('/sign-in?notice=password-reset');
}
