'use server';

import { z } from 'zod';
import { changePassword } from '@/lib/accounts/change-password';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { resendVerificationEmail } from '@/lib/accounts/email-verification';
import { changeEmail, changeName, nameSchema } from '@/lib/accounts/profile';
import { passwordChangedNotice } from '@/lib/accounts/account-emails';
import { UserFacingError } from '@/lib/errors';
import type { ActionState } from '@/lib/actions/action-state';
import { afterResponse } from '@/lib/actions/after-response';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { signOut } from '@/lib/auth/auth';
import { sendMail } from '@/lib/mail';

export type AccountActionState = ActionState<string>;

const OWN_ACCOUNT = { permission: 'account.own' } as const;

const saveName = workspaceAction(
  z.object({ name: nameSchema }),
  async ({ name }, { db, user }) => {
    await changeName(db, user.id, name);
    return 'Your name was saved.';
  },
  OWN_ACCOUNT,
);

const saveEmail = workspaceAction(
  z.object({ email: z.string(), currentPassword: z.string().min(1, 'Enter your current password.') }),
  async ({ email, currentPassword }, { db, user }) => {
    const changed = await changeEmail(db, user.id, currentPassword, email);
    return `Your email address is now ${changed.email}. We sent a link there: follow it to confirm the address.`;
  },
  OWN_ACCOUNT,
);

const savePassword = workspaceAction(
  z.object({ currentPassword: z.string().min(1, 'Enter your current password.'), newPassword: z.string(), confirmPassword: z.string() }),
  async ({ currentPassword, newPassword, confirmPassword }, { db, user }) => {
    if (newPassword !== confirmPassword) throw new UserFacingError('The two new passwords are not the same.', 'mismatch');
    await changePassword(db, user.id, user.sessionId, currentPassword, newPassword);
    afterResponse('The password-changed notice was not sent', () => sendMail(passwordChangedNotice(user.email, user.name)), {
      userId: user.id,
    });
    return 'Your password was changed. Your other sessions were signed out; this one stays signed in.';
  },
  OWN_ACCOUNT,
);

const resend = workspaceAction(
  z.object({}),
  async (_input, { db, user }) => {
    const outcome = await resendVerificationEmail(db, user.id);
    return outcome === 'sent' ? `We sent a new link to ${user.email}.` : 'Your email address is already confirmed.';
  },
  OWN_ACCOUNT,
);

const removeAccount = workspaceAction(
  z.object({
    currentPassword: z.string().min(1, 'Enter your current password.'),
    confirm: z.literal('on', { error: 'Tick the box to confirm.' }),
  }),
  async ({ currentPassword }, { db, user }) => {
    await deleteAccount(db, user.id, currentPassword);
    return 'deleted';
  },
  OWN_ACCOUNT,
);

export async function changeNameAction(previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return saveName(previous, formData);
}

export async function changeEmailAction(previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return saveEmail(previous, formData);
}

export async function changePasswordAction(previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return savePassword(previous, formData);
}

export async function resendVerificationAction(previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return resend(previous, formData);
}

/** Deletes the account (after its password and a ticked confirmation), then this browser's session cookie. */
export async function deleteAccountAction(previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const outcome = await removeAccount(previous, formData);
  if (outcome?.ok) await signOut({ redirectTo: '/sign-in?notice=account-deleted' });
  return outcome;
}
