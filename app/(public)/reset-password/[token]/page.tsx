import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from './_components/reset-password-form';
import { getDb } from '@/db/client';
import { isPasswordResetTokenLive } from '@/lib/accounts/password-reset';

// The token is in this page's address: it must not travel to anyone in a Referer header.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await isPasswordResetTokenLive(await getDb(), token))) {
    return (
      <div role="alert" className="space-y-3 text-sm text-slate-700">
        <h1 className="text-xl font-semibold text-slate-900">This link no longer works</h1>
        <p>A reset link works once, within an hour of being sent; once a new password is set, every earlier link stops working.</p>
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
          Ask for a new link
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Choose a new password</h1>
      <p className="mb-4 text-sm text-slate-600">Your account is then signed out everywhere; sign in again with the new password.</p>
      <ResetPasswordForm token={token} />
    </>
  );
}
