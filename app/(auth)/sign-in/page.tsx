import type { Metadata } from 'next';
import { AuthForm } from '@/app/components/auth-form';
import { SuccessMessage } from '@/app/components/ui/messages';
import { signInAction } from '@/app/(auth)/actions';

export const metadata: Metadata = { title: 'Sign in' };

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password was changed and every session of your account was signed out. Sign in with the new password.',
  'account-deleted': 'Your account was deleted.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; notice?: string }> }) {
  const { callbackUrl, notice } = await searchParams;
  const noticeText = notice ? NOTICES[notice] : undefined;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SuccessMessage message={noticeText} className="mb-4" />
      <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} />
    </>
  );
}
