'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sendVerificationEmail } from '@/lib/accounts/email-verification';
import { signUp, signUpSchema } from '@/lib/accounts/sign-up';
import { signIn, signOut } from '@/lib/auth/auth';
import { getDb } from '@/db/client';
import { failedAction } from '@/lib/actions/action-state';
import { afterResponse } from '@/lib/actions/after-response';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { requestAddress } from '@/lib/auth/request-address';
import { deleteSessionsOfUser } from '@/lib/data/user-sessions';
import { describeDuration, RATE_LIMITS, reserveOrThrow } from '@/lib/rate-limits';

export type AuthFormState = { error?: string; email?: string } | undefined;

/** Only same-site paths are followed after sign-in, so a crafted link cannot send a merchant elsewhere. */
function safeRedirectPath(value: FormDataEntryValue | null, fallback: string): string {
  if (typeof value !== 'string' || !value) return fallback;
  try {
    const url = new URL(value, 'http://orderbridge.invalid');
    if (url.origin !== 'http://orderbridge.invalid' && !value.startsWith('http')) return fallback;
    const path = `${url.pathname}${url.search}`;
    return path.startsWith('/') && !path.startsWith('//') && !['/sign-in', '/sign-up'].includes(url.pathname) ? path : fallback;
  } catch {
    return fallback;
  }
}

async function signInWithCredentials(email: string, password: string, redirectTo: string): Promise<AuthFormState> {
  try {
    await signIn('credentials', { email, password, redirectTo });
    return undefined;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return error.code === 'locked'
        ? {
            email,
            error: `Too many failed sign-ins for this email or from your network. Wait up to ${describeDuration(RATE_LIMITS.signInPerAccount.windowMs)} and try again.`,
          }
        : { email, error: 'That email and password do not match an account.' };
    }
    if (error instanceof AuthError) return { email, error: 'Sign-in failed. Try again in a moment.' };
    throw error;
  }
}

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = String(formData.get('email') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!email || !password) return { email, error: 'Enter your email and password.' };
  return signInWithCredentials(email, password, safeRedirectPath(formData.get('callbackUrl'), '/dashboard'));
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signUpSchema.safeParse({
    name: formData.get('name') ?? '',
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
  });
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) return { email, error: parsed.error.issues[0]?.message ?? 'Check the form and try again.' };
  try {
    const db = await getDb();
    await reserveOrThrow(db, [[RATE_LIMITS.signUpPerAddress, await requestAddress()]]);
    const { user } = await signUp(db, parsed.data);
    afterResponse('The verification email of a new account was not sent', () => sendVerificationEmail(db, user), { userId: user.id });
  } catch (error) {
    return { email, error: failedAction(error).error };
  }
  return signInWithCredentials(parsed.data.email, parsed.data.password, safeRedirectPath(formData.get('callbackUrl'), '/onboarding'));
}

/** Ends this browser's session: its token is refused from now on, even where a copy of it was kept. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}

const endEverySession = workspaceAction(
  z.object({}),
  async (_input, { db, user }) => {
    await deleteSessionsOfUser(db, user.id);
    await signOut({ redirectTo: '/sign-in' });
  },
  { permission: 'account.own' },
);

/** Ends every session of the signed-in user, in every browser, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const outcome = await endEverySession(undefined, undefined);
  if (outcome && !outcome.ok) redirect('/sign-in');
}
